import pg from 'pg';

/**
 * Several statements sent to PostgreSQL in ONE network write and answered by ONE ReadyForQuery: a
 * Parse/Bind/Describe/Execute group per statement, then a single Sync (the extended protocol allows it;
 * node-postgres exposes it only through a "submittable", as pg-cursor does). On this machine every socket
 * write and read costs more than the statement itself, so `begin` travels with a command's first statement
 * and `commit` with its last (deferred-transaction.ts).
 *
 * After an error the server skips every message up to the Sync: the statements behind the failed one do
 * not run, the transaction (if any) is aborted, and the caller hears the failed statement's own error
 * (SQLSTATE intact, so retries on 40001/23505/… keep working). Only one statement's rows are kept (`keep`).
 */
export interface PipelinedStatement {
  /** A named prepared statement (parsed once per connection), or undefined for an unnamed one. */
  name?: string | undefined;
  text: string;
  values: readonly unknown[];
}

interface Connection {
  parsedStatements: Record<string, string>;
  submittedNamedStatements: Record<string, string>;
  stream: { cork?: () => void; uncork?: () => void };
  parse(msg: { name?: string; text: string }): void;
  bind(msg: { statement?: string; values: readonly unknown[] }): void;
  describe(msg: { type: 'P'; name: string }): void;
  execute(msg: { portal: string }): void;
  sync(): void;
  sendCopyFail(message: string): void;
}

interface Message {
  fields: unknown[];
}

type ResultLike = pg.QueryResult & {
  _types?: unknown;
  addFields(fields: unknown[]): void;
  parseRow(fields: unknown[]): Record<string, unknown>;
  addRow(row: Record<string, unknown>): void;
  addCommandComplete(msg: unknown): void;
};

const { Result, utils } = pg as unknown as {
  Result: new (rowMode?: string, types?: unknown) => ResultLike;
  utils: { prepareValue(value: unknown): unknown };
};

/** A Parse this batch sent whose ParseComplete may still be due: which step it belongs to. */
interface PendingParse {
  step: number;
  name: string | undefined;
  text: string;
}

export class PipelinedBatch {
  /** The statements' texts, for logs and the tests' query counter (one round trip). */
  readonly pipelinedTexts: readonly string[];
  /** The kept statement's result; node-postgres gives it the client's type parsers (as for its own Query). */
  readonly _result: ResultLike;
  callback: ((err: Error | null, result?: pg.QueryResult) => void) | undefined;
  private done = 0;
  private pending: PendingParse[] = [];
  private connection: Connection | undefined;
  private rowError: unknown;
  private answered = false;

  constructor(private readonly statements: readonly PipelinedStatement[], private readonly keep: number) {
    this.pipelinedTexts = statements.map((s) => s.text);
    this._result = new Result();
  }

  /**
   * node-postgres records a completed Parse under the ACTIVE query's `name` and `text`; ours are those of
   * the statement whose ParseComplete is due next (a statement's Parse always completes before the
   * statement's CommandComplete, which drops it from `pending`).
   */
  get name(): string | undefined {
    return this.pending[0]?.name;
  }

  get text(): string | undefined {
    return this.pending[0]?.text;
  }

  submit(connection: Connection): Error | null {
    this.connection = connection;
    let binds: unknown[][];
    try {
      // Mapped before anything is written: a value that cannot be sent fails the batch with nothing sent.
      binds = this.statements.map((s) => s.values.map((v) => utils.prepareValue(v)));
    } catch (err) {
      return err as Error;
    }
    connection.stream.cork?.();
    try {
      this.statements.forEach((s, step) => {
        const named = s.name !== undefined && s.name !== '';
        if (!named || (connection.parsedStatements[s.name!] === undefined && connection.submittedNamedStatements[s.name!] === undefined)) {
          connection.parse({ ...(named ? { name: s.name } : {}), text: s.text });
          if (named) connection.submittedNamedStatements[s.name!] = s.text;
          this.pending.push({ step, name: named ? s.name : undefined, text: s.text });
        }
        connection.bind({ ...(named ? { statement: s.name } : {}), values: binds[step]! });
        connection.describe({ type: 'P', name: '' });
        connection.execute({ portal: '' });
      });
      connection.sync();
    } finally {
      connection.stream.uncork?.();
    }
    return null;
  }

  handleRowDescription(msg: Message): void {
    if (this.done === this.keep) this._result.addFields(msg.fields);
  }

  handleDataRow(msg: Message): void {
    if (this.done !== this.keep || this.rowError !== undefined) return;
    try {
      this._result.addRow(this._result.parseRow(msg.fields));
    } catch (err) {
      this.rowError = err;
    }
  }

  handleCommandComplete(msg: unknown): void {
    if (this.done === this.keep) this._result.addCommandComplete(msg);
    this.finishStep();
  }

  handleEmptyQuery(): void {
    this.finishStep();
  }

  handlePortalSuspended(): void {
    // Never asked for: every Execute fetches all rows.
  }

  handleCopyInResponse(connection: Connection): void {
    connection.sendCopyFail('COPY is not supported in a pipelined batch');
  }

  handleCopyData(): void {}

  /**
   * An ErrorResponse (node-postgres then forgets this query; the server skips to our Sync), a dead
   * connection, or a value that could not be sent. Parses that never completed are forgotten, so the next
   * use of those names parses them again.
   */
  handleError(err: Error): void {
    for (const parse of this.pending) {
      if (parse.name && this.connection?.parsedStatements[parse.name] === undefined) delete this.connection?.submittedNamedStatements[parse.name];
    }
    this.pending = [];
    this.answer(err);
  }

  handleReadyForQuery(): void {
    if (this.rowError !== undefined) return this.answer(this.rowError as Error);
    if (this.done !== this.statements.length) return this.answer(new Error(`pipelined batch ended after ${this.done} of ${this.statements.length} statements`));
    this.answer(null, this._result);
  }

  private finishStep(): void {
    while (this.pending.length > 0 && this.pending[0]!.step <= this.done) this.pending.shift();
    this.done += 1;
  }

  private answer(err: Error | null, result?: pg.QueryResult): void {
    if (this.answered) return;
    this.answered = true;
    this.callback?.(err, result);
  }
}

type Query = (this: pg.Client, ...args: unknown[]) => unknown;

/** Sends the statements as one batch through `query` (the client's own, so wrappers on it see one call); answers with statement `keep`'s result. */
export function sendPipelined(client: pg.Client, query: Query, statements: readonly PipelinedStatement[], keep: number): Promise<pg.QueryResult> {
  return new Promise((resolve, reject) => {
    const batch = new PipelinedBatch(statements, keep);
    batch.callback = (err, result) => (err ? reject(err) : resolve(result!));
    query.call(client, batch);
  });
}
