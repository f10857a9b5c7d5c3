import type { FetchLike } from '@baton/client';

/** Everything a command touches outside its arguments, so tests run commands in-process. */
export interface CliIo {
  /** Results (stdout). */
  out(line: string): void;
  /** Progress and problems (stderr). */
  err(line: string): void;
  cwd: string;
  env: Record<string, string | undefined>;
  fetch?: FetchLike;
}

export function nodeIo(): CliIo {
  return {
    out: (line) => process.stdout.write(line + '\n'),
    err: (line) => process.stderr.write(line + '\n'),
    cwd: process.cwd(),
    env: process.env,
  };
}

/** A command's wrong usage: printed with its help, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
