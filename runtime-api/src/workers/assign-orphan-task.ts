import { fallBackAssignees, resolveRuleAssignees, type AssigneeFallback, type LocalizedText } from '@baton/engine';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { organisationToday } from '../directory/person-presence.js';
import { writeOutbox } from '../execution/effect-rows.js';
import { commandEnv, type ExecutionServices } from '../execution/execution-services.js';
import { fallbackNotice } from '../execution/fallback-notice.js';
import { recordRuleTaskMove } from './record-rule-task-move.js';

/** An open rule task nobody is on (stored before rules fell back, see task-assignee-fallback.ts). */
export interface OrphanTask {
  id: string;
  instance_id: string | null;
}

/**
 * One page of open rule tasks with no assignees, by id after `after`. Only a full sweep asks (at start, then
 * daily): since rules fall back at creation these are old rows, and the scan of open shared tasks is the
 * one the full sweep already makes. A flow's task is never empty (a task node falls back to the initiator,
 * an approval with nobody is passed or rejected), so only rule tasks are repaired.
 */
export async function orphanTasks(db: Kysely<Database>, after: string, limit: number): Promise<OrphanTask[]> {
  return db
    .selectFrom('tasks')
    .select(['id', 'instance_id'])
    .where('status', '=', 'open')
    .where('assignee_id', 'is', null)
    .where('source', '=', 'rule')
    .where(sql<boolean>`jsonb_array_length(assignees) = 0`)
    .where('id', '>', after)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/**
 * Gives an open rule task with nobody on it the rules' fallback (present `hr` holders, else `admin`), in the
 * caller's transaction, locking as handOverRuleTask does: runtime history `assignee.fallback` and
 * `task.reassigned` (reason `no-assignees`), the audit entry `task.handed-over` by `system`, and a
 * notification to the people who got it. 'nobody' when the directory has neither role present.
 */
export async function assignOrphanTask(trx: Kysely<Database>, services: ExecutionServices, orphan: OrphanTask): Promise<'handedOver' | 'nobody' | 'skipped'> {
  const instance = orphan.instance_id
    ? await trx.selectFrom('instances').select(['id', 'flow_key', 'history_seq']).where('id', '=', orphan.instance_id).forUpdate().skipLocked().executeTakeFirst()
    : undefined;
  if (orphan.instance_id && !instance) return 'skipped';
  const task = await trx.selectFrom('tasks').selectAll().where('id', '=', orphan.id).forUpdate().skipLocked().executeTakeFirst();
  if (!task || task.status !== 'open' || task.assignees.length > 0) return 'skipped';
  const env = await commandEnv(trx, services, 'system', 'en');
  const today = organisationToday(env.now, services.timeZone);
  const chosen = fallBackAssignees(undefined, (specs) => resolveRuleAssignees(specs, {}, env.directory, '', today));
  if (!chosen) return 'nobody';
  const to = chosen.users;
  await trx.updateTable('tasks').set({ assignees: JSON.stringify(to), assignee_id: to.length === 1 ? to[0]! : null }).where('id', '=', task.id).execute();
  const fallback: AssigneeFallback = { ...chosen.fallback, reason: 'no-assignees' };
  await recordRuleTaskMove(trx, env.now, instance, task, {
    why: [{ type: 'assignee.fallback', payload: { ...fallback, taskId: task.id, source: 'rule' } }],
    reason: 'no-assignees',
    to,
    audit: { from: [], fallback: fallback.via },
  });
  const notify = fallbackNotice({ id: task.id, title: task.title as LocalizedText, instanceId: instance?.id ?? null, candidates: task.candidates }, fallback, `handover-fallback:${task.id}`);
  await writeOutbox(trx, instance?.id ?? null, [notify]);
  return 'handedOver';
}
