import pg from 'pg';
import { sendPipelined, type PipelinedStatement } from './pipelined-batch.js';

/**
 * A command's transaction on PostgreSQL without round trips of its own: Kysely's `begin` is acknowledged
 * at once and sent in front of the transaction's first statement, and a statement marked `commitAfter`
 * carries the `commit` behind it — each in the same network write and the same ReadyForQuery
 * (pipelined-batch.ts). Kysely's own `commit` then has nothing left to do on that connection. PGlite never
 * sees any of this (the marked text is the statement with a trailing comment).
 */
const COMMIT_MARK = '\n-- baton: commit with this statement';
const BEGIN = 'begin';
const COMMIT = 'commit';

/**
 * Marks a statement as its transaction's last: on PostgreSQL the commit travels with it (and a failed
 * commit — a deferred unique violation, a serialization failure — is that statement's error). Nothing may
 * run in the transaction after it, and a rollback after it cannot undo it. Returns the text to send.
 */
export function commitAfter(text: string): string {
  return text + COMMIT_MARK;
}

/** The statement a commitAfter text stands for, and whether it carries the commit. */
export function unmarkCommit(text: string): { text: string; commit: boolean } {
  return text.endsWith(COMMIT_MARK) ? { text: text.slice(0, -COMMIT_MARK.length), commit: true } : { text, commit: false };
}

type State = 'idle' | 'begin-due' | 'open' | 'committed';
const states = new WeakMap<object, State>();

type Query = (this: pg.Client, ...args: unknown[]) => unknown;

function done(command: string): Promise<pg.QueryResult> {
  return Promise.resolve({ command, rowCount: null, oid: 0, rows: [], fields: [] } as unknown as pg.QueryResult);
}

// Begin and commit as named statements: parsed once per connection like the hot statements.
const BEGIN_STATEMENT: PipelinedStatement = { name: 'baton_begin', text: BEGIN, values: [] };
const COMMIT_STATEMENT: PipelinedStatement = { name: 'baton_commit', text: COMMIT, values: [] };

/**
 * Kysely's transaction control on one pool client: returns the answer when `text` is a `begin`, `commit`
 * or `rollback` this module handles itself, else undefined (the caller sends the statement as usual).
 */
export function transactionControl(client: pg.Client, text: string, values: readonly unknown[]): Promise<pg.QueryResult> | undefined {
  if (values.length > 0) return undefined;
  const state = states.get(client) ?? 'idle';
  if (text === BEGIN) {
    states.set(client, 'begin-due');
    return done('BEGIN');
  }
  if (text.startsWith('start transaction')) {
    // Kysely's begin with an isolation level: sent as is, but its last statement may still carry the commit.
    states.set(client, 'open');
    return undefined;
  }
  if (text !== COMMIT && text !== 'rollback') return undefined;
  if (state === 'begin-due' || state === 'committed') {
    // Nothing was sent (no statement ran), or the commit went with the last statement. A rollback here
    // follows an error thrown after that statement: what it wrote is committed all the same.
    states.set(client, 'idle');
    return done(text === COMMIT ? 'COMMIT' : 'ROLLBACK');
  }
  states.set(client, 'idle');
  return undefined;
}

/**
 * Sends one statement of the client's transaction, with the due `begin` in front and, when `commit`, the
 * commit behind: one write, one ReadyForQuery. A text of several statements (the simple protocol, no
 * parameters) cannot join an extended-protocol batch: a due begin goes alone before it.
 */
export function sendInTransaction(client: pg.Client, query: Query, statement: PipelinedStatement, commit: boolean, plain: () => Promise<unknown>): Promise<unknown> {
  const state = states.get(client) ?? 'idle';
  if (state === 'committed') {
    return Promise.reject(new Error('a statement was sent after its transaction committed with its last statement (commitAfter)'));
  }
  const begin = state === 'begin-due';
  const withCommit = commit && state !== 'idle';
  if (!begin && !withCommit) return plain();
  // One statement without parameters (no `;`: not several) may join the batch all the same, unnamed.
  if (statement.values.length === 0 && (!begin || statement.text.includes(';'))) {
    if (!begin) return plain();
    states.set(client, 'open');
    return (query.call(client, BEGIN) as Promise<unknown>).then(plain);
  }
  const batch = [...(begin ? [BEGIN_STATEMENT] : []), statement, ...(withCommit ? [COMMIT_STATEMENT] : [])];
  // Until it answers, the transaction is open on the server (or aborted, which Kysely's rollback ends).
  states.set(client, 'open');
  return sendPipelined(client, query, batch, begin ? 1 : 0).then((result) => {
    if (withCommit) states.set(client, 'committed');
    return result;
  });
}
