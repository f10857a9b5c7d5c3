import { describe, expect, it } from 'vitest';
import ruleSchema from '../../schemas/rule.schema.json' with { type: 'json' };
import { validateAgainstSchema } from '../definitions/validate-against-schema.js';

const valid = {
  kind: 'rule',
  key: 'remind-finance',
  version: 1,
  title: { en: 'Remind finance', 'zh-CN': '提醒财务' },
  enabled: true,
  scope: { flow: 'offboarding' },
  trigger: { type: 'date-offset', config: { field: 'lastWorkingDay', offset: -3 } },
  vars: { employee: { var: 'employeeId' } },
  condition: { '!!': { var: 'lastWorkingDay' } },
  actions: [{ type: 'notify@1', params: { to: [], title: 'x' }, forEach: { var: 'customers' }, when: true }],
};

const paths = (value: unknown) => validateAgainstSchema(ruleSchema, value, '', 'en').map((i) => i.path);

describe('rule.schema.json', () => {
  it('accepts a complete rule', () => {
    expect(paths(valid)).toEqual([]);
  });

  it('requires the header, a trigger and at least one action', () => {
    const { trigger: _t, ...noTrigger } = valid;
    expect(paths(noTrigger).length).toBeGreaterThan(0);
    expect(paths({ ...valid, actions: [] })).toEqual(['/actions']);
    expect(paths({ ...valid, kind: 'flow' })).toEqual(['/kind']);
  });

  it('rejects bad keys, type references, var names and unknown properties', () => {
    expect(paths({ ...valid, key: 'Remind Finance' })).toEqual(['/key']);
    expect(paths({ ...valid, trigger: { type: 'Date Offset' } })).toEqual(['/trigger/type']);
    expect(paths({ ...valid, scope: { form: 'a', other: 'b' } }).length).toBeGreaterThan(0);
    expect(paths({ ...valid, vars: { 'bad-name': 1 } }).length).toBeGreaterThan(0);
    expect(paths({ ...valid, actions: [{ type: 'notify', run: true }] }).length).toBeGreaterThan(0);
  });
});
