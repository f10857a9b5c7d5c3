/**
 * What firing timers cost, measured around the firing window of the timer bench: SQL statements sent (every
 * query of pg's clients and of PGlite, counted in this process), this process's CPU time (the workers run
 * here), and on PostgreSQL the CPU of this database's server backends (read from /proc, so only when the
 * server runs on this machine) and its commits. A shared machine slows the wall clock, not these.
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';

export interface CostSnapshot {
  statements: number;
  cpuMs: number;
  /** PostgreSQL backends of the database (pid → CPU ms); empty on PGlite or when /proc does not show them. */
  backends: Map<number, number>;
  commits: number;
}

export interface Cost {
  statements: number;
  cpuMs: number;
  /** Undefined when the backends could not be read (PGlite, or a server on another machine). */
  dbCpuMs: number | undefined;
  commits: number | undefined;
}

let statements = 0;
/** Statements the bench itself sent (progress polls, these snapshots): not the workers' cost. */
let benchStatements = 0;
let pgCounted = false;

/** Counts every statement this process sends through pg's clients, or through this PGlite instance. */
export function countStatements(pglite?: { query: (...args: never[]) => unknown }): void {
  if (pglite) {
    const query = pglite.query.bind(pglite) as (...a: unknown[]) => unknown;
    (pglite as { query: unknown }).query = (...args: unknown[]) => {
      statements += 1;
      return query(...args);
    };
    return;
  }
  if (pgCounted) return;
  pgCounted = true;
  const pgQuery = pg.Client.prototype.query as (...a: unknown[]) => unknown;
  (pg.Client.prototype as { query: unknown }).query = function (this: pg.Client, ...args: unknown[]) {
    statements += 1;
    return pgQuery.apply(this, args);
  };
}

/** The bench sent `n` statements of its own. */
export function benchSent(n = 1): void {
  benchStatements += n;
}

const CLOCK_TICKS_PER_MS = 100 / 1000;

function procCpuMs(pid: number): number | undefined {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_MS;
  } catch {
    return undefined;
  }
}

/** `query` runs SQL on the measured PostgreSQL database (its statements are the bench's own). */
export async function costSnapshot(query?: (text: string) => Promise<Array<Record<string, unknown>>>): Promise<CostSnapshot> {
  const backends = new Map<number, number>();
  let commits = 0;
  if (query) {
    benchSent(3);
    for (const row of await query(`select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`)) {
      const cpu = procCpuMs(Number(row.pid));
      if (cpu !== undefined) backends.set(Number(row.pid), cpu);
    }
    await query('select pg_stat_clear_snapshot()');
    commits = Number((await query('select xact_commit from pg_stat_database where datname = current_database()'))[0]?.xact_commit ?? 0);
  }
  const usage = process.cpuUsage();
  return { statements: statements - benchStatements, cpuMs: (usage.user + usage.system) / 1000, backends, commits };
}

/** The cost between two snapshots; a backend that appeared meanwhile counts whole, one that left is lost (rare). */
export function costBetween(a: CostSnapshot, b: CostSnapshot): Cost {
  let dbCpuMs: number | undefined;
  if (b.backends.size > 0) {
    dbCpuMs = 0;
    for (const [pid, cpu] of b.backends) dbCpuMs += cpu - (a.backends.get(pid) ?? 0);
  }
  return {
    statements: b.statements - a.statements,
    cpuMs: b.cpuMs - a.cpuMs,
    dbCpuMs,
    commits: b.commits > 0 ? b.commits - a.commits : undefined,
  };
}
