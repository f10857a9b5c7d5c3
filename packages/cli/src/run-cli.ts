import { parseArgs } from 'node:util';
import { UsageError, type CliIo } from './cli-io.js';
import type { Command } from './command.js';
import { auditCommand } from './commands/audit-command.js';
import { exportCommand } from './commands/export-command.js';
import { importCommand } from './commands/import-command.js';
import { migrateCommand } from './commands/migrate-command.js';
import { serveCommand } from './commands/serve-command.js';
import { validateCommand } from './commands/validate-command.js';

export const COMMANDS: readonly Command[] = [serveCommand, validateCommand, importCommand, exportCommand, auditCommand, migrateCommand];

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Usage: baton <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run "baton <command> --help" for a command\'s options.',
  ].join('\n');
}

/** Runs one CLI invocation; returns the exit code (0 ok, 1 failed, 2 wrong usage). */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(overview());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`baton: unknown command "${name}"\n\n${overview()}`);
    return 2;
  }
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) {
      io.out(command.help);
      return 0;
    }
    return await command.run({ positionals, values: values as Record<string, string | boolean | undefined> }, io);
  } catch (err) {
    // parseArgs reports unknown or malformed options with ERR_PARSE_ARGS_* codes.
    const code = (err as { code?: unknown }).code;
    if (err instanceof UsageError || (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'))) {
      io.err(`baton ${command.name}: ${(err as Error).message}\n\n${command.help}`);
      return 2;
    }
    throw err;
  }
}
