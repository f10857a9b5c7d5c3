import type { ParseArgsConfig } from 'node:util';
import type { CliIo } from './cli-io.js';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface Command {
  name: string;
  summary: string;
  /** Usage line and option descriptions, shown by --help. */
  help: string;
  options: OptionSpec;
  run(args: { positionals: string[]; values: Record<string, string | boolean | undefined> }, io: CliIo): Promise<number>;
}

/** --url / --token, shared by the commands that talk to a server. */
export const SERVER_OPTIONS: OptionSpec = {
  url: { type: 'string' },
  token: { type: 'string' },
};

export const SERVER_HELP = `  --url <url>      The server (default $BATON_URL, else http://127.0.0.1:3000)
  --token <token>  An API token (default $BATON_TOKEN)`;
