/**
 * Test-only helpers (imported by *.test.ts files): loading the shared JsonLogic conformance suites from
 * disk and judging results the way the suites' README says.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ConformanceCase {
  description?: string;
  rule: unknown;
  data?: unknown;
  result?: unknown;
  error?: { type: string };
}

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
/** The shared copy beside the repository wins (it may be newer); a clean clone elsewhere uses the vendored one. */
const SHARED_DIR = path.resolve(repoRoot, '../shared/conformance/jsonlogic/suites');
export const VENDORED_DIR = path.resolve(here, 'conformance/jsonlogic/suites');
export const SUITES_DIR = process.env.BATON_CONFORMANCE_DIR ?? (existsSync(path.join(SHARED_DIR, 'index.json')) ? SHARED_DIR : VENDORED_DIR);

export function suitesAvailable(): void {
  if (!existsSync(path.join(SUITES_DIR, 'index.json'))) {
    throw new Error(
      `JsonLogic conformance suites not found at ${SUITES_DIR}: restore engine/test/conformance/jsonlogic ` +
        'from git, or point BATON_CONFORMANCE_DIR at a suites folder holding index.json.',
    );
  }
}

export function listSuites(): string[] {
  suitesAvailable();
  return JSON.parse(readFileSync(path.join(SUITES_DIR, 'index.json'), 'utf8')) as string[];
}

export function loadSuite(name: string): ConformanceCase[] {
  const raw = JSON.parse(readFileSync(path.join(SUITES_DIR, name), 'utf8')) as unknown[];
  return raw.filter((c): c is ConformanceCase => typeof c === 'object' && c !== null);
}

/** The suites' equality: expected null accepts false/0/""/[]; numbers within 1e-10; NaN equals NaN. */
export function matches(expected: unknown, actual: unknown): boolean {
  if (expected === null) {
    return actual === null || actual === undefined || actual === false || actual === 0 || actual === '' || (Array.isArray(actual) && actual.length === 0);
  }
  if (typeof expected === 'number') {
    if (typeof actual !== 'number') return false;
    if (Number.isNaN(expected)) return Number.isNaN(actual);
    return Math.abs(expected - actual) <= 1e-10;
  }
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => matches(e, actual[i]));
  }
  if (typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
    const ek = Object.keys(expected);
    const ak = Object.keys(actual);
    return ek.length === ak.length && ek.every((k) => matches((expected as Record<string, unknown>)[k], (actual as Record<string, unknown>)[k]));
  }
  return expected === actual;
}

/** An expected error matches when the thrown value's `type` (else its message) contains the expected type. */
export function errorMatches(expectedType: string, thrown: unknown): boolean {
  const want = expectedType.toLowerCase();
  if (typeof thrown === 'number' && Number.isNaN(thrown)) return want === 'nan';
  if (thrown === null || typeof thrown !== 'object') return String(thrown).toLowerCase().includes(want);
  const t = thrown as { type?: unknown; message?: unknown };
  // Stricter than the README: a value with a `type` is judged by it alone, so a long message cannot match by accident.
  if (t.type !== undefined) return String(t.type).toLowerCase().includes(want);
  return typeof t.message === 'string' && t.message.toLowerCase().includes(want);
}

/** Runs one case through `run` (compile + evaluate) and judges it. */
export function judge(c: ConformanceCase, run: (rule: unknown, data: unknown) => unknown): boolean {
  try {
    const actual = run(c.rule, c.data);
    return !c.error && matches(c.result, actual);
  } catch (err) {
    return !!c.error && errorMatches(c.error.type, err);
  }
}
