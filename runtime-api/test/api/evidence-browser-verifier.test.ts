import { expect, it } from 'vitest';
// The designer's in-browser verifier (WebCrypto only; canonical JSON is the engine's, shared with the server), run here on Node's WebCrypto against real evidence.
import { verifyEvidenceChain } from '../../../designer/src/workspace/evidence/verify-evidence-chain.js';
import { canonicalJson } from '@baton/engine';
import { forEachDatabase } from '../harness/for-each-database.js';
import { publish } from '../harness/publish-definition.js';
import { directory, exitFlow, exitForm } from './fixtures/exit-flow.js';

type Json = Record<string, any>;

forEachDatabase('the designer verifies server evidence in the browser', (ctx) => {
  let evidence: Json = {};

  it('recomputes a real evidence payload (hashes, links, Merkle proofs, Ed25519 checkpoints) and finds it ok', async () => {
    expect((await ctx().call({ method: 'POST', url: '/api/directory/import', payload: directory })).statusCode).toBe(200);
    const emp = await ctx().tokenFor('emp', []);
    const mgr = await ctx().tokenFor('mgr', []);
    for (const def of [exitForm, exitFlow]) await publish(ctx(), def);
    const started = await ctx().call({ method: 'POST', url: '/api/flows/exit/instances', payload: { data: { employeeId: 'emp', lastWorkingDay: '2025-07-31' } }, token: emp });
    expect(started.statusCode, started.body).toBe(201);
    const instanceId = started.json().id as string;
    // Another instance in between, so the proofs are real paths through a tree of several leaves.
    await ctx().call({ method: 'POST', url: '/api/flows/exit/instances', payload: { data: { employeeId: 'emp', lastWorkingDay: '2025-08-31' } }, token: emp });
    const task = (await ctx().call({ method: 'GET', url: `/api/tasks?mine=true&instanceId=${instanceId}`, token: mgr })).json().items[0];
    const approved = await ctx().call({ method: 'POST', url: `/api/tasks/${task.id}/actions`, payload: { action: 'approve', comment: '同意 ok 🙂 "quoted"' }, token: mgr });
    expect(approved.statusCode, approved.body).toBe(200);
    const res = await ctx().call({ method: 'GET', url: `/api/instances/${instanceId}/evidence`, token: emp });
    expect(res.statusCode, res.body).toBe(200);
    evidence = res.json();
    expect(evidence.entries.length).toBeGreaterThanOrEqual(2);

    const check = await verifyEvidenceChain(JSON.parse(res.body));
    expect(check).toEqual({ ok: true, entries: evidence.entries.length, checkpoints: evidence.checkpoints.length, signatures: 'checked', firstBroken: null, problems: [] });
  });

  it('names the first broken entry when the evidence was edited', async () => {
    const edited = async (change: (e: Json) => void) => {
      const copy = JSON.parse(JSON.stringify(evidence)) as Json;
      change(copy);
      return verifyEvidenceChain(copy);
    };
    const last = evidence.entries.length - 1;
    const seqOf = (i: number) => evidence.entries[i].seq as number;
    // Content changed but not its canonical form.
    expect((await edited((e) => (e.entries[last].actor = 'someone-else'))).firstBroken).toEqual({ code: 'canonical', seq: seqOf(last) });
    // Content and canonical form changed consistently: the hash no longer matches.
    const rewritten = await edited((e) => {
      e.entries[last].data.comment = 'rejected';
      e.entries[last].canonical = canonicalJson({ ...e.entries[last], prevHash: undefined, hash: undefined, canonical: undefined, checkpoint: undefined, proof: undefined });
    });
    expect(rewritten.ok).toBe(false);
    expect(rewritten.firstBroken).toEqual({ code: 'hash', seq: seqOf(last) });
    expect((await edited((e) => e.entries[0].proof.push('a'.repeat(64)))).firstBroken).toEqual({ code: 'proof', seq: seqOf(0) });
    expect((await edited((e) => (e.checkpoints[0].root = 'b'.repeat(64)))).firstBroken).toEqual({ code: 'signature' });
    expect((await edited((e) => (e.format = 'something-else'))).firstBroken).toEqual({ code: 'malformed' });
  });
});
