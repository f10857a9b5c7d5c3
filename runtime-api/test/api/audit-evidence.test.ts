import { generateKeyPairSync, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { chainHash } from '../../src/audit/audit-chain.js';
import { verifyEvidence } from '../../src/audit/verify-evidence.js';
import { forEachDatabase, TEST_AUDIT_SIGNING_KEY } from '../harness/for-each-database.js';
import { publish } from '../harness/publish-definition.js';
import { directory, exitFlow, exitForm } from './fixtures/exit-flow.js';

type Json = Record<string, any>;

const headFile = path.join(os.tmpdir(), `baton-audit-head-${randomUUID()}.jsonl`);
// A stand-in for an external head collector (BATON_AUDIT_HEAD_URL) on 127.0.0.1.
const received: unknown[] = [];
const collector = http.createServer((req, res) => {
  let body = '';
  req.on('data', (chunk: Buffer) => (body += chunk.toString()));
  req.on('end', () => {
    received.push({ method: req.method, url: req.url, type: req.headers['content-type'], head: JSON.parse(body) as unknown });
    res.writeHead(204).end();
  });
});
await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
const headUrl = `http://127.0.0.1:${(collector.address() as AddressInfo).port}/heads`;
afterAll(async () => {
  await fs.rm(headFile, { force: true });
  await new Promise((resolve) => collector.close(resolve));
});

forEachDatabase(
  'audit evidence and signed heads',
  (ctx) => {
    const tokens: Record<string, string> = {};
    let instanceId = '';
    const evidenceAs = (token: string | undefined, id = instanceId) => ctx().call({ method: 'GET', url: `/api/instances/${id}/evidence`, token });
    const verify = async () => (await ctx().call({ method: 'GET', url: '/api/audit/verify' })).json();

    it('sets up an instance with a few audited steps', async () => {
      expect((await ctx().call({ method: 'POST', url: '/api/directory/import', payload: directory })).statusCode).toBe(200);
      for (const user of directory.users) tokens[user.id] = await ctx().tokenFor(user.id, []);
      tokens.auditor = await ctx().tokenFor('auditor', ['auditor']);
      for (const def of [exitForm, exitFlow]) await publish(ctx(), def);
      const started = await ctx().call({ method: 'POST', url: '/api/flows/exit/instances', payload: { data: { employeeId: 'emp', lastWorkingDay: '2025-07-31' } }, token: tokens.emp });
      expect(started.statusCode, started.body).toBe(201);
      instanceId = started.json().id;
      // Another instance's entries sit between this one's in the chain.
      await ctx().call({ method: 'POST', url: '/api/flows/exit/instances', payload: { data: { employeeId: 'emp', lastWorkingDay: '2025-08-31' } }, token: tokens.emp });
      const task = (await ctx().call({ method: 'GET', url: `/api/tasks?mine=true&instanceId=${instanceId}`, token: tokens.mgr })).json().items[0];
      const approved = await ctx().call({ method: 'POST', url: `/api/tasks/${task.id}/actions`, payload: { action: 'approve', comment: '同意 ok' }, token: tokens.mgr });
      expect(approved.statusCode, approved.body).toBe(200);
    });

    it('gives evidence to participants, HR and auditors, and 404 to anyone else', async () => {
      for (const who of ['emp', 'mgr', 'hr1', 'auditor']) expect((await evidenceAs(tokens[who])).statusCode, who).toBe(200);
      expect((await evidenceAs(undefined)).statusCode).toBe(200); // admin
      const outsider = await evidenceAs(tokens.outsider);
      expect(outsider.statusCode).toBe(404);
      expect(outsider.json().error).toMatchObject({ code: 'BATON_E_INSTANCE_NOT_FOUND', path: '/params/id' });
      expect((await evidenceAs(tokens.emp, 'no-such-instance')).statusCode).toBe(404);
      expect((await ctx().call({ method: 'GET', url: `/api/instances/${instanceId}/evidence`, token: null })).statusCode).toBe(401);
    });

    it('verifies offline: hashes, Merkle proofs into signed checkpoints, the key; no other instance\'s content', async () => {
      const evidence = (await evidenceAs(tokens.emp)).json();
      expect(evidence.entries.map((e: Json) => e.action)).toEqual(['instance.started', 'task.approve']);
      expect(evidence.entries[1].data).toMatchObject({ comment: '同意 ok' });
      expect(evidence.entries.every((e: Json) => e.subjectId === instanceId)).toBe(true);
      expect(evidence.pending).toBe(0);
      const keyId = ctx().app.baton.audit.signer.keyId;
      expect(Object.keys(evidence.publicKeys)).toEqual([keyId]);
      // What a reader does with the file alone.
      const copy = JSON.parse(JSON.stringify(evidence));
      expect(verifyEvidence(copy)).toMatchObject({ ok: true, entries: 2, keyIds: [keyId], problems: [] });
      expect(verifyEvidence(copy, { trustedKeyIds: [keyId] }).ok).toBe(true);
      expect(verifyEvidence(copy, { trustedKeyIds: ['0'.repeat(32)] }).problems[0]?.code).toBe('untrusted-key');
    });

    it('refuses evidence that was edited: content, a proof, a checkpoint, or a key swapped for another', async () => {
      const evidence = (await evidenceAs(tokens.hr1)).json();
      const edited = (change: (e: Json) => void) => {
        const copy = JSON.parse(JSON.stringify(evidence));
        change(copy);
        return verifyEvidence(copy).problems.map((p) => p.code);
      };
      expect(edited((e) => (e.entries[1].data.comment = 'rejected'))).toContain('canonical');
      expect(edited((e) => {
        e.entries[1].data.comment = 'rejected';
        e.entries[1].canonical = e.entries[1].canonical.replace('同意 ok', 'rejected');
      })).toContain('hash');
      expect(edited((e) => e.entries[0].proof.push('a'.repeat(64)))).toContain('proof');
      expect(edited((e) => (e.checkpoints[0].root = 'b'.repeat(64)))).toEqual(expect.arrayContaining(['signature']));
      const stranger = generateKeyPairSync('ed25519').publicKey.export({ format: 'pem', type: 'spki' }).toString();
      expect(edited((e) => (e.publicKeys[Object.keys(e.publicKeys)[0]!] = stranger))).toContain('signature');
      expect(verifyEvidence({ nope: true }).problems[0]?.code).toBe('malformed');
    });

    it('writes the signed head to a file and an endpoint outside the database, and verifies the chain against it', async () => {
      const head = await ctx().app.baton.audit.writeHead();
      expect(head).not.toBeNull();
      const lines = (await fs.readFile(headFile, 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
      expect(lines.at(-1)).toEqual(head);
      expect(received.at(-1)).toEqual({ method: 'POST', url: '/heads', type: 'application/json', head });
      expect(await ctx().app.baton.audit.writeHead()).toBeNull(); // nothing new to sign
      const result = await verify();
      expect(result).toMatchObject({ ok: true, signedHead: { seq: head!.seq, hash: head!.hash, valid: true, matches: true } });
    });

    it('detects a deleted tail through the signed head and reports the first missing seq', async () => {
      const before = await verify();
      const last = before.entries as number;
      await ctx().database.execScript(`
        alter table audit_log disable trigger audit_log_append_only;
        delete from audit_log where seq >= ${last - 1};
        alter table audit_log enable trigger audit_log_append_only;
        alter table audit_checkpoints disable trigger audit_checkpoints_append_only;
        delete from audit_checkpoints where to_seq >= ${last - 1};
        alter table audit_checkpoints enable trigger audit_checkpoints_append_only;
      `);
      const after = await verify();
      expect(after).toMatchObject({ ok: false, entries: last - 2, firstBrokenSeq: last - 1, signedHead: { valid: true, matches: false } });
      expect(after.problems).toEqual(expect.arrayContaining([{ kind: 'truncated', seq: last - 1 }]));
    });
  },
  { config: { audit: { signingKey: TEST_AUDIT_SIGNING_KEY, headFile, headUrl, headIntervalMs: 0, trustedKeyIds: [], waitForChain: true } } },
);

forEachDatabase('audit chain rewritten by a superuser', (ctx) => {
  it('is caught by the signed checkpoints even when every hash was recomputed', async () => {
    const { db } = ctx().database;
    for (let i = 0; i < 3; i += 1) {
      const res = await ctx().call({ method: 'POST', url: '/api/directory/import', payload: { users: [{ id: `u${i}`, name: `U${i}` }] } });
      expect(res.statusCode).toBe(200);
      await ctx().app.baton.audit.scheduledRun(); // each entry chained on its own (the first gets a checkpoint)
    }
    await ctx().app.baton.audit.flush(true); // a checkpoint over everything chained
    expect((await ctx().call({ method: 'GET', url: '/api/audit/verify' })).json()).toMatchObject({ ok: true, entries: 3, checkpoints: 2 });
    // Rewrite entry 2's content and recompute every hash after it, as someone with the database (not the key) could.
    const rows = await db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
    let prev = rows[0]!.hash!;
    const statements: string[] = [];
    for (const row of rows.slice(1)) {
      const data = row.seq === 2 ? { ...row.data, forged: true } : row.data;
      const hash = chainHash(prev, { seq: row.seq!, at: row.at.toISOString(), actor: row.actor, action: row.action, subjectKind: row.subject_kind, subjectId: row.subject_id, data });
      statements.push(`update audit_log set data = '${JSON.stringify(data)}'::jsonb, prev_hash = '${prev}', hash = '${hash}' where seq = ${row.seq};`);
      prev = hash;
    }
    await ctx().database.execScript(['alter table audit_log disable trigger audit_log_append_only;', ...statements, 'alter table audit_log enable trigger audit_log_append_only;'].join('\n'));
    const result = (await ctx().call({ method: 'GET', url: '/api/audit/verify' })).json();
    expect(result).toMatchObject({ ok: false, firstBrokenSeq: 2, problems: [{ kind: 'checkpoint-mismatch', seq: 2 }] });
  });
});

forEachDatabase(
  'audit chaining without waiting (BATON_AUDIT_CHAIN_WAIT=off)',
  (ctx) => {
    it('answers first and links the entry right after', async () => {
      const res = await ctx().call({ method: 'POST', url: '/api/directory/import', payload: { users: [{ id: 'w1', name: 'W1' }] } });
      expect(res.statusCode).toBe(200);
      const chained = async () => (await ctx().database.db.selectFrom('audit_log').select('seq').where('seq', 'is not', null).execute()).length;
      const deadline = Date.now() + 5000;
      while ((await chained()) < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(await chained()).toBe(1);
      expect((await ctx().call({ method: 'GET', url: '/api/audit/verify' })).json()).toMatchObject({ ok: true, entries: 1, pending: 0 });
    });
  },
  { config: { audit: { signingKey: TEST_AUDIT_SIGNING_KEY, headFile: null, headUrl: undefined, headIntervalMs: 0, trustedKeyIds: [], waitForChain: false } } },
);
