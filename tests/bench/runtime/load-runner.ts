/** Runs `jobs` with `concurrency` workers; returns the wall time and each job's latency in ms. */
export async function runConcurrently<T>(jobs: readonly T[], concurrency: number, run: (job: T) => Promise<void>): Promise<{ elapsedMs: number; latencies: number[]; failures: number }> {
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  let firstError: unknown;
  const started = performance.now();
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= jobs.length) return;
      const t0 = performance.now();
      try {
        await run(jobs[i] as T);
        latencies.push(performance.now() - t0);
      } catch (error) {
        failures++;
        firstError ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  // A figure measured over failing requests means nothing: stop the benchmark loudly instead.
  if (failures > 0) throw new Error(`${failures} of ${jobs.length} requests failed; first: ${firstError instanceof Error ? firstError.message : String(firstError)}`);
  return { elapsedMs: performance.now() - started, latencies, failures };
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/** A progress line that rewrites itself on a terminal and prints every 10% otherwise. */
export function progress(label: string, total: number): (done: number) => void {
  let lastDecile = -1;
  return (done) => {
    const decile = Math.floor((done / total) * 10);
    if (process.stdout.isTTY) process.stdout.write(`\r  ${label}: ${done}/${total}`);
    else if (decile !== lastDecile) console.log(`  ${label}: ${done}/${total}`);
    lastDecile = decile;
    if (done === total && process.stdout.isTTY) process.stdout.write('\n');
  };
}
