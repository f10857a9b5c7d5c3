import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import type { BatonDatabase } from '../../src/db/open-database.js';

/** What one piece of work cost the database: statements sent (round trips) and transactions committed. */
export interface QueryCount {
  roundTrips: number;
  /** COMMITs plus statements run outside a transaction (each one its own transaction). */
  commits: number;
  statements: string[];
}

interface Client {
  query: (...args: unknown[]) => unknown;
}

const store = new AsyncLocalStorage<QueryCount>();
const inTransaction = new WeakMap<object, boolean>();
const patched = new WeakSet<object>();

function note(client: object, text: string): void {
  const count = store.getStore();
  const head = text.trimStart().slice(0, 20).toLowerCase();
  // A message may carry several statements ("update …; commit", the audit chainer's; a pipelined batch's).
  const tail = text.trimEnd().slice(-12).toLowerCase();
  const commitsAtEnd = !head.startsWith('commit') && /;\s*commit$/.test(tail);
  const opens = head.startsWith('begin') || head.startsWith('start transaction');
  const ends = head.startsWith('commit') || head.startsWith('rollback') || commitsAtEnd;
  const open = inTransaction.get(client) === true;
  if (opens) inTransaction.set(client, true);
  if (ends) inTransaction.set(client, false);
  if (!count) return;
  count.roundTrips += 1;
  const shown = text.replace(/\s+/g, ' ');
  count.statements.push(shown.length > 160 ? `${shown.slice(0, 140)} … ${shown.slice(-16)}` : shown);
  if (head.startsWith('commit') || commitsAtEnd || (!open && !opens && !ends)) count.commits += 1;
}

/** Wraps `query` of an object (a pg Client prototype, a PGlite instance) so calls are counted; idempotent. */
function wrap(target: Client): void {
  if (patched.has(target)) return;
  patched.add(target);
  const original = target.query;
  target.query = function (this: object, ...args: unknown[]) {
    const first = args[0] as { text?: unknown; pipelinedTexts?: unknown } | string | undefined;
    // A pipelined batch (db/pipelined-batch.ts: "begin", a statement, "commit" in one write) is ONE round trip.
    const batch = typeof first === 'object' && Array.isArray(first?.pipelinedTexts) ? (first.pipelinedTexts as string[]).join('; ') : undefined;
    const text = batch ?? (typeof first === 'string' ? first : typeof first?.text === 'string' ? first.text : '');
    note(this, text);
    return original.apply(this, args);
  };
}

/**
 * Counts the statements and commits caused by `work` — and only by it: the count follows the async context
 * (AsyncLocalStorage), so a timer or sweep of the same app running meanwhile is not counted. It measures the
 * real driver calls (pg's Client.query, PGlite's query), not a mock.
 */
export async function countQueries(database: BatonDatabase, work: () => Promise<unknown>): Promise<QueryCount> {
  wrap(pg.Client.prototype as unknown as Client);
  if (database.pglite) wrap(database.pglite as unknown as Client);
  const count: QueryCount = { roundTrips: 0, commits: 0, statements: [] };
  await store.run(count, work);
  return count;
}
