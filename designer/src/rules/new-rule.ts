import type { RuleDefinition } from '@baton/engine';
import type { DefinitionRef } from '../definitions/use-definition-editor.js';

export type RuleBody = RuleDefinition & { version: number };

export function newRule(key: string): RuleBody {
  return { kind: 'rule', key, version: 1, title: { en: key, 'zh-CN': key }, trigger: { type: 'flow-started' }, actions: [] };
}

/** The scoped form and flow: conditions, params and date fields are checked against them. */
export function ruleReferences(def: RuleBody): DefinitionRef[] {
  const refs: DefinitionRef[] = [];
  if (def.scope?.form) refs.push({ kind: 'form', key: def.scope.form });
  if (def.scope?.flow) refs.push({ kind: 'flow', key: def.scope.flow });
  return refs;
}

/** "3 business days before lastWorkingDay at 09:00" ⇄ the date-offset trigger's config. */
export interface DateOffset {
  field: string;
  amount: number;
  direction: 'before' | 'after';
  unit: 'minutes' | 'hours' | 'days' | 'business-days';
  at: string;
  /**
   * The amount read from a pack parameter instead (`{"param": "settlementReminderDays", "negate": true}`),
   * with the number used while the parameter is not set; `param === ''` means "a parameter, not chosen yet".
   */
  param?: { name: string; fallback?: number };
}

/** A `{"param": …}` reference as the trigger schema takes it (engine/src/rules/param-ref.ts). */
function paramRefOf(value: unknown): { param: string; negate?: boolean; default?: unknown } | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const ref = value as Record<string, unknown>;
  const keysOk = Object.keys(ref).every((k) => k === 'param' || k === 'negate' || k === 'default');
  return keysOk && typeof ref.param === 'string' && (ref.negate === undefined || typeof ref.negate === 'boolean') ? (ref as { param: string; negate?: boolean; default?: unknown }) : undefined;
}

/** The config as the dedicated editor shows it; null when it holds something only the generic panel can edit. */
export function readDateOffset(config: Record<string, unknown> | undefined): DateOffset | null {
  const c = config ?? {};
  const offset = c.offset ?? 0;
  const ref = paramRefOf(offset);
  if ((typeof offset !== 'number' && !ref) || (c.at !== undefined && typeof c.at !== 'string')) return null;
  if (ref && ref.default !== undefined && (typeof ref.default !== 'number' || ref.default < 0)) return null;
  const out: DateOffset = {
    field: typeof c.field === 'string' ? c.field : '',
    amount: typeof offset === 'number' ? Math.abs(offset) : ((ref?.default as number | undefined) ?? 0),
    // "N days before" is the common case (reminders ahead of a deadline): a count of 0 reads as "before" too.
    direction: ref ? (ref.negate ? 'before' : 'after') : (offset as number) > 0 ? 'after' : 'before',
    unit: (['minutes', 'hours', 'days', 'business-days'] as const).find((u) => u === c.unit) ?? 'days',
    at: typeof c.at === 'string' ? c.at : '',
  };
  if (ref) out.param = typeof ref.default === 'number' ? { name: ref.param, fallback: ref.default } : { name: ref.param };
  return out;
}

/** A new date-relative trigger: "1 day before <the form's first date field> at 09:00", ready to adjust. */
export function freshDateOffsetConfig(firstDateField: string | undefined): Record<string, unknown> {
  return { ...(firstDateField ? { field: firstDateField } : {}), offset: -1, unit: 'days', at: '09:00' };
}

export function writeDateOffset(value: DateOffset, previous: Record<string, unknown> | undefined): Record<string, unknown> {
  const { field: _f, offset: _o, unit: _u, at: _a, ...rest } = previous ?? {};
  const before = value.direction === 'before';
  let offset: unknown = before ? -value.amount : value.amount;
  if (value.param) {
    // The parameter holds a count ("3 business days"); "before" negates it when the timer is planned.
    const ref: Record<string, unknown> = { param: value.param.name };
    if (before) ref.negate = true;
    if (value.param.fallback !== undefined) ref.default = value.param.fallback;
    offset = ref;
  }
  const out: Record<string, unknown> = { ...rest, field: value.field, offset, unit: value.unit };
  if (value.at !== '') out.at = value.at;
  return out;
}
