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
}

export function readDateOffset(config: Record<string, unknown> | undefined): DateOffset | null {
  const c = config ?? {};
  const offset = c.offset ?? 0;
  if (typeof offset !== 'number' || (c.at !== undefined && typeof c.at !== 'string')) return null;
  return {
    field: typeof c.field === 'string' ? c.field : '',
    amount: Math.abs(offset),
    direction: offset < 0 ? 'before' : 'after',
    unit: (['minutes', 'hours', 'days', 'business-days'] as const).find((u) => u === c.unit) ?? 'days',
    at: typeof c.at === 'string' ? c.at : '',
  };
}

export function writeDateOffset(value: DateOffset, previous: Record<string, unknown> | undefined): Record<string, unknown> {
  const { field: _f, offset: _o, unit: _u, at: _a, ...rest } = previous ?? {};
  const out: Record<string, unknown> = { ...rest, field: value.field, offset: value.direction === 'before' ? -value.amount : value.amount, unit: value.unit };
  if (value.at !== '') out.at = value.at;
  return out;
}
