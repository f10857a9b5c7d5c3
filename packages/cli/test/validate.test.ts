import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { baton, exitReport, packFiles, requestForm, tempDir, writeFiles } from './cli-harness.js';

const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../bin/baton.mjs');

describe('baton validate', () => {
  it('accepts a good folder: a pack with its files, and loose definitions that refer to each other', async () => {
    const dir = await tempDir('good');
    await writeFiles(dir, {
      ...Object.fromEntries(Object.entries(packFiles()).map(([f, v]) => [`exits/${f}`, v])),
      'loose/form.json': { ...requestForm, key: 'loose-form' },
      'loose/report.json': { ...exitReport, key: 'loose-report', dataset: { source: 'form', form: 'loose-form' } },
      'package.json': { name: 'not-a-definition' },
    });
    const run = await baton(['validate', dir]);
    expect(run.out).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.err.join('\n')).toMatch(/1 pack\(s\), 4 definition\(s\), 1 other file\(s\) skipped; no problems/);
  });

  it('prints each problem as "file: /json/path CODE message" and exits 1', async () => {
    const dir = await tempDir('bad');
    const files = packFiles();
    await writeFiles(dir, {
      ...files,
      'forms/exit-request.json': { ...requestForm, fields: [{ key: 'employeeId', type: 'no-such-type', label: 'Employee' }] },
      'pack.json': { ...(files['pack.json'] as object), engine: 'latest', definitions: [...(files['pack.json'] as { definitions: unknown[] }).definitions, { kind: 'flow', key: 'gone', file: 'flows/gone.json' }] },
      'broken.json': '{ "kind": "form", ',
      'rule.json': { kind: 'rule', key: 'Bad Key', title: 'x' },
    });
    const run = await baton(['validate', '.'], { cwd: dir });
    expect(run.code).toBe(1);
    const lines = run.out;
    for (const line of lines) expect(line).toMatch(/^\S+\.json: \/\S* BATON_E_[A-Z_]+ .+/);
    expect(lines.some((l) => l.startsWith('broken.json: / BATON_E_CLI_JSON_INVALID '))).toBe(true);
    expect(lines.some((l) => l.startsWith('pack.json: /engine BATON_E_SCHEMA_PATTERN '))).toBe(true);
    expect(lines.some((l) => l.startsWith('pack.json: /definitions/2/file BATON_E_CLI_FILE_MISSING '))).toBe(true);
    // A problem inside a definition file the pack lists is reported in that file, at its own path.
    expect(lines.some((l) => l.startsWith(`${path.join('forms', 'exit-request.json')}: /fields/0`))).toBe(true);
    expect(lines.some((l) => l.startsWith('rule.json: /key '))).toBe(true);
    expect(run.err.at(-1)).toMatch(/\d+ problem\(s\)$/);
  });

  it('speaks Chinese with --locale zh-CN, and explains its usage', async () => {
    const dir = await tempDir('zh');
    await writeFiles(dir, { 'a.json': { kind: 'form', key: 'a', title: 'A' } });
    const run = await baton(['validate', dir, '--locale', 'zh-CN', '--quiet']);
    expect(run.code).toBe(1);
    expect(run.out[0]).toMatch(/[\u4e00-\u9fff]/);
    expect(run.err).toEqual([]);
    const usage = await baton(['validate']);
    expect(usage.code).toBe(2);
    expect(usage.err.join('\n')).toMatch(/Usage: baton validate <dir>/);
    const unknown = await baton(['validate', dir, '--nope']);
    expect(unknown.code).toBe(2);
    expect((await baton(['validate', '--help'])).code).toBe(0);
  });

  it('runs as the real binary with its exit code', async () => {
    const dir = await tempDir('bin');
    await writeFiles(dir, { 'a.json': { kind: 'form', key: 'a', title: 'A' } });
    const result = spawnSync(process.execPath, [bin, 'validate', dir], { encoding: 'utf8', timeout: 30_000 });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/a\.json: \/fields BATON_E_SCHEMA_REQUIRED/);
    const help = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8', timeout: 30_000 });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/Commands:/);
  });
});
