import { createClient, isBatonApiError, type BatonApiError, type BatonClient } from '@baton/client';
import type { CliIo } from './cli-io.js';

export function clientFor(values: Record<string, string | boolean | undefined>, io: CliIo): BatonClient {
  const url = (typeof values.url === 'string' && values.url) || io.env.BATON_URL || 'http://127.0.0.1:3000';
  const token = (typeof values.token === 'string' && values.token) || io.env.BATON_TOKEN;
  const locale = io.env.BATON_LOCALE === 'zh-CN' ? 'zh-CN' : undefined;
  return createClient({ baseUrl: url, token, locale, fetch: io.fetch });
}

/**
 * Prints an API error: its code and message, then each issue as "where: /path CODE message". `where`
 * maps a path of the request body to the file it came from, when the command knows.
 */
export function reportApiError(error: unknown, io: CliIo, where: (path: string) => { file: string; path: string } = (path) => ({ file: '', path })): number {
  if (!isBatonApiError(error)) throw error;
  const e: BatonApiError = error;
  io.err(`${e.request} failed: ${e.status || 'no answer'} ${e.code}: ${e.message}`);
  for (const i of e.issues) {
    // Simple errors repeat themselves as their one issue.
    if (i.code === e.code && i.message === e.message) continue;
    const { file, path } = where(i.path);
    io.err(`  ${file ? file + ': ' : ''}${path || '/'} ${i.code} ${i.message}`);
  }
  return 1;
}
