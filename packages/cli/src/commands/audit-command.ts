import { SERVER_HELP, SERVER_OPTIONS, type Command } from '../command.js';
import { UsageError } from '../cli-io.js';
import { clientFor, reportApiError } from '../server-client.js';

export const auditCommand: Command = {
  name: 'audit',
  summary: 'Verify the audit log\'s hash chain (audit verify)',
  help: `Usage: baton audit verify [--url <url>] [--token <token>]

Asks the server to recompute the audit log's hash chain. Exits 0 when it holds, 1 when an entry was
altered or removed (its sequence number is printed). Needs the auditor or admin role.

${SERVER_HELP}`,
  options: { ...SERVER_OPTIONS },
  async run({ positionals, values }, io) {
    if (positionals[0] !== 'verify' || positionals.length > 1) throw new UsageError('the audit command has one sub-command: audit verify');
    const client = clientFor(values, io);
    io.err(`verifying the audit chain on ${client.baseUrl}…`);
    try {
      const result = await client.audit.verify();
      if (result.ok) {
        io.out(`audit log OK: ${result.entries} entries, head ${result.head ?? '(empty)'}`);
        return 0;
      }
      io.out(`audit log BROKEN: the chain breaks at entry ${result.firstBrokenSeq ?? '?'} (${result.entries} entries)`);
      return 1;
    } catch (err) {
      return reportApiError(err, io);
    }
  },
};
