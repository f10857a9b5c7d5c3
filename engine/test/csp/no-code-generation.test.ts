import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const engineSrc = join(here, '../../src');

interface Engine {
  probeCodeGeneration(): string;
  runEngine(): Record<string, unknown>;
}

/**
 * Bundles the engine (and everything it imports from node_modules) into one script and runs it in a
 * context where `eval` and `new Function` throw, as a browser does under a CSP without 'unsafe-eval'.
 */
async function loadEngineWithoutCodeGeneration(): Promise<Engine> {
  const bundle = await build({
    entryPoints: [join(here, 'csp-entry.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'engine',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    target: 'es2022',
    logLevel: 'silent',
  });
  const code = bundle.outputFiles[0]?.text ?? '';
  // Only what a browser page also has; nothing that can turn a string into code.
  const context = vm.createContext({ structuredClone, console }, { codeGeneration: { strings: false, wasm: false } });
  new vm.Script(`${code}\nthis.engine = engine;`, { filename: 'engine-bundle.js' }).runInContext(context);
  return (context as { engine: Engine }).engine;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('the engine generates no code at run time (ARCHITECTURE §6)', () => {
  it('runs forms, expressions, definitions, flows and simulation where eval and new Function throw', async () => {
    const engine = await loadEngineWithoutCodeGeneration();
    expect(engine.probeCodeGeneration()).toBe('EvalError');
    const result = engine.runEngine();
    expect(result.formValid).toBe(true);
    expect(result.formErrors).toEqual(expect.arrayContaining([
      ['BATON_E_SCHEMA_FORMAT', '/lastWorkingDay'],
      ['BATON_E_SCHEMA_ADDITIONAL_PROPERTIES', '/extraField'],
    ]));
    expect(result.formMessage).toMatch(/[\u4e00-\u9fff]/);
    expect(result.expression).toEqual(['many', 'few']);
    const definitions = result.definitions as Array<{ name: string; ok: boolean }>;
    expect(definitions.length).toBeGreaterThanOrEqual(5);
    expect(definitions.filter((d) => !d.ok)).toEqual([]);
    expect(result.brokenCodes).toContain('BATON_E_SCHEMA_REQUIRED');
    expect(result.schemaKinds).toEqual(['form', 'flow', 'rule', 'report', 'document', 'connector', 'pack']);
    expect(result.configIssues).toEqual([['BATON_E_SCHEMA_MINIMUM', '/config/n']]);
    expect(result.flowNodes).toBe(true);
    expect(result.flowStatus).toBe('running');
    expect(result.flowPositions).toEqual(['hrInterview']);
    expect(result.simulation).toMatchObject({ ok: true, status: 'completed' });
  }, 60_000);

  it('imports no Ajv (or other code-generating validator) in engine/src', () => {
    const offenders = sourceFiles(engineSrc).filter((file) => {
      const text = readFileSync(file, 'utf8');
      return /from\s+['"](ajv|ajv\/dist\/(?!runtime\/)[^'"]*|ajv-formats|ajv-i18n[^'"]*)['"]/.test(text) || /new Function\s*\(|\beval\s*\(/.test(text);
    });
    expect(offenders).toEqual([]);
  });
});
