import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildBundle, freshBundle, inputsHash } from '../../scripts/server-bundle.mjs';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// `pnpm start` runs src/server.ts from an esbuild bundle rebuilt when any of its inputs changed.
describe('server bundle', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await fs.rm(dir, { recursive: true, force: true });
  });

  it('is built once, stays fresh while its inputs do, and goes stale when one changes or disappears', { timeout: 60_000 }, async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'baton-bundle-'));
    dirs.push(root);
    expect(freshBundle(root)).toBeUndefined();

    const entry = await buildBundle(root);
    expect(entry).toMatch(/server-[0-9a-f]{16}[/\\]server\.mjs$/);
    expect(freshBundle(root)).toBe(entry);
    const stampFile = path.join(root, 'server-bundle.json');
    const stamp = JSON.parse(await fs.readFile(stampFile, 'utf8')) as { dir: string; hash: string; external: string[]; inputs: string[] };
    // The stamp lists the server's and the engine's sources; installed packages (most are bundled too) are
    // covered by the lockfile. Those that find files beside their code stay external.
    expect(stamp.inputs).toContain('src/server.ts');
    expect(stamp.inputs.some((i) => i.startsWith('../engine/src/'))).toBe(true);
    expect(stamp.inputs.some((i) => i.includes('node_modules/'))).toBe(false);
    expect(stamp.external).toEqual(expect.arrayContaining(['@electric-sql/pglite', 'pdfkit', '@fastify/swagger-ui']));
    expect(stamp.external).not.toContain('fastify');
    // import.meta.url keeps pointing at the source file (templates, migrations and designer paths).
    const text = await fs.readFile(entry, 'utf8');
    const fromBundle = path.relative(path.dirname(entry), path.join(packageDir, 'src/db/pglite-template.ts')).split(path.sep).join('/');
    expect(text).toContain(`new URL(${JSON.stringify(fromBundle)}, import.meta.url)`);
    expect(fileURLToPath(new URL(fromBundle, pathToFileURL(entry)))).toBe(path.join(packageDir, 'src/db/pglite-template.ts'));

    // An input that changes makes the bundle stale: a stand-in input listed in the stamp.
    const input = path.join(root, 'input.ts');
    await fs.writeFile(input, 'export const a = 1;\n');
    const inputs = [...stamp.inputs, path.relative(packageDir, input)];
    await fs.writeFile(stampFile, JSON.stringify({ ...stamp, inputs, hash: inputsHash(inputs) }));
    expect(freshBundle(root)).toBe(entry);
    await fs.writeFile(input, 'export const a = 2;\n');
    expect(freshBundle(root)).toBeUndefined();
    await fs.rm(input);
    expect(freshBundle(root)).toBeUndefined();

    // Rebuilt from the same sources: the same folder, the stamp fresh again.
    expect(await buildBundle(root)).toBe(entry);
    expect(freshBundle(root)).toBe(entry);
  });
});
