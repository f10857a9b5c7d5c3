import { addBusinessDays, CN_CALENDAR, isWorkday, validateAgainstSchema, zonedDateTimeToInstant, type Issue, type Locale } from '@baton/engine';
import { Type, type Static } from 'typebox';
import { Closed, JsonObject } from '../app/schema-helpers.js';

/**
 * One past instance in a pack's demo seed: a seed "record" of a flow's start form that carries a script.
 * The row's other keys are the start data (dates may be `{"$daysAgo": N}`); `$steps` are the decisions, in
 * the order each node's decisions happen, each with how many business hours its task stayed open.
 */
export const DemoScriptStep = Closed({
  node: Type.Optional(Type.String({ description: 'The node whose open task is completed; none for withdraw / cancel.' })),
  action: Type.String({ minLength: 1, description: 'The task action (approve, reject, return, resubmit, complete…), or withdraw / cancel.' }),
  by: Type.Optional(Type.String({ description: "Who acts; default the task's first assignee (the initiator for withdraw / cancel)." })),
  hours: Type.Number({ minimum: 0, maximum: 2_000, description: 'Business hours (org work calendar) from the task being created (or the previous step) to this decision.' }),
  data: Type.Optional(JsonObject),
  comment: Type.Optional(Type.String({ maxLength: 2_000 })),
  to: Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())])),
  reason: Type.Optional(Type.String({ maxLength: 2_000 })),
});
export type DemoScriptStepValue = Static<typeof DemoScriptStep>;

export const DemoInstanceRow = Type.Object(
  {
    $id: Type.String({ pattern: '^[A-Za-z0-9._:-]{1,128}$' }),
    $startedAt: Closed({
      $daysAgo: Type.Integer({ minimum: 0, maximum: 36_500 }),
      time: Type.Optional(Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' })),
    }),
    $initiator: Type.Optional(Type.String({ minLength: 1 })),
    $steps: Type.Array(DemoScriptStep, { maxItems: 200 }),
  },
  { additionalProperties: true },
);
type DemoInstanceRowValue = Static<typeof DemoInstanceRow>;

export interface DemoInstanceScript {
  id: string;
  /** Where the row is in the bundle, for issue paths. */
  path: string;
  startedAt: string;
  initiator: string | undefined;
  steps: DemoScriptStepValue[];
  data: Record<string, unknown>;
}

const DAY_MS = 86_400_000;

/** True for rows meant to be replayed (the rest of a start form's seed rows stay in the stored pack only). */
export function isDemoInstanceRow(row: Record<string, unknown>): boolean {
  return '$startedAt' in row || '$steps' in row;
}

function daysAgo(n: number, now: Date): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - n * DAY_MS).toISOString().slice(0, 10);
}

/** Every `{"$daysAgo": N}` object below `value` as a date (the same rule as directory seed dates). */
export function resolveSeedValues(value: unknown, now: Date): unknown {
  if (Array.isArray(value)) return value.map((v) => resolveSeedValues(v, now));
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value);
  if (entries.length === 1 && entries[0]![0] === '$daysAgo' && Number.isInteger(entries[0]![1])) return daysAgo(entries[0]![1] as number, now);
  return Object.fromEntries(entries.map(([k, v]) => [k, resolveSeedValues(v, now)]));
}

/**
 * Checks the scripted rows (paths keep each row's index among all of them) and resolves their dates by the import's clock. A start that falls on a weekend or a
 * holiday moves to the next working day (same time), so the business-hour durations, and with them which
 * steps breach their SLA, do not depend on the weekday of the import.
 */
export function parseDemoInstances(rows: Record<string, unknown>[], base: string, now: Date, timeZone: string, locale: Locale): { scripts: DemoInstanceScript[]; issues: Issue[] } {
  const scripts: DemoInstanceScript[] = [];
  const issues: Issue[] = [];
  rows.forEach((row, n) => {
    if (!isDemoInstanceRow(row)) return;
    const path = `${base}/${n}`;
    const found = validateAgainstSchema(DemoInstanceRow as never, row, path, locale);
    if (found.length > 0) return void issues.push(...found);
    const { $id, $startedAt, $initiator, $steps, ...data } = row as DemoInstanceRowValue & Record<string, unknown>;
    let day = daysAgo($startedAt.$daysAgo, now);
    if (!isWorkday(day, CN_CALENDAR)) day = addBusinessDays(day, 1, CN_CALENDAR);
    scripts.push({
      id: $id,
      path,
      startedAt: zonedDateTimeToInstant(day, $startedAt.time ?? '10:00', timeZone),
      initiator: $initiator,
      steps: $steps.map((s) => resolveSeedValues(s, now) as DemoScriptStepValue),
      data: resolveSeedValues(data, now) as Record<string, unknown>,
    });
  });
  return { scripts, issues };
}
