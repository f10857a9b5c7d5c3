import type { NodeType } from '../node-type.js';
import { both, MAIN_OUT, worded } from './node-schemas.js';
import { startCheckSchema, type StartCheck } from '../start-checks.js';
import { issue } from '../../errors/error-catalogue.js';
import { compileDefinitionExpression } from '../../expressions/definition-expressions.js';
import { FORMS_ERRORS } from '../../forms/forms-errors.js';

/**
 * Where an instance begins: the initiator's submission. When an approver returns the work to the start,
 * the initiator gets a "resubmit" task; resubmitting goes straight back to that approver. `checks` judge
 * what the initiator submits, at the start and on a resubmission only (start-checks.ts).
 */
export const startNodeType: NodeType<{ checks?: StartCheck[] }> = {
  type: 'start',
  version: '1.0.0',
  role: 'start',
  actions: ['resubmit'],
  configSchema: {
    type: 'object',
    properties: {
      checks: worded({ type: 'array', items: startCheckSchema }, {
        title: both('Checks on submission', '提交时的检查'),
        description: both('What the initiator submits must pass them, at the start and on a resubmission.', '发起和重新提交时，提交的内容须通过这些检查。'),
      }),
    },
    additionalProperties: false,
  },
  describe: () => ({
    label: { en: 'Start', 'zh-CN': '开始' },
    description: { en: 'The initiator submits the start form.', 'zh-CN': '发起人提交表单，流程开始。' },
    icon: 'play',
    category: 'events',
    ports: { inputs: [], outputs: [MAIN_OUT] },
  }),
  // A check's expressions must compile at publish, not fail the first start.
  check(config, ctx) {
    return (config.checks ?? []).flatMap((check, i) =>
      (['when', 'assert'] as const).flatMap((prop) => {
        if (check[prop] === undefined) return [];
        const where = `${ctx.path}/config/checks/${i}/${prop}`;
        try {
          compileDefinitionExpression(check[prop]);
          return [];
        } catch (error) {
          return [issue(FORMS_ERRORS.BATON_E_FORM_BAD_EXPRESSION, where, { where, reason: error instanceof Error ? error.message : String(error) }, ctx.locale)];
        }
      }),
    );
  },
  enter(token, ctx) {
    if (!token.returned) return { leave: {} };
    return {
      tasks: [{
        kind: 'form',
        assignees: [ctx.instance.initiator],
        actions: ['resubmit'],
        title: { en: 'Revise and resubmit', 'zh-CN': '修改后重新提交' },
      }],
    };
  },
  on(command) {
    if (command.kind === 'task' && command.action === 'resubmit') return { leave: {} };
    return undefined;
  },
};
