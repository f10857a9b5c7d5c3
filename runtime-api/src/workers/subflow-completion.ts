import { BatonError, SUBFLOW_COMPLETED } from '@baton/engine';
import { commandEnv } from '../execution/execution-services.js';
import { executeInstanceCommand } from '../execution/instance-pipeline.js';
import { runConcurrently } from './run-concurrently.js';
import { errorText, withRaceRetry, type WorkerContext } from './worker-context.js';
import { workerDb } from './worker-database.js';

interface EndedChild {
  id: string;
  parent_instance_id: string | null;
}

/**
 * Tells one parent that its child ended: the subflow node's `subflowCompleted` signal through the pipeline,
 * and the child's `parent_notified_at` in the same transaction, so the signal is sent exactly once however
 * many processes look. Locks parent then child, as a command on the parent would.
 */
async function notifyParent(ctx: WorkerContext, child: EndedChild): Promise<boolean> {
  return ctx.db.transaction().execute(async (trx) => {
    const wdb = workerDb(trx);
    const parentId = child.parent_instance_id ?? '';
    const parent = await trx.selectFrom('instances').select(['id', 'status']).where('id', '=', parentId).forUpdate().executeTakeFirst();
    const row = await wdb
      .selectFrom('instances')
      .select(['status', 'data', 'parent_node_id', 'parent_token_id', 'parent_notified_at'])
      .where('id', '=', child.id)
      .forUpdate()
      .executeTakeFirst();
    if (!row || row.parent_notified_at !== null || row.status === 'running') return false;
    const env = await commandEnv(trx, ctx.services, 'system', 'en');
    let note: string | null = null;
    if (parent?.status === 'running') {
      try {
        await executeInstanceCommand(env, {
          instanceId: parentId,
          authorize: () => undefined,
          command: () => ({
            type: 'signal',
            name: SUBFLOW_COMPLETED,
            payload: { status: row.status, data: row.data, instanceId: child.id },
            ...(row.parent_token_id ? { tokenId: row.parent_token_id } : {}),
            ...(row.parent_node_id ? { nodeId: row.parent_node_id } : {}),
          }),
          audit: { action: 'subflow.ended', data: { childInstanceId: child.id, childStatus: row.status } },
        });
      } catch (err) {
        // The engine refused before writing anything (the parent no longer waits there, e.g. wait: false).
        if (!(err instanceof BatonError)) throw err;
        note = err.message;
      }
    } else note = parent ? `the parent ended (${parent.status})` : 'the parent no longer exists';
    await wdb.updateTable('instances').set({ parent_notified_at: env.now }).where('id', '=', child.id).execute();
    if (note) ctx.log.info({ childInstanceId: child.id, parentInstanceId: parentId, note }, 'subflow ended; parent not signalled');
    return true;
  });
}

/** Ended children whose parents were not told yet (a small partial index keeps this cheap). Returns how many were handled. */
export async function notifyParents(ctx: WorkerContext, stopping: () => boolean): Promise<number> {
  const children = await workerDb(ctx.db)
    .selectFrom('instances')
    .select(['id', 'parent_instance_id'])
    .where('parent_instance_id', 'is not', null)
    .where('parent_notified_at', 'is', null)
    .where('status', '<>', 'running')
    .limit(ctx.settings.batchSize)
    .execute();
  let handled = 0;
  await runConcurrently(children, ctx.settings.concurrency, async (child) => {
    if (stopping()) return;
    try {
      if (await withRaceRetry(() => notifyParent(ctx, child))) handled += 1;
    } catch (err) {
      // Retried on the next round; a database that is down fails everything alike.
      ctx.log.warn({ childInstanceId: child.id, err: errorText(err) }, 'could not signal a subflow parent; will retry');
    }
  });
  return handled;
}
