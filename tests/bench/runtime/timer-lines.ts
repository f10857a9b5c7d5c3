import { createScratchDatabase } from './bench-database.js';
import { benchTimers, type TimerBenchResult } from './timers-throughput.js';

/** The figure. */
export const TIMERS_DEFAULT = 100_000;

type Report = (label: string, value: string, note?: string) => void;

const defaultReport: Report = (label, value, note) => console.log(`  ${label.padEnd(58)} ${value.padStart(14)}${note ? '  ' + note : ''}`);

function costLines(name: string, r: TimerBenchResult, report: Report): void {
  const c = r.cost;
  const cpuPerTimer = c.cpuMs / r.timers;
  report(`  statements per timer (${name})`, (c.statements / r.timers).toFixed(2), c.commits !== undefined ? `${(c.commits / r.timers).toFixed(3)} commits per timer` : undefined);
  report(`  worker process CPU per timer (${name})`, `${cpuPerTimer.toFixed(3)} ms`, `${(1000 / cpuPerTimer).toFixed(0)} timers per CPU-second`);
  if (c.dbCpuMs !== undefined) {
    const all = (c.cpuMs + c.dbCpuMs) / r.timers;
    report(`  database backends CPU per timer (${name})`, `${(c.dbCpuMs / r.timers).toFixed(3)} ms`, `worker + database: ${(1000 / all).toFixed(0)} timers per CPU-second`);
  }
}

/** Lateness when timers fall due at a steady rate the workers can keep up with (no backlog). */
async function steadyLine(name: string, count: number, serverUrl: string | undefined, rate: number, report: Report): Promise<void> {
  const scratch = serverUrl ? await createScratchDatabase(serverUrl, 'baton_bench_timers') : undefined;
  try {
    // Half a minute of steady load (fewer when the bench's count is smaller).
    const r = await benchTimers(Math.min(count, Math.round(rate * 30)), scratch?.url, { label: `timers fired at ${rate}/s (${name})`, ratePerSecond: rate });
    report(`timers due at a steady ${rate}/s, ${r.timers} (${name})`, `${r.perSecond.toFixed(0)}/s fired`);
    report(`  timer lateness p50 / p99 at ${rate}/s (${name})`, `${(r.latenessP50Ms / 1000).toFixed(2)} / ${(r.latenessP99Ms / 1000).toFixed(2)} s`, 'target p99 < 2 s');
    costLines(name, r, report);
  } finally {
    await scratch?.drop();
  }
}

/** Timers due at once, fired by one process's workers (in this process, on its own scratch database). */
export async function benchTimerLines(
  name: 'postgres' | 'pglite',
  count: number,
  serverUrl: string | undefined,
  options: { baseline?: boolean; report?: Report; ratePerSecond?: number } = {},
): Promise<void> {
  const report = options.report ?? defaultReport;
  if (options.ratePerSecond) await steadyLine(name, count, serverUrl, options.ratePerSecond, report);
  const scratch = serverUrl ? await createScratchDatabase(serverUrl, 'baton_bench_timers') : undefined;
  try {
    const r = await benchTimers(count, scratch?.url, { label: `timers fired (${name})` });
    report(`timers fired/s, ${r.timers} due at once (${name})`, r.perSecond.toFixed(0), 'target ≥ 2,000/s');
    report(`  timer lateness p50 / p99 (${name})`, `${(r.latenessP50Ms / 1000).toFixed(1)} / ${(r.latenessP99Ms / 1000).toFixed(1)} s`, 'target p99 < 2 s');
    report(`  p99 visible as committed, polled (${name})`, `${(r.visibleP99Ms / 1000).toFixed(1)} s`, `a backlog of ${r.timers} at this rate alone makes p99 ≥ ${((0.99 * r.timers) / r.perSecond).toFixed(1)} s`);
    costLines(name, r, report);
  } finally {
    await scratch?.drop();
  }
  if (options.baseline === false) return;
  // Baseline in the same run: one transaction per timer, as before batches (a fifth of the timers, at most
  // 5,000: it is slow, and its rate is what the line compares).
  const baselineScratch = serverUrl ? await createScratchDatabase(serverUrl, 'baton_bench_timers') : undefined;
  try {
    const b = await benchTimers(Math.max(100, Math.min(5000, Math.round(count / 5))), baselineScratch?.url, { perTimer: true, label: `baseline timers fired (${name})` });
    report(`  baseline: one transaction per timer, ${b.timers} due (${name})`, b.perSecond.toFixed(0), `p99 ${(b.latenessP99Ms / 1000).toFixed(1)} s`);
    costLines(`${name}, baseline`, b, report);
  } finally {
    await baselineScratch?.drop();
  }
}
