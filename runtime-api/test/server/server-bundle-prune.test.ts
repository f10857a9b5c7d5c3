import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { markInUse, prune } from '../../scripts/server-bundle.mjs';

// A running server loads chunks (render-pdf-….mjs) from its bundle folder long after it started: a build by
// another process in the same checkout must not remove that folder, however old it is.
describe('server bundle pruning', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await fs.rm(dir, { recursive: true, force: true });
  });

  it('keeps the newest bundles and any a live process runs from; drops those only dead processes used', async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'baton-prune-'));
    dirs.push(root);
    const names = Array.from({ length: 6 }, (_, i) => `server-${String(i).repeat(16)}`);
    const start = Date.now() / 1000 - 3600;
    for (const [i, name] of names.entries()) {
      await fs.mkdir(path.join(root, name));
      await fs.writeFile(path.join(root, name, 'server.mjs'), '');
      await fs.writeFile(path.join(root, name, 'render-pdf-X.mjs'), '');
      // names[0] oldest … names[5] newest.
      await fs.utimes(path.join(root, name), start + i * 60, start + i * 60);
    }
    // names[0] runs a live server (a child that sleeps); names[1] was used by a process that has exited.
    const live = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
    const dead = spawnSync(process.execPath, ['-e', 'process.pid'], { stdio: 'ignore' }).pid!;
    try {
      const liveMarker = markInUse(path.join(root, names[0]!, 'server.mjs'), live.pid!);
      const deadMarker = markInUse(path.join(root, names[1]!, 'server.mjs'), dead);
      // The marker does not make a bundle look newer.
      for (const i of [0, 1]) await fs.utimes(path.join(root, names[i]!), start + i * 60, start + i * 60);

      prune(root, names[5]!);
      const left = (await fs.readdir(root)).sort();
      // The current one and the next two newest, plus the old one a live process loads from.
      expect(left).toEqual([names[0], names[3], names[4], names[5]]);
      expect(await fs.readFile(path.join(root, names[0]!, 'render-pdf-X.mjs'), 'utf8')).toBe('');
      await expect(fs.stat(liveMarker)).resolves.toBeTruthy();
      await expect(fs.stat(deadMarker)).rejects.toThrow();
    } finally {
      live.kill();
      await new Promise((resolve) => live.once('exit', resolve));
    }
    // Once that server stops, its bundle goes at the next prune.
    prune(root, names[5]!);
    expect((await fs.readdir(root)).sort()).toEqual([names[3], names[4], names[5]]);
  });

  it("removes this process's own marker when it exits", async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'baton-prune-'));
    dirs.push(root);
    const entry = path.join(root, 'server-aaaaaaaaaaaaaaaa', 'server.mjs');
    await fs.mkdir(path.dirname(entry));
    const script = path.resolve(import.meta.dirname, '../../scripts/server-bundle.mjs');
    const code = `const { markInUse } = await import(${JSON.stringify(script)}); const m = markInUse(${JSON.stringify(entry)}); console.log(m);`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const marker = run.stdout.trim();
    expect(path.dirname(marker)).toBe(path.join(path.dirname(entry), '.in-use'));
    await expect(fs.stat(marker)).rejects.toThrow();
  });
});
