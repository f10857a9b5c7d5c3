import { createHash } from 'node:crypto';
import pg from 'pg';
import { sendInTransaction, transactionControl, unmarkCommit } from '../db/deferred-transaction.js';

/**
 * The hot statements of every command (the Idempotency-Key's check, the task load, the step's rows, the
 * stored answer, the audit chainer's read) as named prepared statements on PostgreSQL: each connection
 * parses and plans a text once instead of on every command (node-postgres sends unnamed statements, which
 * PostgreSQL parses and plans again each time — a share of the database's CPU per command comparable to the
 * server's). Only texts registered here are named; everything else is sent as before. PGlite is unaffected.
 */
const names = new Map<string, string>();
/** A bound on distinct texts (each costs a little memory per connection). */
const MAX_NAMED = 1024;

/** Marks a fixed SQL text as hot; returns it, so call sites read `CompiledQuery.raw(hot(TEXT), params)`. */
export function hot(text: string): string {
  if (!names.has(text) && names.size < MAX_NAMED) names.set(text, `baton_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`);
  return text;
}

/** Parameterless multi-statement texts whose caller wants the last statement's result (see lastResultOf). */
const lastResultTexts = new Set<string>();

/**
 * Marks a parameterless text of several statements (sent in one simple-protocol message: one round trip) as
 * one whose caller needs the rows of its LAST statement: node-postgres answers such a message with an array of
 * results, of which Kysely would read none. PostgreSQL only.
 */
export function lastResultOf(text: string): string {
  lastResultTexts.add(text);
  return text;
}

type Query = (this: pg.Client, ...args: unknown[]) => unknown;

/** What a sent text stands for: the statement without its commit mark, whether it carries the commit, its name. */
interface Sent {
  text: string;
  commit: boolean;
  name: string | undefined;
}

/**
 * Per marked text (the same string objects come back on every command): unmarking sliced a new copy of a
 * long text each time, and looking that copy's name up hashed all of it again.
 */
const sentTexts = new Map<string, Sent>();

function sentOf(marked: string): Sent {
  let sent = sentTexts.get(marked);
  if (sent === undefined) {
    const { text, commit } = unmarkCommit(marked);
    sent = { text, commit, name: names.get(text) };
    // Only registered texts are remembered (a bounded set); one-off texts are unmarked each time, as before.
    if (sent.name !== undefined && sentTexts.size < MAX_NAMED) sentTexts.set(marked, sent);
  }
  return sent;
}

/**
 * A statement whose `*` expands differently after a migration (a column added while this process runs, a
 * rolling upgrade) fails once with "cached plan must not change result type" (SQLSTATE 0A000) on each
 * connection that prepared it. The next use on that connection then prepares it afresh under a new name;
 * runCommand retries the command (isStalePlan).
 */
const generations = new WeakMap<object, Map<string, number>>();

export function isStalePlan(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  return e?.code === '0A000' && typeof e.message === 'string' && e.message.includes('cached plan must not change result type');
}

function nameOn(client: object, name: string): string {
  const generation = generations.get(client)?.get(name);
  return generation ? `${name}_${generation}` : name;
}

function renew(client: object, name: string): void {
  let names = generations.get(client);
  if (!names) generations.set(client, (names = new Map()));
  names.set(name, (names.get(name) ?? 0) + 1);
}

/**
 * Installs the naming on one pool client (open-database.ts, on 'connect'): a query whose text is registered
 * and that carries values goes out as `{ name, text, values }`; a lastResultOf text answers with its last
 * result; Kysely's begin and a commitAfter statement's commit travel with the transaction's statements
 * (deferred-transaction.ts). The prototype's `query` is looked up per call, so wrappers installed on it
 * later (the tests' query counter) still see every statement.
 */
export function nameHotStatements(client: pg.Client): void {
  const own = function (this: pg.Client, ...args: unknown[]) {
    const query = (pg.Client.prototype as unknown as { query: Query }).query;
    const [marked, values] = args;
    if (typeof marked === 'string' && lastResultTexts.has(marked) && !args.some((a) => typeof a === 'function')) {
      return (query.apply(this, args) as Promise<unknown>).then((result) => (Array.isArray(result) ? result[result.length - 1] : result));
    }
    if (typeof marked === 'string' && Array.isArray(values) && args.length === 2) {
      const control = transactionControl(this, marked, values);
      if (control) return control;
      const marks = sentOf(marked);
      const { text, commit } = marks;
      const name = values.length > 0 ? marks.name : undefined;
      const plain = () => query.call(this, name ? { name: nameOn(this, name), text, values } : text, name ? undefined : values) as Promise<unknown>;
      const sent = sendInTransaction(this, query, { name: name && nameOn(this, name), text, values }, commit, plain);
      return name ? renewWhenStale(this, name, sent) : sent;
    }
    return query.apply(this, args);
  };
  (client as unknown as { query: Query }).query = own;
}

function renewWhenStale(client: object, name: string, sent: Promise<unknown>): Promise<unknown> {
  return sent.catch((err: unknown) => {
    if (isStalePlan(err)) renew(client, name);
    throw err;
  });
}
