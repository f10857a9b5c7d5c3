import { defineErrors, judgeStartSubject, localize, subjectNamedIn, type CompiledFlow, type LocalizedText } from '@baton/engine';
import { sql } from 'kysely';
import type { Principal } from '../auth/principal.js';
import { ApiError } from '../errors/api-error.js';
import type { CommandEnv } from '../execution/execution-services.js';

/**
 * The refusal of a start that only the database can judge (flow.schema.json `subject.oneRunning`). Who may
 * start about whom is decided in the engine (start-subject-policy.ts), so the designer's simulation refuses
 * with the same code and words (BATON_E_START_NOT_FOR_OTHERS, BATON_E_START_SUBJECT_MISSING).
 */
export const START_SUBJECT_ERRORS = defineErrors({
  BATON_E_SUBJECT_ALREADY_RUNNING: {
    status: 409,
    en: '{subject} already has a running "{flow}" (instance {instanceId}): open that one, or withdraw it before starting another.',
    'zh-CN': '{subject} 已有一条进行中的“{flowZh}”（实例 {instanceId}）：请打开该实例，或先撤回后再发起新的申请。',
  },
});

type SubjectSetting = NonNullable<CompiledFlow['definition']['subject']>;

export function subjectSettingOf(flow: CompiledFlow): SubjectSetting | undefined {
  return flow.definition.subject;
}

/** The subject the flow's own setting names in the start data (undefined: the flow names no subject field). */
export function declaredSubject(flow: CompiledFlow, data: Record<string, unknown>): string | null | undefined {
  return subjectNamedIn(flow.definition, data);
}

/**
 * The flow's subject rules (engine judgeStartSubject): the subject field names somebody, and with
 * `subject.onBehalfRoles` a starter without one of those roles (admins always have them) names themself.
 * `starter` absent: a system caller (an inbound webhook an admin configured) that the roles do not restrict.
 */
export function checkStartOnBehalf(flow: CompiledFlow, subjectId: string | null, starter: Principal | undefined, fieldLabel?: LocalizedText): void {
  const refusal = judgeStartSubject(flow.definition, {
    subjectId,
    ...(starter ? { starter: { id: starter.userId, roles: starter.roles } } : {}),
    ...(fieldLabel !== undefined ? { fieldLabel } : {}),
  });
  if (refusal) throw new ApiError(refusal.code, refusal.params, [], refusal.path);
}

/**
 * `subject.oneRunning`: refuses a second running instance of the flow (any version) about the same person.
 * A transaction-scoped advisory lock on (flow, subject) makes two concurrent starts take turns, and the
 * second one, reading after the first committed, sees its instance: no migration, no index change.
 */
export async function checkOneRunning(env: CommandEnv, flow: CompiledFlow, subjectId: string | null): Promise<void> {
  if (flow.definition.subject?.oneRunning !== true || subjectId === null) return;
  await sql`select pg_advisory_xact_lock(hashtextextended(${`baton:subject:${flow.key}\n${subjectId}`}, 0))`.execute(env.trx);
  const running = await env.trx
    .selectFrom('instances')
    .select('id')
    .where('subject_id', '=', subjectId)
    .where('flow_key', '=', flow.key)
    .where('status', '=', 'running')
    .executeTakeFirst();
  if (running) {
    throw new ApiError('BATON_E_SUBJECT_ALREADY_RUNNING', { ...flowTitles(flow), subjectId, subject: personLabel(env, subjectId), instanceId: running.id }, [], `/data/${flow.definition.subject.field}`);
  }
}

function personLabel(env: CommandEnv, id: string): string {
  const name = env.directory.user(id)?.name;
  return name ? `${name} (${id})` : id;
}

function flowTitles(flow: CompiledFlow): { flowKey: string; flow: string; flowZh: string } {
  const title = flow.definition.title as LocalizedText | undefined;
  return { flowKey: flow.key, flow: localize(title, 'en') || flow.key, flowZh: localize(title, 'zh-CN') || flow.key };
}
