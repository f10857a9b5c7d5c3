/**
 * The timer part of the runtime bench on its own (issue 3 §6: 100,000 timers falling due at once): fired per
 * second, lateness p50/p99, and what firing cost (statements and CPU per timer), on PostgreSQL (DATABASE_URL)
 * and PGlite, beside the one-transaction-per-timer baseline measured in the same run.
 *
 *   pnpm --filter @baton/tests bench:timers                    (100,000 timers; PostgreSQL needs DATABASE_URL)
 *   BENCH_TIMERS=10000 BENCH_TIMER_DBS=postgres BENCH_TIMER_BASELINE=0 pnpm --filter @baton/tests bench:timers
 *   BENCH_TIMER_RATE=1000 …    also N timers due one after another at 1,000/s: lateness when the workers keep up
 *
 * All N due at one instant, p99 lateness cannot be below 0.99 × N ÷ (timers fired per second): at the target
 * 2,000/s, 100,000 timers take 50 s to fire, so the last ones are ~50 s late however early the first fire.
 */
import { benchTimerLines, TIMERS_DEFAULT } from './timer-lines.js';

const count = Number(process.env.BENCH_TIMERS ?? TIMERS_DEFAULT);
const dbs = (process.env.BENCH_TIMER_DBS ?? 'postgres,pglite').split(',');
const baseline = process.env.BENCH_TIMER_BASELINE !== '0';
/** Also timers due one after another at this rate (lateness without a backlog); 0: skip. */
const rate = Number(process.env.BENCH_TIMER_RATE ?? 0);

async function main(): Promise<void> {
  console.log(`Baton timer benchmark: ${count} timers due at once`);
  const url = process.env.DATABASE_URL;
  if (dbs.includes('postgres')) {
    if (url) await benchTimerLines('postgres', count, url, { baseline, ratePerSecond: rate });
    else console.log('\nDATABASE_URL is not set: skipping PostgreSQL (set it to postgres://postgres@127.0.0.1:5432/test).');
  }
  if (dbs.includes('pglite')) await benchTimerLines('pglite', count, undefined, { baseline, ratePerSecond: rate });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
