import path from 'node:path';
import type { Command } from '../command.js';
import { UsageError } from '../cli-io.js';
import { validateFolder } from '../validate-folder.js';

export const validateCommand: Command = {
  name: 'validate',
  summary: 'Validate every definition and pack.json in a folder',
  help: `Usage: baton validate <dir> [--locale en|zh-CN] [--quiet]

Validates every *.json definition in <dir> (recursively) with the engine: each pack.json together with
the definition files it lists, and every other file that has a "kind". Definitions in the folder resolve
each other's references. Prints each problem as "file: /json/path CODE message"; exits 1 when there is any.

  --locale <locale>  Language of the messages (default $BATON_LOCALE, else en)
  --quiet            Print only the problems`,
  options: { locale: { type: 'string' }, quiet: { type: 'boolean' } },
  async run({ positionals, values }, io) {
    const [dir] = positionals;
    if (!dir || positionals.length > 1) throw new UsageError('validate takes one folder');
    const locale = (values.locale ?? io.env.BATON_LOCALE) === 'zh-CN' ? 'zh-CN' : 'en';
    const root = path.resolve(io.cwd, dir);
    const result = await validateFolder(root, {
      locale,
      // Progress for large folders only; a handful of files needs none.
      onProgress: (done, total) => {
        if (!values.quiet && total >= 200 && done % 100 === 0) io.err(`validated ${done}/${total} files`);
      },
    });
    const shown = path.relative(io.cwd, root) || '.';
    for (const i of result.issues) io.out(`${path.join(shown, i.file)}: ${i.path || '/'} ${i.code} ${i.message}`);
    if (!values.quiet) {
      const problems = result.issues.length;
      io.err(
        `${result.files} JSON files: ${result.packs} pack(s), ${result.definitions} definition(s), ${result.skipped.length} other file(s) skipped; ` +
          (problems === 0 ? 'no problems' : `${problems} problem(s)`),
      );
    }
    return result.issues.length > 0 ? 1 : 0;
  },
};
