import type { JsonLogic } from '../../expressions/expression-types.js';
import { pointer } from '../../errors/issue.js';
import type { LocalizedText } from '../../i18n/localized-text.js';
import type { ActionEnv, FieldRef } from '../trigger-type.js';
import type { AssigneeSpec } from '../assignee-spec.js';

/** Inline copies of common.schema.json parts, so the designer can render params schemas without resolving $refs. */
export const localizedTextSchema = {
  oneOf: [
    { type: 'string', minLength: 1 },
    {
      type: 'object',
      properties: { en: { type: 'string' }, 'zh-CN': { type: 'string' } },
      minProperties: 1,
      additionalProperties: false,
    },
  ],
} as const;

export const keySchema = { type: 'string', pattern: '^[a-z][a-z0-9-]*$', maxLength: 64 } as const;

/** Field path → JsonLogic value. */
export const expressionMapSchema = { type: 'object', additionalProperties: true } as const;

export const channelsSchema = { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true } as const;

/** Evaluates every value of a `{ name: JsonLogic }` map over the action's scope. */
export function evaluateMap(map: Record<string, JsonLogic> | undefined, env: ActionEnv): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, logic] of Object.entries(map ?? {})) out[name] = env.evaluate(logic);
  return out;
}

/** The expressions of a map, with their JSON Pointers under `base`. */
export function mapExpressions(map: Record<string, JsonLogic> | undefined, base: string): Array<{ path: string; logic: JsonLogic }> {
  return Object.entries(map ?? {}).map(([name, logic]) => ({ path: pointer(base, name), logic }));
}

/** Fields named by assignee specs (field / manager-of / department-head-of paths). */
export function assigneeFieldRefs(specs: AssigneeSpec[] | undefined, base: string): FieldRef[] {
  return (specs ?? []).flatMap((spec, i) =>
    'path' in spec && typeof spec.path === 'string'
      ? [{ field: spec.path, path: pointer(base, i, 'path'), types: ['user', 'text', 'computed'] }]
      : [],
  );
}

/** Templates present in params, with their pointers. */
export function templatesOf(entries: Array<[string, LocalizedText | undefined]>): Array<{ path: string; text: LocalizedText }> {
  return entries.flatMap(([name, text]) => (text === undefined ? [] : [{ path: pointer(name), text }]));
}

/** Effect link to the instance the rule ran for, if any. */
export function instanceLink(env: ActionEnv): { instanceId: string } | undefined {
  return env.instanceId ? { instanceId: env.instanceId } : undefined;
}
