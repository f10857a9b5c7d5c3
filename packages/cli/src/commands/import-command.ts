import path from 'node:path';
import type { KeptDefinition } from '@baton/client';
import { SERVER_HELP, SERVER_OPTIONS, type Command } from '../command.js';
import { UsageError } from '../cli-io.js';
import { PackFolderError, readPackFolder } from '../pack-folder.js';
import { clientFor, reportApiError } from '../server-client.js';


/** Why a definition this pack version drops was left as it is. */
function keptReason(d: KeptDefinition): string {
  if (d.reason === 'changed-after-import') return `changed after import: v${d.version ?? '?'}${d.by ? ` published by ${d.by}` : ''}`;
  if (d.reason === 'draft-pending') return `a draft v${d.version ?? '?'} is in progress`;
  if (d.reason === 'in-other-pack') return `also in pack ${d.pack ?? '?'}`;
  return d.reason;
}

export const importCommand: Command = {
  name: 'import',
  summary: 'Import a pack folder into a server',
  help: `Usage: baton import <pack-dir> [--url <url>] [--token <token>] [--demo]

Reads <pack-dir>/pack.json, the definition files it lists and its seed files, sends them as one bundle to
POST /api/packs/import and prints what happened to each definition. Importing the same pack version again
changes nothing; a newer version publishes the changed definitions as their next versions and retires the
definitions it no longer lists (unless someone changed them after import: those are kept).

${SERVER_HELP}
  --demo           Also load seed entries marked "demo"`,
  options: { ...SERVER_OPTIONS, demo: { type: 'boolean' } },
  async run({ positionals, values }, io) {
    const [dir] = positionals;
    if (!dir || positionals.length > 1) throw new UsageError('import takes one pack folder');
    const root = path.resolve(io.cwd, dir);
    const demo = values.demo === true;
    let folder;
    try {
      folder = await readPackFolder(root, { demo });
    } catch (err) {
      if (!(err instanceof PackFolderError)) throw err;
      for (const i of err.issues) io.err(`${err.file}: ${i.path || '/'} ${i.code} ${i.message}`);
      return 1;
    }
    const manifest = folder.bundle.manifest as { key?: unknown; version?: unknown };
    io.err(`read pack ${String(manifest.key)} version ${String(manifest.version)} from ${path.relative(io.cwd, root) || '.'}`);
    for (const f of folder.files) io.err(`  ${f.what.padEnd(40)} ${f.file}`);

    const client = clientFor(values, io);
    const size = Buffer.byteLength(JSON.stringify(folder.bundle));
    io.err(`importing into ${client.baseUrl} (${Math.ceil(size / 1024)} KB)…`);
    const started = performance.now();
    try {
      const result = await client.packs.import(folder.bundle, { demo });
      for (const d of result.imported) io.out(`published  ${d.kind}/${d.key} v${d.version}`);
      for (const d of result.unchanged) io.out(`unchanged  ${d.kind}/${d.key} v${d.version}`);
      // An upgrade that drops definitions: retired ones no longer run; kept ones someone else owns now.
      for (const d of result.retired ?? []) io.out(`retired    ${d.kind}/${d.key} v${d.version} (archived; dropped by this pack version)`);
      for (const d of result.kept ?? []) io.out(`kept       ${d.kind}/${d.key} (${keptReason(d)})`);
      if (result.cancelledTimers) io.out(`timers     ${result.cancelledTimers} scheduled timer(s) of retired rules cancelled`);
      const dir = result.seed.directory;
      if (dir) io.out(`directory  ${dir.departments.inserted + dir.departments.updated} department(s), ${dir.users.inserted + dir.users.updated} user(s)`);
      for (const [form, count] of Object.entries(result.seed.records.counts)) {
        const inserted = result.seed.records.inserted?.[form];
        io.out(`records    ${form}: ${count}${inserted !== undefined ? ` (${inserted} new; existing ids kept)` : ' (kept in the pack only: not a collection form)'}`);
      }
      const nothing = result.imported.length === 0 && dir === null && (result.retired ?? []).length === 0;
      io.err(`pack ${result.pack.key} version ${result.pack.version} ${nothing ? 'was already imported: nothing changed' : 'imported'} (${Math.round(performance.now() - started)} ms)`);
      return 0;
    } catch (err) {
      const manifestFile = 'pack.json';
      return reportApiError(err, io, (p) => {
        const def = /^\/definitions\/(\d+)(\/.*)?$/.exec(p);
        const file = def ? folder.definitionFiles[Number(def[1])] : undefined;
        if (def && file) return { file, path: def[2] ?? '' };
        if (p.startsWith('/manifest')) return { file: manifestFile, path: p.slice('/manifest'.length) };
        return { file: '', path: p };
      });
    }
  },
};
