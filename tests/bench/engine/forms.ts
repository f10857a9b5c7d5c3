/**
 * Form benchmarks: validations/s of a 60-field offboarding handover form with three 20-row sub-tables
 * (customers, assets, accounts), and the time to compile 500 form versions at start-up.
 * Run alone with `npx tsx tests/bench/engine/forms.ts`; add `--cpu` for the validations per CPU-second only.
 */
import { builtinFieldTypesPlugin, compileForm, ENGINE_VERSION, Registry, type FormDefinition, type FormField } from '@baton/engine';
import { handoverForm, validHandoverData } from '../../../engine/src/forms/fixtures/handover-form.js';
import { opsPerSecond, printResults, type BenchResult } from '../bench-harness.js';

/**
 * The best of three rounds of `ms / 3` each: on a machine shared with other builds a burst of load then
 * costs one round, not the figure (the usual way to read a micro-benchmark under noise).
 */
function bestOf(fn: () => unknown, ms: number): number {
  let best = 0;
  for (let round = 0; round < 3; round++) best = Math.max(best, opsPerSecond(fn, ms / 3));
  return best;
}

/**
 * Validations per CPU-second of this process (`process.cpuUsage`, user + system), the best of `rounds`
 * rounds of about `ms` each: on a machine shared with other work, CPU time is steadier than wall-clock.
 */
function perCpuSecond(fn: () => unknown, ms: number, rounds = 3): number {
  let sink: unknown;
  for (let i = 0; i < 2_000; i++) sink = fn();
  let best = 0;
  for (let round = 0; round < rounds; round++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    let ops = 0;
    while (performance.now() - start < ms) {
      for (let i = 0; i < 500; i++) sink = fn();
      ops += 500;
    }
    const used = process.cpuUsage(cpu);
    best = Math.max(best, ops / ((used.user + used.system) / 1e6));
  }
  if (sink === Symbol.for('never')) console.log(sink);
  return best;
}

const PADDING_TYPES = ['text', 'number', 'date', 'boolean', 'long-text'] as const;

/** The handover fixture (35 fields and columns) plus 25 plain fields: 60 fields in all. */
function sixtyFieldForm(version: number, maxLength = 200): FormDefinition {
  const extra: FormField[] = Array.from({ length: 25 }, (_, i) => ({
    key: `extra${i}`,
    type: PADDING_TYPES[i % PADDING_TYPES.length] as string,
    label: { en: `Extra ${i}`, 'zh-CN': `附加 ${i}` },
    ...(i % 5 === 0 ? { config: { maxLength } } : {}),
    ...(i === 3 ? { visibleIf: { '==': [{ var: 'leaveType' }, 'resignation'] } } : {}),
    ...(i === 7 ? { requiredIf: { '==': [{ var: 'leaveType' }, 'dismissal'] } } : {}),
  }));
  return { ...handoverForm, version, fields: [...handoverForm.fields, ...extra] as FormDefinition['fields'] };
}

function sixtyFieldData(): Record<string, unknown> {
  const data = validHandoverData(20);
  for (let i = 0; i < 25; i++) {
    const type = PADDING_TYPES[i % PADDING_TYPES.length];
    data[`extra${i}`] = type === 'number' ? i : type === 'date' ? '2025-03-15' : type === 'boolean' ? i % 2 === 0 : `value ${i}`;
  }
  return data;
}

/** The bench form and its valid submission (as JSON.parse makes it, and as built in code). */
function handoverCase(registry: Registry) {
  const form = compileForm(sixtyFieldForm(1), registry);
  // Submissions arrive as JSON (an HTTP body, a jsonb column), so the data is what JSON.parse makes. An
  // object built key by key in code is in V8's dictionary mode instead: measured on its own line below.
  const built = sixtyFieldData();
  const data = JSON.parse(JSON.stringify(built)) as Record<string, unknown>;
  const check = form.validate(data);
  if (!check.ok) throw new Error(`bench data is not valid: ${JSON.stringify(check.errors)}`);
  return { form, built, data };
}

/** Two bad values (a day that does not exist, a text in a number field): every error is reported. */
function invalidOf(data: Record<string, unknown>): Record<string, unknown> {
  return { ...data, lastWorkingDay: '2025-02-30', extra1: 'not a number' };
}

/** `--cpu`: the three validation cases only, per CPU-second of this process (for comparing on a shared machine). */
export function benchFormsPerCpuSecond(ms = 1_000): BenchResult[] {
  const registry = new Registry().use(builtinFieldTypesPlugin, ENGINE_VERSION);
  const { form, data } = handoverCase(registry);
  const results: BenchResult[] = [{ name: 'valid, per CPU-second', opsPerSec: perCpuSecond(() => form.validate(data), ms) }];
  const invalid = invalidOf(data);
  results.push({ name: '2 errors (all reported), per CPU-second', opsPerSec: perCpuSecond(() => form.validate(invalid), ms) });
  const previous = form.validate(data, { node: 'start' }).data;
  results.push({ name: 'at a flow node with access checks, per CPU-second', opsPerSec: perCpuSecond(() => form.validate(previous, { node: 'manager_review', previous }), ms) });
  return results;
}

export async function benchForms(): Promise<BenchResult[]> {
  const registry = new Registry().use(builtinFieldTypesPlugin, ENGINE_VERSION);
  const results: BenchResult[] = [];
  const { form, built, data } = handoverCase(registry);
  const valid = bestOf(() => form.validate(data), 700);
  results.push({ name: 'validate 60-field handover, 3×20 rows (valid)', opsPerSec: valid, target: '≥ 100,000/s', met: valid >= 100_000 });
  results.push({ name: 'validate, same data built in code (not JSON)', opsPerSec: bestOf(() => form.validate(built), 300) });

  const invalid = invalidOf(data);
  results.push({ name: 'validate, same form, 2 errors (all reported)', opsPerSec: bestOf(() => form.validate(invalid), 300) });

  const previous = form.validate(data, { node: 'start' }).data;
  results.push({ name: 'validate at a flow node with access checks', opsPerSec: bestOf(() => form.validate(previous, { node: 'manager_review', previous }), 300) });

  // Start-up: 500 versions, each structurally different (maxLength differs), compiled lazily: expressions,
  // schemas, orders, access plans and the data check (closures, no generated code) are built.
  let start = performance.now();
  const versions = Array.from({ length: 500 }, (_, v) => compileForm(sixtyFieldForm(v + 1, 100 + v), registry));
  const lazyMs = performance.now() - start;
  results.push({ name: `compile 500 form versions (${lazyMs.toFixed(0)} ms)`, opsPerSec: (500 / lazyMs) * 1000, target: '< 2 s', met: lazyMs < 2000 });

  // The first validation of a freshly compiled version (warming its closures).
  const sample = 10;
  start = performance.now();
  for (let v = 0; v < sample; v++) versions[v]?.validate(data);
  const ajvMs = (performance.now() - start) / sample;
  results.push({ name: `first validation of a new structure (${ajvMs.toFixed(1)} ms)`, opsPerSec: 1000 / ajvMs });

  // Versions that differ only in wording (labels, logic or access edited), each compiled and validated once.
  start = performance.now();
  const relabelled = Array.from({ length: 500 }, (_, v) => {
    const def = sixtyFieldForm(1000 + v);
    const compiled = compileForm({ ...def, title: `Handover v${v}` }, registry);
    compiled.validate(data);
    return compiled;
  });
  const sharedMs = performance.now() - start;
  results.push({ name: `compile + first-validate 500 relabelled versions (${sharedMs.toFixed(0)} ms)`, opsPerSec: (relabelled.length / sharedMs) * 1000 });
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv.includes('--cpu')) printResults('Forms (validations per CPU-second)', benchFormsPerCpuSecond());
  else printResults('Forms (validations/s, compile time)', await benchForms());
}
