import type { FormDefinition } from '@baton/engine';
import { describe, expect, it } from 'vitest';
import { isKnownField, reportFieldGroups, suitableGroups } from './field-options.js';

const form = {
  kind: 'form',
  key: 'exit',
  version: 1,
  title: { en: 'Exit request', 'zh-CN': '离职申请' },
  fields: [
    { key: 'reason', type: 'long-text', label: { en: 'Reason', 'zh-CN': '原因' } },
    { key: 'lastDay', type: 'date', label: 'Last day' },
    { key: 'employeeId', type: 'user@1', label: 'Employee' },
    { key: 'items', type: 'sub-table', label: 'Items', fields: [{ key: 'x', type: 'text', label: 'X' }] },
  ],
} as unknown as FormDefinition;

const values = (groups: ReturnType<typeof reportFieldGroups>) => groups.map((g) => [g.name.kind, g.options.map((o) => `${o.value}:${o.type}`)]);

describe('reportFieldGroups', () => {
  it('a flow dataset: its columns (step, dates…), the people it points at, then its form as data.*', () => {
    const groups = reportFieldGroups({ source: 'steps', form: { key: 'exit', body: form } });
    expect(groups.map((g) => g.name)).toEqual([
      { kind: 'columns', source: 'steps' },
      { kind: 'person', column: 'subjectId' },
      { kind: 'form', form: 'exit', title: form.title },
    ]);
    expect(groups[0]!.options.map((o) => o.value)).toContain('node');
    expect(groups[0]!.options.map((o) => o.value)).not.toContain('data');
    expect(values(groups)[1]).toEqual(['person', ['subjectId.department:department', 'subjectId.position:text', 'subjectId.hireDate:date', 'subjectId.leaveDate:date', 'subjectId.name:text']]);
    expect(values(groups)[2]).toEqual(['form', ['data.reason:long-text', 'data.lastDay:date', 'data.employeeId:person']]);
  });

  it('a form dataset: its fields by key, system columns, and its user fields followed into the directory', () => {
    const groups = reportFieldGroups({ source: 'form', form: { key: 'exit', body: form } });
    expect(groups.map((g) => (g.name.kind === 'person' ? `person:${g.name.column}` : g.name.kind))).toEqual(['form', 'columns', 'person:employeeId', 'person:$createdBy']);
    expect(groups[0]!.options.map((o) => o.value)).toEqual(['reason', 'lastDay', 'employeeId']);
    expect(groups[0]!.options[0]!.title).toEqual({ kind: 'field', label: { en: 'Reason', 'zh-CN': '原因' } });
  });

  it('the directory: department, position and the dates tenure is counted from', () => {
    const [columns] = reportFieldGroups({ source: 'directory' });
    expect(columns!.options.filter((o) => ['department', 'position', 'hireDate'].includes(o.value)).map((o) => o.type)).toEqual(['department', 'text', 'date']);
  });
});

describe('suitableGroups', () => {
  it('a date period offers dates only; a department grouping departments only', () => {
    const groups = reportFieldGroups({ source: 'flow-instances', form: { key: 'exit', body: form } });
    const dates = suitableGroups(groups, 'date').flatMap((g) => g.options.map((o) => o.value));
    expect(dates).toEqual(['startedAt', 'completedAt', 'initiatorId.hireDate', 'initiatorId.leaveDate', 'subjectId.hireDate', 'subjectId.leaveDate', 'data.lastDay']);
    expect(suitableGroups(groups, 'department').flatMap((g) => g.options.map((o) => o.value))).toEqual(['initiatorId.department', 'subjectId.department']);
  });
});

describe('isKnownField', () => {
  const groups = reportFieldGroups({ source: 'flow-instances', form: { key: 'exit', body: form } });
  it('knows listed options, people attributes and JSON paths the source has', () => {
    expect(isKnownField(groups, 'data.reason', 'flow-instances')).toBe(true);
    expect(isKnownField(groups, 'subjectId.attributes.level', 'flow-instances')).toBe(true);
  });
  it('marks a field the form or the source lacks', () => {
    expect(isKnownField(groups, 'data.gone', 'flow-instances')).toBe(false);
    expect(isKnownField(groups, 'nope', 'flow-instances')).toBe(false);
    expect(isKnownField(reportFieldGroups({ source: 'flow-instances' }), 'data.anything', 'flow-instances')).toBe(true);
    expect(isKnownField(reportFieldGroups({ source: 'form', form: { key: 'exit', body: form } }), 'gone', 'form')).toBe(false);
  });
});
