import { organisationToday } from '../directory/person-presence.js';
import { handOverTasks, type HandOverReport, type SweepScope } from './hand-over-tasks.js';
import type { WorkerContext } from './worker-context.js';

/** A full sweep at least this often even when nothing asked for one (a manager who came back, say). */
const FULL_EVERY_MS = 24 * 60 * 60 * 1000;
/** Incremental sweeps look this far behind the last one: clocks of processes and long transactions differ. */
const SLACK_MS = 5 * 60 * 1000;

function dayBefore(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

/**
 * When this process hands over open tasks of people who left, and how much it looks at. The first sweep
 * and one a day are full; the others only look at people whose directory row changed or whose leave date
 * passed since the last completed sweep, so the periodic query stays small on a large database. Every
 * process runs its own schedule: the sweeps are safe to race (hand-over-tasks.ts locks with SKIP LOCKED).
 */
export class HandoverSchedule {
  private last: { startedAt: Date; today: string } | undefined;
  private lastFull = 0;
  private nextAt = 0;

  constructor(private readonly ctx: WorkerContext, private readonly shouldStop: () => boolean) {}

  /**
   * The next sweep runs at once (after a directory import). Incremental is enough: the import set
   * `updated_at` on every person it wrote.
   */
  requestSoon(): void {
    this.nextAt = 0;
  }

  due(): boolean {
    return Date.now() >= this.nextAt;
  }

  waitMs(): number {
    return Math.max(1, this.nextAt - Date.now());
  }

  /** The loop's sweep: full when asked, at first or daily; the next one due an interval later. */
  run(): Promise<HandOverReport> {
    this.nextAt = Date.now() + this.ctx.settings.handoverIntervalMs;
    const full = this.last === undefined || Date.now() - this.lastFull >= FULL_EVERY_MS;
    return this.sweep(full);
  }

  async sweep(full: boolean): Promise<HandOverReport> {
    const startedAt = new Date();
    const today = organisationToday(startedAt, this.ctx.services.timeZone);
    const last = this.last;
    const scope: SweepScope = full || !last
      ? { full: true }
      : { full: false, since: new Date(last.startedAt.getTime() - SLACK_MS), sinceDay: dayBefore(last.today) };
    const report = await handOverTasks(this.ctx, scope, this.shouldStop);
    // A sweep cut short or with failures moves no mark: the next one looks at the same people again.
    if (report.failed === 0 && !this.shouldStop()) {
      this.last = { startedAt, today };
      if (scope.full) this.lastFull = startedAt.getTime();
    }
    if (report.handedOver + report.nobody + report.failed > 0) this.ctx.log.info({ ...report, full: scope.full }, 'open tasks of people who left handed over');
    return report;
  }
}
