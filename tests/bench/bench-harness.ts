/** Shared measuring loop and printing for every benchmark, so figures are comparable across files. */
export interface BenchResult {
  name: string;
  opsPerSec: number;
  /** A baseline measured in the same run, on the same inputs. */
  baseline?: { name: string; opsPerSec: number };
  /** Baton / baseline; > 1 means Baton is faster. */
  ratio?: number;
  /** What the issue asks for, as text ("≥ 10× json-logic-js"). */
  target?: string;
  met?: boolean;
}

/**
 * Runs `fn` in growing batches until `minMs` have passed and returns operations per second.
 * A warm-up batch first lets the JIT settle, so the first figure is not the interpreter's.
 */
export function opsPerSecond(fn: () => unknown, minMs = 700): number {
  let sink: unknown;
  for (let i = 0; i < 2_000; i++) sink = fn();
  let ops = 0;
  let batch = 1_000;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (let i = 0; i < batch; i++) sink = fn();
    ops += batch;
    elapsed = performance.now() - start;
    if (elapsed < minMs / 4) batch *= 2;
  }
  if (sink === Symbol.for('never')) console.log(sink);
  return (ops / elapsed) * 1000;
}

export function formatOps(n: number): string {
  return n >= 1e6 ? `${(n / 1e6).toFixed(2)} M/s` : n >= 1e3 ? `${(n / 1e3).toFixed(1)} k/s` : `${n.toFixed(1)} /s`;
}

export function printResults(title: string, results: BenchResult[]): void {
  console.log(`\n${title}`);
  for (const r of results) {
    const base = r.baseline ? `  vs ${r.baseline.name} ${formatOps(r.baseline.opsPerSec)}  ratio ${r.ratio?.toFixed(2)}×` : '';
    const target = r.target ? `  target ${r.target}: ${r.met ? 'met' : 'NOT met'}` : '';
    console.log(`  ${r.name.padEnd(48)} ${formatOps(r.opsPerSec).padStart(12)}${base}${target}`);
  }
}
