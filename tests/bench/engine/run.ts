/**
 * `pnpm bench`: every engine benchmark in one run, each figure beside its baseline measured in the same run.
 * Sections print as they finish so a long run shows progress.
 */
import { printResults, type BenchResult } from '../bench-harness.js';

interface Section { title: string; load: () => Promise<() => Promise<BenchResult[]>> }

const sections: Section[] = [
  { title: 'Expressions (evaluations/s)', load: async () => (await import('./expressions.js')).benchExpressions },
  { title: 'Forms (validations/s, compile time)', load: async () => (await import('./forms.js')).benchForms },
  { title: 'Flows (transitions/s in memory)', load: async () => (await import('./flows.js')).benchFlows },
];

let missed = 0;
for (const [i, section] of sections.entries()) {
  console.log(`[${i + 1}/${sections.length}] ${section.title} …`);
  const run = await section.load();
  const results = await run();
  printResults(section.title, results);
  missed += results.filter((r) => r.met === false).length;
}
console.log(`\n${missed === 0 ? 'All targets met.' : `${missed} figure(s) below target (see above).`}`);
