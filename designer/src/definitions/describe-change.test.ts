import { describe, expect, it } from 'vitest';
import { diffDefinitions } from './definition-diff.js';
import { definitionsMessages } from './definitions-messages.js';
import { describeChange, describeFirstVersion, technicalDetailsLabel, type DiffLocale } from './describe-change.js';

const before = {
  nodes: [{ id: 'start', name: { en: 'Submit', 'zh-CN': '提交' } }],
  fields: [{ key: 'lastWorkingDay', title: { en: 'Last working day', 'zh-CN': '最后工作日' }, required: true }],
};
const after = {
  nodes: [...before.nodes, { id: 'nda', name: { en: 'NDA signing', 'zh-CN': '保密协议签署' } }],
  fields: [{ ...before.fields[0], required: false }],
};

const name = (en: string, zh: string) => ({ en, 'zh-CN': zh });
const resignation = {
  kind: 'flow',
  key: 'resignation',
  title: name('Resignation', '离职'),
  form: 'resignation-form',
  nodes: [
    { id: 'start', type: 'start', name: name('Submitted', '提交'), position: { x: 0, y: 0 } },
    { id: 'approval_1', type: 'approval', name: name('Manager approval', '经理审批'), config: { assignees: [{ kind: 'role', role: 'manager' }] }, position: { x: 200, y: 0 } },
    { id: 'task_1', type: 'task', name: name('HR interview', 'HR 面谈'), config: { assignees: [{ kind: 'role', role: 'hr' }] }, position: { x: 400, y: 0 } },
    { id: 'end_1', type: 'end', name: name('Done', '完成'), position: { x: 600, y: 0 } },
  ],
  edges: [
    { id: 'e_1', from: 'start', to: 'approval_1' },
    { id: 'e_2', from: 'approval_1', to: 'task_1', condition: { '==': [{ var: 'urgent' }, true] } },
    { id: 'e_3', from: 'task_1', to: 'end_1' },
  ],
};

function wordsOf(a: unknown, b: unknown, locale: DiffLocale): string[] {
  return diffDefinitions(a, b).map((c) => describeChange(c, a, b, locale));
}

describe('describeChange', () => {
  it('words added items and changed properties by their titles', () => {
    const words = wordsOf(before, after, 'en');
    expect(words).toContain('Added step ‘NDA signing’');
    expect(words).toContain('Changed field ‘Last working day’: required → optional');
  });
  it('speaks Chinese', () => {
    expect(wordsOf(before, after, 'zh-CN')).toContain('新增步骤“保密协议签署”');
  });
  it('words top-level properties, removals and yes/no the same way in both languages', () => {
    const a = { title: 'Offboarding', nodes: [{ id: 'it', name: 'IT' }], enabled: true };
    const b = { title: 'Leaving', nodes: [], enabled: false, tags: ['hr'] };
    expect(wordsOf(a, b, 'en')).toEqual(expect.arrayContaining(['Changed title: ‘Offboarding’ → ‘Leaving’', 'Removed step ‘IT’', 'Changed enabled: yes → no', 'Added tags: ‘hr’']));
    expect(wordsOf(a, b, 'zh-CN')).toEqual(expect.arrayContaining(['修改标题：“Offboarding” → “Leaving”', '新增tags：“hr”', '删除步骤“IT”', '修改enabled：是 → 否']));
    expect(technicalDetailsLabel('en')).toBe('Technical details (JSON)');
    expect(technicalDetailsLabel('zh-CN')).toBe('技术细节（JSON）');
  });
  it('takes its words from the definitions messages table', () => {
    const change = diffDefinitions(before, after).find((c) => c.path.startsWith('/nodes'))!;
    const w = definitionsMessages.en.changeWords;
    expect(describeChange(change, before, after, 'en')).toBe(`${w.verb.added} ${w.noun.nodes} ‘NDA signing’`);
  });

  it('names connections by the steps they join and never prints JSON for nested values', () => {
    const changed = structuredClone(resignation);
    changed.edges[1]!.condition = { '==': [{ var: 'urgent' }, false] };
    changed.edges[2]!.to = 'approval_1';
    changed.edges.push({ id: 'e_4', from: 'approval_1', to: 'end_1' } as never);
    changed.nodes[2]!.config!.assignees.push({ kind: 'role', role: 'it' });
    changed.nodes[1]!.position = { x: 250, y: 40 };
    const en = wordsOf(resignation, changed, 'en');
    expect(en).toEqual(expect.arrayContaining([
      'Changed the connection from ‘Manager approval’ to ‘HR interview’: condition changed',
      'Changed the connection from ‘HR interview’ to ‘Manager approval’: to ‘Done’ → ‘Manager approval’',
      'Added the connection from ‘Manager approval’ to ‘Done’',
      'Changed step ‘HR interview’: settings › assignees added',
      'Moved step ‘Manager approval’',
    ]));
    const zh = wordsOf(resignation, changed, 'zh-CN');
    expect(zh).toContain('修改从“经理审批”到“HR 面谈”的连线：修改了条件');
    expect(zh).toContain('新增从“经理审批”到“完成”的连线');
    for (const line of [...en, ...zh]) {
      expect(line).not.toMatch(/[{}[\]"]/);
      expect(line).not.toMatch(/e_\d|approval_1|task_1/);
    }
  });

  it('words a whole list that appears by the names in it', () => {
    const a = { title: 'Leave' };
    const b = { title: 'Leave', nodes: resignation.nodes, edges: resignation.edges.slice(0, 2) };
    expect(wordsOf(a, b, 'en')).toEqual([
      'Added 4 steps: ‘Submitted’, ‘Manager approval’, ‘HR interview’, ‘Done’',
      'Added 2 connections: ‘Submitted’ → ‘Manager approval’, ‘Manager approval’ → ‘HR interview’',
    ]);
  });
});

describe('describeFirstVersion', () => {
  it('counts steps and connections and names the form, in both languages', () => {
    const titleOf = (kind: string, key: string) => (kind === 'form' && key === 'resignation-form' ? 'Resignation request' : undefined);
    expect(describeFirstVersion(resignation, 'en', titleOf)).toBe('First version of ‘Resignation’: 4 steps, 3 connections, form ‘Resignation request’.');
    expect(describeFirstVersion(resignation, 'zh-CN')).toBe('首个版本“离职”：4 个步骤、3 条连线、表单“resignation-form”。');
  });
  it('says "1 step" for one and names an empty definition by its title', () => {
    expect(describeFirstVersion({ title: 'Leave', nodes: [{ id: 'start' }], edges: [] }, 'en')).toBe('First version of ‘Leave’: 1 step.');
    expect(describeFirstVersion({ title: 'Leave', fields: [] }, 'en')).toBe('First version of ‘Leave’.');
    expect(describeFirstVersion({ title: 'Leave form', fields: [{ key: 'a' }, { key: 'b' }] }, 'en')).toBe('First version of ‘Leave form’: 2 fields.');
  });
});
