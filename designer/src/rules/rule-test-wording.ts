import type { Effect, LocalizedText } from '@baton/engine';
import type { RuleTestOutcome, TestedEffect } from './rule-test-run.js';

/** The translator of the `rules` area (keys under `test.`), and what the panel knows to name things by. */
export interface TestWords {
  t: (key: string, vars?: Record<string, unknown>) => string;
  text: (value: LocalizedText | undefined) => string;
  /** A field's label: of `form` when given (another form's record), else of the rule's own form. */
  field: (key: string, form?: string) => string;
  /** A form's, flow's or document's title by key. */
  definition: (kind: 'form' | 'flow' | 'document', key: string) => string;
  /** A person's name in the sample organisation. */
  person: (id: string) => string;
  timeZone: string;
}

export interface WordedOutcome {
  /** Whether the trigger fired and the condition held, as one sentence. */
  verdict: string;
  /** Matched and ran (or would run): the panel shows it as a success. */
  ok: boolean;
  runAt?: string;
  /** One sentence per effect, in order, with the action (and item) it came from. */
  effects: Array<{ action: number; item?: number; text: string }>;
}

/** "2026-12-12 09:00" in the zone (the date alone at midnight: a date field's own day). */
export function formatInstant(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
  return parts.endsWith(' 00:00') ? parts.slice(0, 10) : parts;
}

function who(candidates: readonly string[] | undefined, users: readonly string[], w: TestWords): string {
  const sep = w.t('test.listSeparator');
  const named = (candidates ?? []).map((c) => {
    const [kind, ...rest] = c.split(':');
    const name = rest.join(':');
    if (kind === 'role') return w.t('test.who.role', { name });
    if (kind === 'department') return w.t('test.who.department', { name });
    return c;
  });
  if (named.length > 0) return named.join(sep);
  return users.length > 0 ? users.map(w.person).join(sep) : w.t('test.who.nobody');
}

function value(v: unknown, w: TestWords): string {
  if (v === null || v === undefined || v === '') return w.t('test.value.empty');
  if (typeof v === 'string') return w.t('test.value.quoted', { text: v });
  if (typeof v === 'boolean') return w.t(v ? 'test.value.yes' : 'test.value.no');
  if (typeof v === 'number') return String(v);
  return JSON.stringify(v);
}

function setDataText(e: Extract<Effect, { type: 'setData' }>, w: TestWords): string {
  const changes = Object.entries(e.patch)
    .map(([k, v]) => w.t('test.effect.change', { field: e.userId ? k : w.field(k, e.formKey), value: value(v, w) }))
    .join(w.t('test.listSeparator'));
  const target = e.userId
    ? w.t('test.target.person', { name: w.person(e.userId) })
    : e.formKey && e.recordId !== undefined
      ? w.t('test.target.record', { form: w.definition('form', e.formKey), id: e.recordId })
      : w.t('test.target.self');
  return w.t('test.effect.setData', { changes, target });
}

/** One effect in words: "Creates a task ‘Final settlement’ for role finance, due 2026-12-12". */
export function effectText(e: Effect, w: TestWords): string {
  switch (e.type) {
    case 'createTask': {
      const vars = { title: w.text(e.task.title), who: who(e.task.candidates, e.task.assignees, w) };
      let text = e.task.dueAt ? w.t('test.effect.createTaskDue', { ...vars, due: formatInstant(e.task.dueAt, w.timeZone) }) : w.t('test.effect.createTask', vars);
      if (e.task.assigneeFallback) text += w.t('test.effect.fallback', { who: e.task.assignees.map(w.person).join(w.t('test.listSeparator')) });
      return text;
    }
    case 'notify':
      return w.t('test.effect.notify', { title: w.text(e.title), who: who(undefined, e.to, w) });
    case 'scheduleTimer': {
      const notify = (e.payload?.notify ?? {}) as { title?: LocalizedText; to?: string[] };
      if (e.purpose === 'reminder') return w.t('test.effect.reminder', { title: w.text(notify.title), who: who(undefined, notify.to ?? [], w), when: formatInstant(e.dueAt, w.timeZone) });
      return w.t('test.effect.timer', { when: formatInstant(e.dueAt, w.timeZone) });
    }
    case 'setData':
      return setDataText(e, w);
    case 'startFlow':
      return w.t('test.effect.startFlow', { flow: w.definition('flow', e.flowKey) });
    case 'invoke':
      return w.t('test.effect.invoke', { connector: e.connector, action: e.action });
    case 'renderDocument':
      return w.t('test.effect.renderDocument', { document: w.definition('document', e.document) });
    case 'cancelTask':
      return w.t('test.effect.cancelTask', { id: e.taskId });
    case 'cancelTimer':
      return w.t('test.effect.cancelTimer', { id: e.timerId });
    default:
      return w.t('test.effect.other', { type: (e as { type: string }).type });
  }
}

function verdictOf(o: RuleTestOutcome, timer: boolean, w: TestWords): string {
  if (!o.triggered) return w.t(timer ? 'test.verdict.noTime' : 'test.verdict.notTriggered');
  if (o.conditionHeld === false) return w.t('test.verdict.conditionFailed');
  return w.t(o.conditionHeld ? 'test.verdict.matched' : 'test.verdict.matchedNoCondition');
}

/** The whole outcome in words. `timer`: the rule was tested at its time (a date trigger or a schedule). */
export function wordOutcome(o: RuleTestOutcome, timer: boolean, w: TestWords): WordedOutcome {
  const effects = o.effects.map((x: TestedEffect) => ({ action: x.action, ...(x.item !== undefined ? { item: x.item } : {}), text: effectText(x.effect, w) }));
  const out: WordedOutcome = { verdict: verdictOf(o, timer, w), ok: o.triggered && o.conditionHeld !== false, effects };
  if (o.runAt) out.runAt = formatInstant(o.runAt, w.timeZone);
  return out;
}
