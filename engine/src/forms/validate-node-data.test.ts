import { describe, expect, it } from 'vitest';
import { createRegistry } from '../registry/create-registry.js';
import { compileForm } from './compile-form.js';
import { pickFormData } from './pick-form-data.js';
import { validateNodeData } from './validate-node-data.js';

const registry = createRegistry();
const start = compileForm({
  kind: 'form', key: 'request', version: 1, title: 'Request',
  fields: [
    { key: 'employeeId', type: 'user', label: 'Employee', required: true },
    { key: 'assets', type: 'sub-table', label: 'Assets', fields: [
      { key: 'tag', type: 'text', label: 'Tag', required: true },
      { key: 'returned', type: 'boolean', label: 'Returned' },
    ] },
  ],
  access: { admin: { '*': 'readonly', assets: 'editable', 'assets.*': 'readonly', 'assets.returned': 'editable' } },
} as never, registry);
const interview = compileForm({
  kind: 'form', key: 'interview', version: 1, title: 'Interview',
  fields: [{ key: 'interviewDate', type: 'date', label: 'Date', required: true }, { key: 'notes', type: 'long-text', label: 'Notes' }],
} as never, registry);

const previous = { employeeId: 'u1', assets: [{ tag: 'LT-1' }], interviewDate: '2025-03-05' };
const codes = (issues: Array<{ code: string; path: string }>) => issues.map((i) => `${i.path} ${i.code}`);

describe('pickFormData', () => {
  it('keeps only the top-level fields the form declares', () => {
    expect(pickFormData(interview, { ...previous, notes: 'x' })).toEqual({ interviewDate: '2025-03-05', notes: 'x' });
  });
});

describe('validateNodeData', () => {
  it('judges a node form by its own fields and ignores the rest of the instance data', () => {
    const patch = { interviewDate: '2025-03-06', notes: 'ok' };
    expect(validateNodeData({ startForm: start, nodeForm: interview, nodeId: 'hr', data: { ...previous, ...patch }, patch, previous, locale: 'en' })).toEqual([]);
  });

  it("reports the node form's own problems", () => {
    const patch = { notes: 'no date' };
    const data = { employeeId: 'u1', assets: [], ...patch };
    expect(codes(validateNodeData({ startForm: start, nodeForm: interview, nodeId: 'hr', data, patch, previous: { employeeId: 'u1' }, locale: 'en' }))).toEqual(['/interviewDate BATON_E_FORM_REQUIRED']);
  });

  it('refuses keys neither form declares', () => {
    const patch = { interviewDate: '2025-03-06', salary: 1 };
    const issues = validateNodeData({ startForm: start, nodeForm: interview, nodeId: 'hr', data: { ...previous, ...patch }, patch, previous, locale: 'en' });
    expect(issues.map((i) => i.path)).toEqual(['/salary']);
  });

  it('checks start-form fields a node submits with the start form\'s access at that node', () => {
    const allowed = { assets: [{ tag: 'LT-1', returned: true }] };
    expect(validateNodeData({ startForm: start, nodeForm: interview, nodeId: 'admin', data: { ...previous, ...allowed }, patch: allowed, previous, locale: 'en' })).toEqual([]);
    const renamed = { assets: [{ tag: 'LT-2', returned: true }] };
    expect(codes(validateNodeData({ startForm: start, nodeForm: interview, nodeId: 'admin', data: { ...previous, ...renamed }, patch: renamed, previous, locale: 'en' })))
      .toEqual(['/assets/0/tag BATON_E_FORM_READONLY_CHANGED']);
  });

  it('without a node form, the start form judges the submission alone', () => {
    const patch = { assets: [{ tag: 'LT-1', returned: true }], stray: true };
    expect(validateNodeData({ startForm: start, nodeId: 'admin', data: { ...previous, ...patch }, patch, previous, locale: 'en' }).map((i) => i.path)).toEqual(['/stray']);
  });
});
