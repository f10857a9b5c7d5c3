import fs from 'node:fs/promises';
import path from 'node:path';
import { verifyEvidence } from '@baton/runtime-api';
import type { AuditVerification } from '@baton/client';
import { SERVER_HELP, SERVER_OPTIONS, type Command } from '../command.js';
import { UsageError, type CliIo } from '../cli-io.js';
import { clientFor, reportApiError } from '../server-client.js';

const PROBLEMS: Record<string, string> = {
  'entry-altered': 'an entry was altered',
  'entry-missing': 'an entry is missing',
  'checkpoint-mismatch': 'the chain no longer matches a signed checkpoint (rewritten)',
  'checkpoint-untrusted': 'a checkpoint is not signed by a trusted key',
  'checkpoint-missing': 'a checkpoint is missing',
  truncated: 'the chain ends before a signed head or checkpoint (tail deleted)',
  'head-mismatch': 'the entry at the signed head has another hash (rewritten)',
  'head-signature-invalid': 'the signed head\'s signature is invalid',
};

function printVerification(result: AuditVerification, io: CliIo): number {
  if (result.ok) io.out(`audit log OK: ${result.entries} entries, head ${result.head ?? '(empty)'}`);
  else io.out(`audit log BROKEN: the chain breaks at entry ${result.firstBrokenSeq ?? '?'} (${result.entries} entries)`);
  for (const p of result.problems ?? []) io.out(`  ${p.kind}${p.seq !== undefined ? ` at ${p.seq}` : ''}: ${PROBLEMS[p.kind] ?? p.kind}`);
  io.out(`  ${result.checkpoints} signed checkpoints checked; ${result.pending} entries not chained yet; signing key ${result.keyId}`);
  if (result.signedHead) {
    const h = result.signedHead;
    io.out(`  signed head: entry ${h.seq} at ${h.at} (${h.valid ? 'signature valid' : 'SIGNATURE INVALID'}, ${h.matches ? 'matches the chain' : 'DOES NOT MATCH the chain'})`);
  } else {
    io.out('  no signed head to compare with (BATON_AUDIT_HEAD_FILE unset or nothing signed yet)');
  }
  return result.ok ? 0 : 1;
}

async function verifyEvidenceFile(file: string, trust: string | undefined, io: CliIo): Promise<number> {
  let evidence: unknown;
  try {
    evidence = JSON.parse(await fs.readFile(path.resolve(io.cwd, file), 'utf8'));
  } catch (err) {
    io.err(`cannot read ${file} as JSON: ${(err as Error).message}`);
    return 1;
  }
  const trustedKeyIds = trust ? trust.split(',').map((k) => k.trim()).filter((k) => k.length > 0) : undefined;
  const check = verifyEvidence(evidence, trustedKeyIds ? { trustedKeyIds } : {});
  if (check.ok) {
    io.out(`evidence OK: ${check.entries} entries of instance ${check.instanceId}, ${check.checkpoints} signed checkpoints, signed by key ${check.keyIds.join(', ') || '(none)'}`);
    if (!trustedKeyIds) io.out('  compare the key id with the one the server publishes (GET /api/audit/verify → keyId), or pass --trust <keyId>');
    return 0;
  }
  io.out(`evidence BROKEN: ${check.problems.length} problem(s)`);
  for (const p of check.problems) io.out(`  ${p.code}${p.seq !== undefined ? ` at ${p.seq}` : ''}: ${p.message}`);
  return 1;
}

export const auditCommand: Command = {
  name: 'audit',
  summary: 'Verify the audit log (audit verify), fetch or check an instance\'s evidence offline',
  help: `Usage: baton audit verify [--url <url>] [--token <token>]
       baton audit evidence <instanceId> [--out <file>] [--url <url>] [--token <token>]
       baton audit verify-evidence <file> [--trust <keyId>[,<keyId>…]]

verify           Asks the server to chain what is committed and recompute the audit log's hash chain,
                 its signed checkpoints and the last signed head. Exits 0 when it holds, 1 when an entry
                 was altered or removed (its sequence number is printed). Needs the auditor or admin role.
evidence         Saves GET /api/instances/<id>/evidence (default <id>.evidence.json).
verify-evidence  Checks an evidence file with no server: every entry's hash, its Merkle proof into a
                 signed checkpoint, and the Ed25519 signatures. --trust lists the key ids to accept.

${SERVER_HELP}
  --out <file>     Where evidence is saved
  --trust <ids>    Key ids whose signatures count (default: report the ids for you to compare)`,
  options: { ...SERVER_OPTIONS, out: { type: 'string' }, trust: { type: 'string' } },
  async run({ positionals, values }, io) {
    const [sub, arg, ...extra] = positionals;
    if (sub === 'verify-evidence') {
      if (!arg || extra.length > 0) throw new UsageError('audit verify-evidence takes one file');
      return verifyEvidenceFile(arg, typeof values.trust === 'string' ? values.trust : undefined, io);
    }
    if (sub === 'evidence') {
      if (!arg || extra.length > 0) throw new UsageError('audit evidence takes one instance id');
      const client = clientFor(values, io);
      try {
        const evidence = await client.instances.evidence(arg);
        const out = path.resolve(io.cwd, typeof values.out === 'string' ? values.out : `${arg}.evidence.json`);
        await fs.writeFile(out, JSON.stringify(evidence, null, 2) + '\n');
        io.out(`saved ${evidence.entries.length} entries of instance ${arg} to ${out}`);
        return 0;
      } catch (err) {
        return reportApiError(err, io);
      }
    }
    if (sub !== 'verify' || positionals.length > 1) throw new UsageError('the audit command has three sub-commands: verify, evidence, verify-evidence');
    const client = clientFor(values, io);
    io.err(`verifying the audit chain on ${client.baseUrl}…`);
    try {
      return printVerification(await client.audit.verify(), io);
    } catch (err) {
      return reportApiError(err, io);
    }
  },
};
