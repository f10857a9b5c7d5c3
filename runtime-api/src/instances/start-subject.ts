import { defineErrors, localize, type CompiledFlow, type LocalizedText } from '@baton/engine';
import { sql } from 'kysely';
import { hasAnyRole, type Principal } from '../auth/principal.js';
import { ApiError } from '../errors/api-error.js';
import type { CommandEnv } from '../execution/execution-services.js';

/** Refusals of a start that the flow's `subject` setting (flow.schema.json) forbids. */
export const START_SUBJECT_ERRORS = defineErrors({
  BATON_E_START_NOT_FOR_OTHERS: {
    status: 403,
    en: 'You may only start "{flow}" for yourself: choose yourself as "{label}", or ask someone with one of the roles {roles} to start it for {subject}.',
    'zh-CN': '您只能为自己发起“{flowZh}”：请在“{labelZh}”中选择您本人，或请具有以下角色之一的人员代为发起：{roles}。',
  },
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
  const field = flow.definition.subject?.field;
  if (field === undefined) return undefined;
  const value = data[field];
  return typeof value === 'string' && value !== '' ? value : null;
}

/**
 * Who may start about whom: with `subject.onBehalfRoles`, a starter without one of those roles (admins
 * always have them) must name themself. `starter` absent: a system caller (an inbound webhook an admin
 * configured) that the flow setting does not restrict.
 */
export function checkStartOnBehalf(flow: CompiledFlow, subjectId: string | null, starter: Principal | undefined, fieldLabel?: LocalizedText): void {
  const setting = flow.definition.subject;
  if (!setting?.onBehalfRoles || !starter || subjectId === null || subjectId === starter.userId) return;
  if (hasAnyRole(starter, setting.onBehalfRoles)) return;
  throw new ApiError(
    'BATON_E_START_NOT_FOR_OTHERS',
    { ...flowTitles(flow), field: setting.field, label: localize(fieldLabel, 'en') || setting.field, labelZh: localize(fieldLabel, 'zh-CN') || setting.field, roles: setting.onBehalfRoles.join(', '), subjectId, subject: subjectId },
    [],
    `/data/${setting.field}`,
  );
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
