import { describe, expect, it } from 'vitest';
import { diffDefinitions } from './definition-diff.js';
import { describeChange } from './describe-change.js';

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
});
