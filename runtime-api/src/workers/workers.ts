import type { FastifyBaseLogger } from 'fastify';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { RuntimeConfig } from '../config/runtime-config.js';
import type { BatonDatabase } from '../db/open-database.js';
import { executionServices } from '../execution/execution-services.js';
import { deliverOutbox } from './deliver-outbox.js';
import type { FireOutcome } from './fire-timer.js';
import { fireTimerBatch, splitBatches, TIMER_BATCH } from './fire-timer-batch.js';
import { claimOutbox, releaseOutbox, unhandledTypes } from './outbox-claims.js';
import type { OutboxHandlers } from './outbox-handler.js';
import { runConcurrently } from './run-concurrently.js';
import { syncScheduleTimers } from './schedule-timers.js';
import { notifyParents } from './subflow-completion.js';
import { claimTimers, releaseTimers, type ClaimedTimer } from './timer-claims.js';
import { errorText, type WorkerContext } from './worker-context.js';
import { sweepIdempotencyKeys } from '../idempotency/idempotency-retention.js';
import { HandoverSchedule } from './handover-schedule.js';
import type { HandOverReport } from './hand-over-tasks.js';

export interface WorkersOptions {
  database: BatonDatabase;
  config: RuntimeConfig;
  handlers: OutboxHandlers;
  log: FastifyBaseLogger;
}

/** What one drain did, for tests and the CLI. */
export interface DrainReport {
  rounds: number;
  timers: Record<FireOutcome, number>;
  deliveries: Record<'delivered' | 'retry' | 'dead' | 'lost', number>;
  parentsSignalled: number;
}

/** How often the schedule (cron) rules are checked for a timer to plan, and unhandled outbox types reported. */
const HOUSEKEEPING_MS = 60_000;
/** A timer round stops claiming after this long, so subflow completions and housekeeping get their turn in a backlog. */
const ROUND_MS = 1_000;
/** How often expired Idempotency-Key answers are swept (each process; the sweep is safe to race). */
const RETENTION_SWEEP_MS = 60_000;
/** While a backlog fires, the audit chainer is asked at most this often (see committedSoon). */
const CHAIN_GAP_MS = 200;

/**
 * The timer and outbox workers of one process. `start()` runs two polling loops (timers + subflow
 * completions, outbox) and the Idempotency-Key retention sweep; `drain()` runs rounds of the same steps
 * (not the sweep) until nothing is due, whether or not the loops run; `stop()` stops claiming, lets
 * in-flight work finish (up to the shutdown timeout) and gives unstarted claims back.
 */
export class Workers {
  readonly id = `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private readonly ctx: WorkerContext;
  private readonly handlers: OutboxHandlers;
  private stopping = false;
  private stopped = false;
  private loops: Promise<void>[] = [];
  private readonly wakers = new Set<() => void>();
  private readonly abort = new AbortController();
  private readonly reportedTypes = new Set<string>();
  private lastHousekeeping = 0;
  private readonly commitListeners: Array<() => void> = [];
  private lastChainAsk = 0;
  private chainSoon: NodeJS.Timeout | undefined;
  private readonly handover: HandoverSchedule;

  constructor(options: WorkersOptions) {
    this.handlers = options.handlers;
    this.ctx = {
      db: options.database.db,
      config: options.config,
      services: executionServices(options.database, options.config),
      settings: options.config.workers,
      workerId: this.id,
      log: options.log.child({ component: 'workers', worker: this.id }),
    };
    this.handover = new HandoverSchedule(this.ctx, () => this.stopping);
  }

  get running(): boolean {
    return this.loops.length > 0 && !this.stopping;
  }

  /** Starts the background loops; their first round runs at once, so timers that fell due while down fire now. */
  start(): void {
    if (this.loops.length > 0 || this.stopping) return;
    this.ctx.log.info({ settings: this.ctx.settings, handlers: this.handlers.types() }, 'workers started');
    this.loops = [this.loop('timers', () => this.timerRound()), this.loop('outbox', () => this.outboxRound()), this.retentionLoop(), this.handoverLoop()];
  }

  /**
   * Called after a worker transaction that may have appended audit entries commits (the app passes the
   * audit chainer's flush), so they are chained at once rather than at the chainer's next sweep.
   */
  onCommitted(listener: () => void): void {
    this.commitListeners.push(listener);
  }

  /**
   * `committed()` for the timer loop's batches: at once when the chainer was last asked more than
   * CHAIN_GAP_MS ago, else once at the end of that gap. Each chainer run is a transaction of its own (about
   * six statements); asked after every batch of a backlog it cost as many statements as the timers.
   */
  private committedSoon(): void {
    if (this.chainSoon) return;
    const wait = this.lastChainAsk + CHAIN_GAP_MS - Date.now();
    if (wait <= 0) {
      this.lastChainAsk = Date.now();
      this.committed();
      return;
    }
    this.chainSoon = setTimeout(() => {
      this.chainSoon = undefined;
      this.lastChainAsk = Date.now();
      this.committed();
    }, wait);
    this.chainSoon.unref();
  }

  private committed(): void {
    for (const listener of this.commitListeners) {
      try {
        listener();
      } catch (err) {
        this.ctx.log.warn({ err: errorText(err) }, 'a commit listener failed');
      }
    }
  }

  /** Ends sleeps early: a command just wrote due work (e.g. a replay). */
  wake(): void {
    for (const wake of this.wakers) wake();
  }

  /**
   * Asks for a handover sweep now (the directory just changed: an import may have set leave dates or
   * switched people off); the loop runs it at once instead of at its next interval.
   */
  handOverSoon(): void {
    this.handover.requestSoon();
    this.wake();
  }

  /** One handover sweep now (full unless `incremental`), whether or not the loops run: for tests and the CLI. */
  handOver(options: { incremental?: boolean } = {}): Promise<HandOverReport> {
    return this.handover.sweep(options.incremental !== true);
  }

  /** Stops claiming and starting claimed work at once (the app is closing); in-flight work goes on. */
  halt(): void {
    this.stopping = true;
    this.wake();
  }

  /** Stops claiming, waits for in-flight work (up to the shutdown timeout), then aborts what still runs. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.halt();
    const all = Promise.allSettled(this.loops);
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), this.ctx.settings.shutdownTimeoutMs).unref());
    if ((await Promise.race([all, timeout])) === 'timeout') {
      this.ctx.log.warn({ timeoutMs: this.ctx.settings.shutdownTimeoutMs }, 'workers still busy at shutdown: aborting deliveries; unfinished claims return when their lease ends');
      this.abort.abort(new Error('shutting down'));
      await Promise.race([all, new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
    }
    // Entries of the last batches: chained now (the app's audit plugin chains once more as it closes).
    if (this.chainSoon) {
      clearTimeout(this.chainSoon);
      this.chainSoon = undefined;
      this.committed();
    }
    this.ctx.log.info('workers stopped');
  }

  /**
   * Runs rounds (schedule sync, due timers, subflow completions, due outbox rows) until a round finds
   * nothing to do, and reports what happened. Deterministic for tests: rows waiting out a retry backoff are
   * not due, so a drain ends rather than waiting for them.
   */
  async drain(options: { maxRounds?: number } = {}): Promise<DrainReport> {
    const report: DrainReport = {
      rounds: 0,
      timers: { fired: 0, obsolete: 0, skipped: 0, retry: 0, dead: 0 },
      deliveries: { delivered: 0, retry: 0, dead: 0, lost: 0 },
      parentsSignalled: 0,
    };
    await syncScheduleTimers(this.ctx);
    const maxRounds = options.maxRounds ?? 1000;
    while (report.rounds < maxRounds && !this.stopping) {
      report.rounds += 1;
      const timers = await this.timerRound(report);
      const parents = await notifyParents(this.ctx, () => this.stopping);
      report.parentsSignalled += parents;
      if (parents > 0) this.committed();
      const deliveries = await this.outboxRound(report);
      if (timers + parents + deliveries === 0) break;
    }
    return report;
  }

  private async loop(name: string, round: () => Promise<number>): Promise<void> {
    let failing = false;
    while (!this.stopping) {
      let worked = 0;
      try {
        worked = await round();
        if (failing) this.ctx.log.info({ loop: name }, 'worker loop recovered');
        failing = false;
      } catch (err) {
        // Typically the database is unreachable: say so once per outage, keep polling.
        if (!failing) this.ctx.log.error({ loop: name, err: errorText(err) }, 'worker round failed; retrying every poll interval');
        failing = true;
      }
      if (worked < this.ctx.settings.batchSize && !this.stopping) await this.sleep(this.ctx.settings.pollIntervalMs);
    }
  }

  /**
   * Sweeps expired Idempotency-Key answers at start and then every RETENTION_SWEEP_MS, in bounded batches
   * (idempotency-retention.ts). Its own loop, so a large backlog never delays timers; a wake() (due work
   * written) only ends the sleep early, it does not sweep again before the interval.
   */
  private async retentionLoop(): Promise<void> {
    while (!this.stopping) {
      try {
        const swept = await sweepIdempotencyKeys(this.ctx.db, { retentionHours: this.ctx.config.idempotency.retentionHours, shouldStop: () => this.stopping });
        if (swept > 0) this.ctx.log.debug({ swept }, 'expired Idempotency-Key answers swept');
      } catch (err) {
        this.ctx.log.warn({ err: errorText(err) }, 'could not sweep expired Idempotency-Key answers; will retry');
      }
      const next = Date.now() + RETENTION_SWEEP_MS;
      while (!this.stopping && Date.now() < next) await this.sleep(next - Date.now());
    }
  }

  /**
   * Hands open tasks of people who left to their nearest present managers (handover-schedule.ts): at start,
   * then every BATON_HANDOVER_INTERVAL_SECONDS, and at once after handOverSoon().
   */
  private async handoverLoop(): Promise<void> {
    while (!this.stopping) {
      try {
        await this.handover.run();
      } catch (err) {
        this.ctx.log.warn({ err: errorText(err) }, 'could not hand over open tasks of people who left; will retry');
      }
      while (!this.stopping && !this.handover.due()) await this.sleep(this.handover.waitMs());
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakers.add(done);
    });
  }

  private async housekeeping(): Promise<void> {
    if (Date.now() - this.lastHousekeeping < HOUSEKEEPING_MS) return;
    this.lastHousekeeping = Date.now();
    try {
      await syncScheduleTimers(this.ctx);
    } catch (err) {
      this.ctx.log.warn({ err: errorText(err) }, 'could not plan schedule rules; will retry');
    }
    for (const type of await unhandledTypes(this.ctx.db, this.handlers.types())) {
      if (this.reportedTypes.has(type)) continue;
      this.reportedTypes.add(type);
      this.ctx.log.warn({ type }, 'outbox rows of this effect type wait: no handler is registered for it in this process');
    }
  }

  /**
   * Due timers, earliest first, fired as batches (a transaction each) with up to `concurrency` in flight:
   * as soon as a lane is free the next claim runs, while the other batches are still writing, so the
   * database never waits for a whole round. Then the subflow completions (background loop only). Timers of
   * one instance go to the same batch; batches take their row locks in id order, so they never deadlock
   * each other. A round claims for about a second at most, then lets its batches finish.
   */
  private async timerRound(report?: DrainReport): Promise<number> {
    if (!report) await this.housekeeping();
    const { settings, db } = this.ctx;
    const lanes = Math.max(1, settings.concurrency);
    const inFlight = new Set<Promise<void>>();
    const began = Date.now();
    let claimedTotal = 0;
    // Never rejects: a batch in flight must not leave an unobserved rejection when another one ends the round.
    const fire = async (batch: ClaimedTimer[]): Promise<void> => {
      try {
        const result = await fireTimerBatch(this.ctx, batch);
        if (report) for (const outcome of result.outcomes.values()) report.timers[outcome] += 1;
        // Fired timers appended audit entries: have them chained now, not at the chainer's next sweep.
        if (result.committed > 0) {
          if (report) this.committed();
          else this.committedSoon();
        }
      } catch (err) {
        // The database itself is failing: the leases run out and the timers are claimed again later.
        this.ctx.log.error({ timers: batch.length, err: errorText(err) }, 'a timer batch could not be fired');
      }
    };
    while (!this.stopping && Date.now() - began < ROUND_MS) {
      const free = lanes - inFlight.size;
      const limit = Math.min(settings.batchSize, free * TIMER_BATCH);
      const claimed = await claimTimers(db, this.id, limit, settings.leaseMs);
      claimedTotal += claimed.length;
      if (this.stopping) {
        await releaseTimers(db, this.id, claimed.map((t) => t.id));
        break;
      }
      // Full batches (the fixed cost of a batch is most of what a small one costs); the next claim fills the other lanes.
      for (const batch of splitBatches(claimed, Math.ceil(claimed.length / TIMER_BATCH), TIMER_BATCH)) {
        const run: Promise<void> = fire(batch).finally(() => inFlight.delete(run));
        inFlight.add(run);
      }
      // Nothing more is due now: finish what runs.
      if (claimed.length < limit) break;
      while (inFlight.size >= lanes) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    if (report) return claimedTotal;
    const parents = await notifyParents(this.ctx, () => this.stopping);
    if (parents > 0) this.committed();
    return claimedTotal + parents;
  }

  /** One batch of due outbox rows, delivered by their handlers with bounded concurrency. */
  private async outboxRound(report?: DrainReport): Promise<number> {
    const { settings, db } = this.ctx;
    const claimed = await claimOutbox(db, this.id, this.handlers.types(), settings.batchSize, settings.leaseMs);
    const unstarted: string[] = [];
    let delivered = 0;
    await runConcurrently(claimed, settings.concurrency, async (row) => {
      const handler = this.handlers.get(row.type as Parameters<OutboxHandlers['get']>[0]);
      if (this.stopping || !handler) {
        unstarted.push(row.id);
        return;
      }
      try {
        const outcome = await deliverOutbox(this.ctx, handler, row, this.abort.signal);
        if (report) report.deliveries[outcome] += 1;
        if (outcome === 'delivered') delivered += 1;
      } catch (err) {
        // Recording the attempt failed (database trouble): the lease runs out and the row is claimed again.
        this.ctx.log.error({ outboxId: row.id, err: errorText(err) }, 'could not record an outbox delivery');
      }
    });
    await releaseOutbox(db, this.id, unstarted);
    // Built-in handlers (setData, startFlow) run commands that append audit entries.
    if (delivered > 0) this.committed();
    return claimed.length;
  }
}
