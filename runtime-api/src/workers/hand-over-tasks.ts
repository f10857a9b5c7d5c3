import { BatonError, type NotifyEffect } from '@baton/engine';
import { sql, type Kysely } from 'kysely';
import { ROLES } from '../auth/principal.js';
import type { Database } from '../db/database.js';
import { organisationToday } from '../directory/person-presence.js';
import { writeOutbox } from '../execution/effect-rows.js';
import { commandEnv } from '../execution/execution-services.js';
import { executeInstanceCommand } from '../execution/instance-pipeline.js';
import { assignOrphanTask, orphanTasks } from './assign-orphan-task.js';
import { handOverRuleTask, type HandOverOutcome as Outcome } from './hand-over-rule-task.js';
import { errorText, withRaceRetry, type WorkerContext } from './worker-context.js';

/** What one handover sweep did, for tests and the log. */
export interface HandOverReport {
  /** Tasks handed over: leavers dropped (others on the task, or its role, cover it) or replaced by a present manager. */
  handedOver: number;
  /** Tasks with nobody present above their assignees: left where they are, HR told once per task. */
  nobody: number;
  /** Open rule tasks with no assignees at all (stored before rules fell back) given the fallback: hr, else admin. */
  orphansAssigned: number;
  /** Tasks another worker or command held (the next sweep retries), or that no longer need it. */
  skipped: number;
  /** Tasks whose handover failed (logged; the next sweep retries). */
  failed: number;
}

/**
 * Which people a sweep looks at. `full`: everyone not present (a process's first sweep, then daily).
 * Otherwise only those whose row changed since `since` (an import or a rule's setData set `updated_at`)
 * or whose leave date passed since the last sweep's `sinceDay`: the others were handled before.
 */
export type SweepScope = { full: true } | { full: false; since: Date; sinceDay: string };

const PAGE = 200;

interface StuckTask {
  id: string;
  instance_id: string | null;
  source: string;
  assignees: string[];
}

/**
 * One page of open tasks (the flow's and rules'), by id after `after`, with an assignee who is not present
 * (any one of them: a shared task drops its leavers even while the others are here). Driven from the directory's leavers (small next to the tasks): single-assignee tasks through
 * tasks_assignee_idx (assignee_id, status). Tasks with several assignees (assignee_id null): an incremental
 * sweep has few leavers and asks the GIN index on assignees; a full one has thousands, where a GIN `?|`
 * took 23 s (1M tasks, 5,000 leavers), so it unnests the open shared tasks' assignees once and joins them
 * to the leavers (~0.2 s). The engine's handOverPlan decides what becomes of the task.
 */
async function stuckTasks(db: Kysely<Database>, today: string, scope: SweepScope, after: string): Promise<StuckTask[]> {
  const recent = scope.full ? sql`true` : sql`(updated_at >= ${scope.since.toISOString()}::timestamptz or leave_date >= ${scope.sinceDay}::date)`;
  const gone = sql`gone as materialized (select id from directory_users where (leave_date < ${today}::date or active = false) and ${recent})`;
  const single = sql`select t.id from gone g join tasks t on t.assignee_id = g.id and t.status = 'open' where t.id > ${after}`;
  const query = scope.full
    ? sql<StuckTask>`
      with ${gone}, shared as materialized (
        select t.id, a.id as who from tasks t, jsonb_array_elements_text(t.assignees) a(id)
         where t.assignee_id is null and t.status = 'open' and t.id > ${after}
      )
      select id, instance_id, source, assignees from tasks where id in (
        ${single} union select s.id from shared s join gone g on g.id = s.who order by 1 limit ${PAGE}
      ) order by id`
    : sql<StuckTask>`
      with ${gone}
      select id, instance_id, source, assignees from tasks where id in (
        ${single}
        union
        select t.id from tasks t where t.assignee_id is null and t.status = 'open' and t.id > ${after} and t.assignees ?| array(select id from gone)
        order by 1 limit ${PAGE}
      ) order by id`;
  return (await query.execute(db)).rows;
}

const NOT_STUCK = new Set(['BATON_E_FLOW_HANDOVER_NOT_NEEDED', 'BATON_E_FLOW_TASK_CLOSED', 'BATON_E_FLOW_TASK_NOT_FOUND', 'BATON_E_FLOW_NOT_RUNNING']);

/**
 * One task, one transaction: the instance is locked FOR UPDATE SKIP LOCKED (another worker or a command
 * on it: skipped, the next sweep retries), then the engine's handOverTask runs through the ordinary
 * command pipeline as `system`: the task rows, the history (assignee.removed / assignee.replaced,
 * task.reassigned), the audit entry and the newcomers' notification, or nothing when the engine refuses. A rule's task,
 * which the flow's state does not hold, is handed over by the runtime (hand-over-rule-task.ts).
 */
async function handOverOne(ctx: WorkerContext, task: StuckTask): Promise<Outcome> {
  if (task.source === 'rule' || task.instance_id === null) {
    const outcome = await withRaceRetry(() => ctx.db.transaction().execute((trx) => handOverRuleTask(trx, ctx.services, task.id, task.instance_id)));
    if (outcome === 'nobody') await reportNobody(ctx, task, 'nobody present above the assignees');
    return outcome;
  }
  const instanceId = task.instance_id;
  try {
    return await withRaceRetry(() =>
      ctx.db.transaction().execute(async (trx): Promise<Outcome> => {
        const instance = await trx.selectFrom('instances').selectAll().where('id', '=', instanceId).forUpdate().skipLocked().executeTakeFirst();
        if (!instance || instance.status !== 'running') return 'skipped';
        const env = await commandEnv(trx, ctx.services, 'system', 'en');
        await executeInstanceCommand(env, {
          instanceId: instance.id,
          locked: instance,
          authorize: () => undefined,
          command: () => ({ type: 'handOverTask', taskId: task.id }),
          audit: { action: 'task.handed-over', taskId: task.id, data: { reason: 'left', from: task.assignees } },
        });
        return 'handedOver';
      }),
    );
  } catch (err) {
    if (err instanceof BatonError && NOT_STUCK.has(err.code)) return 'skipped';
    if (err instanceof BatonError && err.code === 'BATON_E_FLOW_HANDOVER_NOBODY') {
      await reportNobody(ctx, task, err.message);
      return 'nobody';
    }
    throw err;
  }
}

/**
 * Nobody present above the task's assignees: the task stays (only HR can fix the reporting line), a
 * warning is logged each sweep, and the people with the HR role who are present get one notification per
 * task (the outbox key is the task's: a later sweep writes nothing twice).
 */
async function reportNobody(ctx: WorkerContext, task: StuckTask, reason: string): Promise<void> {
  ctx.log.warn({ taskId: task.id, instanceId: task.instance_id, reason }, 'open task of people who left: nobody present to hand it over to');
  const today = organisationToday(new Date(), ctx.services.timeZone);
  const hr = await ctx.db
    .selectFrom('directory_users')
    .select('id')
    .where(sql<boolean>`roles @> ${JSON.stringify([ROLES.hr])}::jsonb`)
    .where('active', '=', true)
    .where((eb) => eb.or([eb('leave_date', 'is', null), eb('leave_date', '>=', today)]))
    .orderBy('id')
    .execute();
  if (hr.length === 0) return;
  const notify: NotifyEffect = {
    type: 'notify',
    key: `handover-nobody:${task.id}`,
    to: hr.map((u) => u.id),
    title: { en: 'A task of someone who left has nobody to go to', 'zh-CN': '离职人员的待办无人可交接' },
    body: {
      en: 'Task {taskId} of {assignees} stays where it is: nobody above them in the reporting line is still here. Give them a present manager in the directory; the task is handed over at the next run.',
      'zh-CN': '{assignees} 的待办 {taskId} 仍留在原处：其汇报线上已无在职的上级。请在通讯录中为其设置在职的上级，下次运行时即会交接。',
    },
    data: { taskId: task.id, assignees: task.assignees.join(', ') },
    link: { ...(task.instance_id ? { instanceId: task.instance_id } : {}), taskId: task.id },
  };
  await ctx.db.transaction().execute((trx) => writeOutbox(trx, task.instance_id, [notify]));
}

/**
 * One sweep: every stuck open task found in `scope`, page by page, each handed over in its own transaction.
 * A failure is logged and counted, never thrown, so one bad instance does not stop the others.
 */
export async function handOverTasks(ctx: WorkerContext, scope: SweepScope, shouldStop: () => boolean = () => false): Promise<HandOverReport> {
  const report: HandOverReport = { handedOver: 0, nobody: 0, orphansAssigned: 0, skipped: 0, failed: 0 };
  const today = organisationToday(new Date(), ctx.services.timeZone);
  for (let after = ''; !shouldStop(); ) {
    const page = await stuckTasks(ctx.db, today, scope, after);
    for (const task of page) {
      if (shouldStop()) break;
      try {
        report[await handOverOne(ctx, task)] += 1;
      } catch (err) {
        report.failed += 1;
        ctx.log.error({ taskId: task.id, instanceId: task.instance_id, err: errorText(err) }, 'could not hand over an open task of someone who left; will retry');
      }
    }
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.id;
  }
  if (scope.full) await assignOrphans(ctx, report, shouldStop);
  return report;
}

/** The repair of open rule tasks nobody is on, each in its own transaction (assign-orphan-task.ts). */
async function assignOrphans(ctx: WorkerContext, report: HandOverReport, shouldStop: () => boolean): Promise<void> {
  for (let after = ''; !shouldStop(); ) {
    const page = await orphanTasks(ctx.db, after, PAGE);
    for (const orphan of page) {
      if (shouldStop()) break;
      try {
        const outcome = await withRaceRetry(() => ctx.db.transaction().execute((trx) => assignOrphanTask(trx, ctx.services, orphan)));
        if (outcome === 'handedOver') report.orphansAssigned += 1;
        else report[outcome] += 1;
        if (outcome === 'nobody') ctx.log.warn({ taskId: orphan.id, instanceId: orphan.instance_id }, 'open task with no assignees: nobody present holds the hr or admin role');
      } catch (err) {
        report.failed += 1;
        ctx.log.error({ taskId: orphan.id, instanceId: orphan.instance_id, err: errorText(err) }, 'could not assign an open task with no assignees; will retry');
      }
    }
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.id;
  }
}
