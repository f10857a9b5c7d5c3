import { BatonError, issue } from '../errors/error-catalogue.js';
import type { CompiledFlow } from '../flows/compiled-flow.js';
import type { FlowContext } from '../flows/flow-command.js';
import type { LocalizedText } from '../i18n/localized-text.js';
import { runStartChecks } from '../flows/start-checks.js';
import { judgeStartSubject, START_ERRORS, subjectNamedIn } from '../flows/start-subject-policy.js';

export interface SimulatedStart {
  data: Readonly<Record<string, unknown>>;
  /** The scenario's initiator: in a simulation the person who submits is the one the request starts for. */
  initiator: string;
  /** The run's context: its clock, directory (the initiator's roles), labels and locale. */
  ctx: FlowContext;
}

/**
 * The flow's own judgement of a start, as runtime-api's start-flow.ts makes it after the form checks: the
 * start node's checks (with `$starter` and `$today`), then the subject rules (somebody named; only
 * `onBehalfRoles` start for another person). Throws the BatonError a refused start gets, its issues at the
 * fields in the run's locale. `subject.oneRunning` needs other running instances, which a run has none of.
 */
export function judgeSimulatedStart(flow: CompiledFlow, { data, initiator, ctx }: SimulatedStart): void {
  const locale = ctx.locale ?? 'en';
  const starter = { id: initiator, roles: ctx.directory?.user(initiator)?.roles ?? [] };
  const timeZone = flow.definition.timeZone ?? ctx.timeZone ?? 'UTC';
  const evalCtx = { now: ctx.now, timeZone, calendar: ctx.calendar ?? {}, ...(ctx.directory ? { directory: ctx.directory } : {}) };
  const checked = runStartChecks(flow, { data, starter, ctx: evalCtx, locale });
  if (checked.length > 0) throw new BatonError(START_ERRORS.BATON_E_START_CHECKS_FAILED, { count: checked.length }, checked, checked[0]!.path);

  const field = flow.definition.subject?.field;
  const label = (l: 'en' | 'zh-CN') => (field === undefined ? undefined : ctx.fieldLabel?.({ field, formKey: undefined, locale: l }));
  const en = label('en');
  const zh = label('zh-CN');
  const fieldLabel: LocalizedText | undefined = en !== undefined && zh !== undefined ? { en, 'zh-CN': zh } : (en ?? zh);
  const refusal = judgeStartSubject(flow.definition, {
    subjectId: subjectNamedIn(flow.definition, data) ?? null,
    starter,
    ...(fieldLabel ? { fieldLabel } : {}),
  });
  if (refusal) throw new BatonError(refusal.code, refusal.params, [issue(refusal.code, refusal.path, refusal.params, locale)], refusal.path);
}
