import { describe, expect, it } from 'vitest';
import { diffDefinitions } from './definition-diff.js';
import { definitionsMessages } from './definitions-messages.js';
import { describeChange, technicalDetailsLabel } from './describe-change.js';

const before = {
  nodes: [{ id: 'start', name: { en: 'Submit', 'zh-CN': '提交' } }],
  fields: [{ key: 'lastWorkingDay', title: { en: 'Last working day', 'zh-CN': '最后工作日' }, required: true }],
};
const after = {
  nodes: [...before.nodes, { id: 'nda', name: { en: 'NDA signing', 'zh-CN': '保密协议签署' } }],
  fields: [{ ...before.fields[0], required: false }],
};

describe('describeChange', () => {
  it('words added items and changed properties by their titles', () => {
    const words = diffDefinitions(before, after).map((c) => describeChange(c, before, after, 'en'));
    expect(words).toContain("Added step 'NDA signing'");
    expect(words).toContain("Changed field 'Last working day': required → optional");
  });
  it('speaks Chinese', () => {
    const words = diffDefinitions(before, after).map((c) => describeChange(c, before, after, 'zh-CN'));
    expect(words).toContain("新增步骤'保密协议签署'");
  });
  it('words top-level properties, removals and yes/no the same way in both languages', () => {
    const a = { title: 'Offboarding', nodes: [{ id: 'it', name: 'IT' }], enabled: true };
    const b = { title: 'Leaving', nodes: [], enabled: false, tags: ['hr'] };
    const en = diffDefinitions(a, b).map((c) => describeChange(c, a, b, 'en'));
    expect(en).toEqual(expect.arrayContaining(["Changed title: 'Offboarding' → 'Leaving'", "Removed step 'IT'", 'Changed enabled: yes → no', 'Added tags: ["hr"]']));
    const zh = diffDefinitions(a, b).map((c) => describeChange(c, a, b, 'zh-CN'));
    expect(zh).toEqual(expect.arrayContaining(["修改title: 'Offboarding' → 'Leaving'", '新增tags: ["hr"]', "删除步骤'IT'", '修改enabled: 是 → 否']));
    expect(technicalDetailsLabel('en')).toBe('Technical details (JSON)');
    expect(technicalDetailsLabel('zh-CN')).toBe('技术细节（JSON）');
  });
  it('takes its words from the definitions messages table', () => {
    const change = diffDefinitions(before, after).find((c) => c.path.startsWith('/nodes'))!;
    expect(describeChange(change, before, after, 'en')).toBe(`${definitionsMessages.en.changeWords.verb.added} ${definitionsMessages.en.changeWords.noun.nodes} 'NDA signing'`);
  });
});
