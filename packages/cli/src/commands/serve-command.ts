import path from 'node:path';
import type { Command } from '../command.js';
import { UsageError } from '../cli-io.js';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Start the runtime server',
  help: `Usage: baton serve [--port <n>] [--host <host>] [--database-url <url>] [--data-dir <dir>] [--plugin <module>]…

Starts the runtime API (the same server as "pnpm start"): migrations, then HTTP until SIGTERM or
SIGINT. Without a database URL it runs on the embedded database in the data folder. Every other setting
comes from the environment (see runtime-api/README.md).

  --port <n>            PORT (default $PORT, else 3000)
  --host <host>         HOST (default $HOST, else 127.0.0.1)
  --database-url <url>  DATABASE_URL
  --data-dir <dir>      BATON_DATA_DIR (default ./.baton)
  --plugin <module>     BATON_PLUGINS (comma-separated): an ES module whose default export is a plugin
                        (field, node, trigger, rule action and connector types); a path is relative to
                        the current folder. Repeat it for several; they add to $BATON_PLUGINS.`,
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    'database-url': { type: 'string' },
    'data-dir': { type: 'string' },
    plugin: { type: 'string', multiple: true },
  },
  async run({ positionals, values }, io) {
    if (positionals.length > 0) throw new UsageError('serve takes no arguments');
    if (values.port !== undefined && !/^\d+$/.test(String(values.port))) throw new UsageError('--port must be a number');
    // The server reads its configuration from the environment; flags are a shorthand for it.
    const set = (name: string, value: string | boolean | undefined) => {
      if (typeof value === 'string') process.env[name] = value;
    };
    set('PORT', values.port);
    set('HOST', values.host);
    set('DATABASE_URL', values['database-url']);
    if (typeof values['data-dir'] === 'string') process.env.BATON_DATA_DIR = path.resolve(io.cwd, values['data-dir']);
    // Paths become absolute here: the server resolves relative ones against its own working folder.
    const plugins = (Array.isArray(values.plugin) ? values.plugin : []).map((p) => (p.startsWith('.') ? path.resolve(io.cwd, p) : p));
    if (plugins.length > 0) process.env.BATON_PLUGINS = [process.env.BATON_PLUGINS, ...plugins].filter(Boolean).join(',');
    // The runtime's entry point starts on import and owns the process from here (signals, exit code).
    const entry = new URL('./server.ts', import.meta.resolve('@baton/runtime-api'));
    await import(entry.href);
    return new Promise<number>(() => {});
  },
};
