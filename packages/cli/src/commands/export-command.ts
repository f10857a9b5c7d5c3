import fs from 'node:fs/promises';
import path from 'node:path';
import { SERVER_HELP, SERVER_OPTIONS, type Command } from '../command.js';
import { UsageError } from '../cli-io.js';
import { writePackFolder } from '../pack-folder.js';
import { clientFor, reportApiError } from '../server-client.js';

export const exportCommand: Command = {
  name: 'export',
  summary: 'Export an imported pack into a folder',
  help: `Usage: baton export <pack-key> <dir> [--version <n>] [--force] [--url <url>] [--token <token>]

Writes the pack as imported (the latest version, or --version) into <dir>: pack.json, one file per
definition and the seed files. The folder can be imported again with "baton import".

${SERVER_HELP}
  --version <n>    The pack version (default: the latest imported)
  --force          Write into a folder that is not empty`,
  options: { ...SERVER_OPTIONS, version: { type: 'string' }, force: { type: 'boolean' } },
  async run({ positionals, values }, io) {
    const [key, dir] = positionals;
    if (!key || !dir || positionals.length > 2) throw new UsageError('export takes a pack key and a folder');
    let version: number | undefined;
    if (values.version !== undefined) {
      version = Number(values.version);
      if (!Number.isInteger(version) || version < 1) throw new UsageError('--version must be a positive integer');
    }
    const root = path.resolve(io.cwd, dir);
    const existing = await fs.readdir(root).catch(() => [] as string[]);
    if (existing.length > 0 && values.force !== true) {
      io.err(`${dir} is not empty: choose an empty folder or pass --force`);
      return 1;
    }
    const client = clientFor(values, io);
    try {
      const bundle = await client.packs.export(key, version);
      const files = await writePackFolder(root, bundle);
      for (const file of files) io.out(path.join(path.relative(io.cwd, root) || '.', file));
      const manifest = bundle.manifest as { version?: unknown };
      io.err(`exported pack ${key} version ${String(manifest.version)}: ${files.length} file(s)`);
      return 0;
    } catch (err) {
      return reportApiError(err, io);
    }
  },
};
