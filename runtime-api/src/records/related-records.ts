import type { RecordLookup, RuleContext } from '@baton/engine';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';

/** Rounds of look-ups at most: a record's field that names another record ("{assets.assetId.roomId.name}"). */
const MAX_ROUNDS = 3;

/** id → the record's data, or null: asked for, and no such record. */
type Loaded = Map<string, { data: Record<string, unknown>; formKey: string } | null>;

const sharedByTransaction = new WeakMap<object, Loaded>();

/**
 * From now on, the records rule runs in this transaction read are kept for its later runs: the timer
 * worker's batch fires up to 50 rules in one transaction, and reminders of one team often name the same
 * records. Only for a transaction that writes no records (a timer batch does not: a rule's setData on a
 * record goes through the outbox), so what is kept stays what the database holds.
 */
export function shareRelatedRecords(trx: Kysely<Database>): void {
  sharedByTransaction.set(trx, new Map());
}

/**
 * Runs pure rule code with the records its templates name ("{assets.assetId.tag}": the asset's tag, not its
 * id). The engine is synchronous and does no IO, so a run notes the ids a template reached for and found in
 * neither the directory nor the records loaded so far; when there are some, they are read in one query and
 * the rules run again — same inputs, same effects. A command whose templates name no record (most) runs
 * once and reads nothing more. Event rules (rules-step.ts) and rule timers (fire-rule-timer.ts) both run here.
 */
export async function withRelatedRecords<T>(trx: Kysely<Database>, ctx: RuleContext, run: (ctx: RuleContext) => T): Promise<T> {
  return withRecordLookup(trx, (records) => run({ ...ctx, records }));
}

/**
 * The same for any pure engine code given a record lookup (a flow step's instructions, flow-command.ts). A
 * run that throws having asked for records not loaded yet runs again with them: a refusal (a checklist gate
 * naming its open rows by their assets' tags) reads the records as an answer does, and throws again.
 */
export async function withRecordLookup<T>(trx: Kysely<Database>, run: (records: RecordLookup) => T): Promise<T> {
  const loaded: Loaded = sharedByTransaction.get(trx) ?? new Map();
  let wanted = new Set<string>();
  const load = async () => {
    const ids = [...wanted];
    wanted = new Set();
    for (const id of ids) loaded.set(id, null);
    const rows = await trx.selectFrom('records').select(['id', 'form_key', 'data']).where('id', 'in', ids).execute();
    for (const row of rows) loaded.set(row.id, { data: row.data as Record<string, unknown>, formKey: row.form_key });
  };
  const records: RecordLookup = (id) => {
    const found = loaded.get(id);
    if (found === undefined) wanted.add(id);
    return found ?? undefined;
  };
  for (let round = 1; ; round += 1) {
    let result: T;
    try {
      result = run(records);
    } catch (error) {
      if (wanted.size === 0 || round === MAX_ROUNDS) throw error;
      await load();
      continue;
    }
    if (wanted.size === 0 || round === MAX_ROUNDS) return result;
    await load();
  }
}
