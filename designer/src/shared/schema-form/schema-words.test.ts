import { approvalNodeType, timerNodeType } from '@baton/engine';
import { describe, expect, it } from 'vitest';
import { prepareSchema, unusedDeprecated, withTitles, type Localize } from './prepare-schema.js';

const inZh: Localize = (text) => (typeof text === 'string' ? text : typeof text === 'object' && text !== null && !Array.isArray(text) ? ((text as Record<string, string>)['zh-CN'] ?? undefined) : undefined);
const none = () => undefined;

describe('the words a node type carries for its panel', () => {
  it('titles properties, names enum values and replaces developer notes, in the UI language', () => {
    const schema = withTitles(prepareSchema(approvalNodeType.configSchema, {}).schema, none, none, inZh);
    const props = schema.properties as Record<string, Record<string, unknown>>;
    expect(props.mode?.title).toBe('审批方式');
    expect(props.handOverTo?.oneOf).toContainEqual({ const: 'candidates', title: '仅限此任务的候选人（其角色和部门的成员）' });
    const actions = props.actions?.items as Record<string, unknown>;
    expect(actions.oneOf).toContainEqual({ const: 'return', title: '退回到之前的步骤' });
    expect(props.commentRequired?.description).toBe('默认驳回和退回时须填写理由；列表为空则都不需要。');
    // No help text is JSON or English in zh-CN.
    for (const p of Object.values(props)) expect(String(p.description ?? '')).not.toMatch(/[[\]{}"]|[A-Za-z]{3,}/);
  });

  it('names the alternatives of a oneOf by their own words', () => {
    const schema = withTitles(prepareSchema(timerNodeType.configSchema, {}).schema, none, none, inZh);
    expect((schema.oneOf as Array<Record<string, unknown>>).map((b) => b.title)).toEqual(['等待一段时间', '等到某个日期']);
  });

  it('keeps a type without words as before (its title, else the name made readable)', () => {
    const schema = withTitles({ type: 'object', properties: { dueDays: { type: 'integer', description: 'kept' } } }, none, none, inZh);
    expect((schema.properties as Record<string, Record<string, unknown>>).dueDays).toMatchObject({ title: 'Due days', description: 'kept' });
  });
});

describe('unusedDeprecated', () => {
  it('lists deprecated properties the value does not set', () => {
    expect(unusedDeprecated(approvalNodeType.configSchema, { mode: 'all' })).toEqual(['whenEmpty']);
    expect(unusedDeprecated(approvalNodeType.configSchema, { whenEmpty: 'approve' })).toEqual([]);
    expect(unusedDeprecated(true, {})).toEqual([]);
  });
});
