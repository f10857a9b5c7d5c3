import type { Issue } from '../errors/issue.js';
import type { EvalContext, JsonLogic } from '../expressions/expression-types.js';
import { localizedIssue } from '../forms/form-issue.js';
import { FORMS_ERRORS } from '../forms/forms-errors.js';
import { localize, type Locale, type LocalizedText } from '../i18n/localized-text.js';
import { deepEqual } from '../shared/deep-equal.js';
import type { CompiledFlow } from './compiled-flow.js';
import { evaluateLogic } from './evaluate-logic.js';

/**
 * A check of the start node (`config.checks`): judged on what the initiator submits, at the start and on a
 * resubmission, never at later steps (so "the last working day is not in the past" does not block the
 * manager who approves after that day). Its expressions read the data plus `$starter` ({ id, roles }: who
 * submits), so a check can spare HR (`{"includes": [{"var": "$starter.roles"}, "hr"]}`), and `$today` (today
 * in the flow's time zone, "YYYY-MM-DD"), so the condition builder shows them as plain rows.
 */
export interface StartCheck {
  key: string;
  when?: JsonLogic;
  assert: JsonLogic;
  /** The top-level field the message is shown on. */
  path: string;
  message: LocalizedText;
}

export interface StartCheckInput {
  data: Readonly<Record<string, unknown>>;
  starter: { id: string; roles: readonly string[] };
  ctx: EvalContext;
  locale: Locale;
  /** On a resubmission: the data as it stood. A check is judged again only when a field it reads changed. */
  previous?: Readonly<Record<string, unknown>>;
}

export const startCheckSchema = {
  type: 'object',
  properties: {
    key: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_-]*$' },
    when: true,
    assert: true,
    path: { type: 'string', minLength: 1 },
    message: {
      oneOf: [
        { type: 'string' },
        { type: 'object', properties: { en: { type: 'string' }, 'zh-CN': { type: 'string' } }, minProperties: 1, additionalProperties: false },
      ],
    },
  },
  required: ['key', 'assert', 'path', 'message'],
  additionalProperties: false,
} as const;

/** The checks a flow's start node declares. */
export function startChecksOf(flow: CompiledFlow): StartCheck[] {
  const config = flow.node(flow.startNodeId)?.def.config as { checks?: StartCheck[] } | undefined;
  return config?.checks ?? [];
}

const TODAY = { today: [] };

/** Top-level data fields an expression reads ("a.b" reads "a"; `$starter` is not data). */
function fieldsRead(logic: unknown, out: Set<string>): Set<string> {
  if (Array.isArray(logic)) for (const item of logic) fieldsRead(item, out);
  else if (logic !== null && typeof logic === 'object') {
    for (const [op, arg] of Object.entries(logic)) {
      const name = op === 'var' ? (Array.isArray(arg) ? arg[0] : arg) : undefined;
      if (typeof name === 'string' && name !== '') out.add(name.split('.')[0]!);
      else fieldsRead(arg, out);
    }
  }
  return out;
}

/** The failing checks, as issues at "/data/<path>" with the definition's message in both languages. */
export function runStartChecks(flow: CompiledFlow, input: StartCheckInput): Issue[] {
  const scope = { ...input.data, $starter: { id: input.starter.id, roles: [...input.starter.roles] }, $today: evaluateLogic(TODAY, {}, input.ctx) };
  const issues: Issue[] = [];
  for (const check of startChecksOf(flow)) {
    if (input.previous) {
      const read = fieldsRead([check.when, check.assert], new Set([check.path]));
      if (![...read].some((field) => !deepEqual(input.previous![field], input.data[field]))) continue;
    }
    if (check.when !== undefined && !evaluateLogic(check.when, scope, input.ctx)) continue;
    if (evaluateLogic(check.assert, scope, input.ctx)) continue;
    issues.push(localizedIssue(FORMS_ERRORS.BATON_E_FORM_RULE_FAILED, `/data/${check.path}`, (l) => ({ message: localize(check.message, l), rule: check.key }), input.locale));
  }
  return issues;
}
