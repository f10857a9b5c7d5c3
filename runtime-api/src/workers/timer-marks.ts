import type { Kysely, Selectable } from 'kysely';
import type { Database, RecordsTable } from '../db/database.js';
import type { CommandEnv } from '../execution/execution-services.js';
import type { InstanceRow } from '../execution/instance-pipeline.js';
import type { ClaimedTimer } from './timer-claims.js';
import { workerDb } from './worker-database.js';

/**
 * Nothing left to fire (the instance ended, the rule is gone): the timer becomes `obsolete` with the reason
 * in last_error. Thrown only before the firing transaction's first write, so recording it there is safe.
 */
export class ObsoleteTimer extends Error {}

/** What a firing step works on: its command env (transaction, clock), the timer, and the rows it locked. */
export interface TimerTarget {
  env: CommandEnv;
  timer: ClaimedTimer;
  instance: InstanceRow | undefined;
  record: Selectable<RecordsTable> | undefined;
}

export async function markObsolete(trx: Kysely<Database>, timer: ClaimedTimer, reason: string): Promise<void> {
  await workerDb(trx)
    .updateTable('timers')
    .set({ status: 'obsolete', fired_at: null, locked_until: null, locked_by: null, last_error: reason })
    .where('id', '=', timer.id)
    .execute();
}
