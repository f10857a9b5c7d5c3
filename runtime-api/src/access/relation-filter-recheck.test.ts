import { compileForm, createRegistry, type FormDefinition } from '@baton/engine';
import { describe, expect, it } from 'vitest';
import { relationIdsToJudge } from './relation-filter-check.js';

// Assets filtered to the records the person named in `employeeId` holds (as in the offboarding request);
// `notes` is read by no filter.
const form = compileForm({
  kind: 'form', key: 'request', version: 1, title: 'Request',
  fields: [
    { key: 'employeeId', type: 'user', label: 'Employee' },
    { key: 'notes', type: 'text', label: 'Notes' },
    {
      key: 'assets', type: 'sub-table', label: 'Assets',
      fields: [{ key: 'assetId', type: 'relation', label: 'Asset', config: { form: 'asset', filter: { '==': [{ var: 'record.holderId' }, { var: 'form.employeeId' }] } } }],
    },
  ],
} as unknown as FormDefinition, createRegistry());

const judged = (data: Record<string, unknown>, formData: Record<string, unknown>, previous: Record<string, unknown>) =>
  relationIdsToJudge([form], data, formData, previous).map((a) => [a.id, a.pointer]);

describe('relationIdsToJudge', () => {
  const stored = { employeeId: 'u1', notes: 'a', assets: [{ assetId: 'A' }, { assetId: 'B' }] };

  it('judges only new values while the filter inputs stay the same', () => {
    expect(judged({ notes: 'b' }, { ...stored, notes: 'b' }, stored)).toEqual([]);
    const more = [{ assetId: 'A' }, { assetId: 'B' }, { assetId: 'C' }];
    expect(judged({ assets: more }, { ...stored, assets: more }, stored)).toEqual([['C', '/assets/2/assetId']]);
  });

  it('judges every value already there when employeeId changes, even if the submission did not touch them', () => {
    expect(judged({ employeeId: 'u2' }, { ...stored, employeeId: 'u2' }, stored)).toEqual([['A', '/assets/0/assetId'], ['B', '/assets/1/assetId']]);
  });

  it('judges everything on a first submission', () => {
    expect(judged(stored, stored, {})).toEqual([['A', '/assets/0/assetId'], ['B', '/assets/1/assetId']]);
  });
});
