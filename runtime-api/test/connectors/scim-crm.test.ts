import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDatabase } from '../harness/for-each-database.js';
import { startCrmStandIn, type Customer } from '../stand-ins/crm-stand-in.js';
import type { HttpStandIn } from '../stand-ins/http-stand-in.js';
import { ScimStandIn } from '../stand-ins/scim-stand-in.js';
import { exitFlow, exitForm } from '../api/fixtures/exit-flow.js';
import { deliveryLog, drain, enqueue, LOOPBACK, makeDue, outboxRow, publish, putConnector } from './connector-test-kit.js';

type Json = Record<string, any>;

const people = {
  users: [
    { id: 'emp', name: 'Zhang San', email: 'zhang.san@example.com', roles: [], attributes: { employeeNo: 'E1001' } },
    { id: 'mgr', name: 'Li Si', email: 'li.si@example.com', roles: [], attributes: { employeeNo: 'E1002' } },
  ],
};

forEachDatabase('SCIM deprovisioning with proof, reconciliation, and CRM owner reassignment', (ctx) => {
  let crmScim: ScimStandIn;
  let wiki: ScimStandIn;
  let kb: ScimStandIn;
  let crm: HttpStandIn & { customers: Map<string, Customer>; changes: number };

  beforeAll(async () => {
    crmScim = await ScimStandIn.start('crm-token', [
      { id: 's-1', userName: 'zhang.san@example.com', active: true },
      { id: 's-2', userName: 'li.si@example.com', active: true },
    ]);
    wiki = await ScimStandIn.start('wiki-token', [{ id: 'w-1', userName: 'zhang.san@example.com', externalId: 'E1001', active: 'True' }]);
    kb = await ScimStandIn.start('kb-token', [{ id: 'k-1', userName: 'zhang.san@example.com', active: true }]);
    crm = await startCrmStandIn('crm-api-key', [{ id: 'c-1', name: 'Acme', ownerId: 'emp' }]);
    expect((await ctx().call({ method: 'POST', url: '/api/directory/import', payload: people })).statusCode).toBe(200);
    await putConnector(ctx(), 'scim-crm', { type: 'scim', config: { baseUrl: crmScim.baseUrl, allowHosts: LOOPBACK, system: { en: 'CRM', 'zh-CN': '客户管理系统' } }, secrets: { token: 'crm-token' } });
    await putConnector(ctx(), 'scim-wiki', { type: 'scim', config: { baseUrl: wiki.baseUrl, allowHosts: LOOPBACK, system: 'Wiki', match: 'externalId', userAttribute: 'employeeNo', deprovision: 'delete' }, secrets: { token: 'wiki-token' } });
  });
  afterAll(async () => {
    for (const s of [crmScim, wiki, kb]) await s?.close();
    await crm?.close();
  });

  it('fans type:scim out to every SCIM connector at delivery time (one added after the effect too), each with its own proof', async () => {
    await enqueue(ctx(), [{ type: 'invoke', key: 'exit-1:revoke', connector: 'type:scim', action: 'deactivateUser', params: { userId: 'emp' } }]);
    // Added after the effect was written (e.g. after the pack was imported): still included.
    await putConnector(ctx(), 'scim-kb', { type: 'scim', config: { baseUrl: kb.baseUrl, allowHosts: LOOPBACK, system: 'KB' }, secrets: { token: 'kb-token' } });
    kb.staleReads = 1; // the first read-back still shows the account active

    const report = await drain(ctx());
    expect(report.deliveries).toMatchObject({ delivered: 3, retry: 1, dead: 0 });
    expect(crmScim.users.get('s-1')!.active).toBe(false);
    expect(crmScim.users.get('s-2')!.active).toBe(true);
    expect(wiki.users.has('w-1')).toBe(false);
    expect(kb.users.get('k-1')!.active).toBe(false);
    expect((await outboxRow(ctx(), 'exit-1:revoke/scim-kb')).last_error).toContain('BATON_E_PEER_NOT_VERIFIED');

    await makeDue(ctx());
    expect((await drain(ctx())).deliveries.delivered).toBe(1);
    const fanOut = await outboxRow(ctx(), 'exit-1:revoke');
    expect((await deliveryLog(ctx(), fanOut.id))[0]!.note).toBe('deactivateUser fanned out to scim-crm, scim-kb, scim-wiki (3 new deliveries)');
    for (const key of ['scim-crm', 'scim-kb', 'scim-wiki']) {
      const row = await outboxRow(ctx(), `exit-1:revoke/${key}`);
      expect(row.status, key).toBe('delivered');
      expect((await deliveryLog(ctx(), row.id)).at(-1)!.note).toMatch(/^revocation verified at \d{4}-\d\d-\d\dT/);
    }
    const proofs = (await sql<Json>`select connector_key, subject, status, proof from connector_deliveries where action = 'deactivateUser' and status = 'delivered' order by connector_key`.execute(ctx().database.db)).rows;
    expect(proofs).toMatchObject([
      { connector_key: 'scim-crm', subject: 'emp', proof: { state: 'inactive', system: 'CRM', scimId: 's-1', method: 'PATCH', attribute: 'userName', value: 'zhang.san@example.com' } },
      { connector_key: 'scim-kb', subject: 'emp', proof: { state: 'inactive', system: 'KB' } },
      { connector_key: 'scim-wiki', subject: 'emp', proof: { state: 'deleted', method: 'DELETE', attribute: 'externalId', value: 'E1001' } },
    ]);
    const patch = crmScim.http.requests.find((r) => r.method === 'PATCH')!;
    expect(patch.json).toEqual({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'active', value: false }] });
    expect(patch.headers['idempotency-key']).toBe('exit-1:revoke/scim-crm');
    const deliveries = (await ctx().call({ method: 'GET', url: '/api/connectors/scim-kb/deliveries' })).json().items;
    expect(deliveries.map((d: Json) => d.status)).toEqual(['delivered', 'retry']);
  });

  it('records that there was nothing to revoke where the person has no account, and revokes nothing twice', async () => {
    await enqueue(ctx(), [{ type: 'invoke', key: 'exit-2:revoke', connector: 'type:scim', action: 'deactivateUser', params: { userId: 'emp' } }]);
    await drain(ctx());
    const patches = crmScim.http.requests.filter((r) => r.method === 'PATCH').length;
    expect(patches).toBe(1); // already inactive: read back, not patched again
    const wikiProof = (await sql<Json>`select proof from connector_deliveries where idempotency_key = 'exit-2:revoke/scim-wiki'`.execute(ctx().database.db)).rows[0]!;
    expect(wikiProof.proof).toMatchObject({ state: 'absent', system: 'Wiki' });
  });

  it('reports where a leaver is still active, asking every system live', async () => {
    const hr = await ctx().tokenFor('hr1', ['hr']);
    const emp = (await ctx().call({ method: 'GET', url: '/api/connectors/scim/reconciliation?userId=emp', token: hr })).json();
    expect(emp.stillActive).toEqual([]);
    expect(emp.items).toMatchObject([
      { key: 'scim-crm', system: 'CRM', state: 'inactive', lastProof: { proof: { state: 'inactive' } } },
      { key: 'scim-kb', state: 'inactive' },
      { key: 'scim-wiki', state: 'absent', lastProof: { proof: { state: 'absent' } } },
    ]);
    expect(emp.items[0].lastProof.note).toMatch(/^revocation verified at /);
    const zh = (await ctx().call({ method: 'GET', url: '/api/connectors/scim/reconciliation?userId=mgr', token: hr, headers: { 'accept-language': 'zh-CN' } })).json();
    expect(zh.stillActive).toEqual(['scim-crm']);
    expect(zh.items.map((i: Json) => i.state)).toEqual(['active', 'absent', 'absent']);
    expect(zh.items[0]).toMatchObject({ system: '客户管理系统', state: 'active', lastProof: null });
    // A system that cannot be asked is "unknown", never assumed revoked.
    await kb.close();
    const down = (await ctx().call({ method: 'GET', url: '/api/connectors/scim/reconciliation?userId=emp', token: hr })).json();
    expect(down.items.find((i: Json) => i.key === 'scim-kb')).toMatchObject({ state: 'unknown' });
    expect(down.items.find((i: Json) => i.key === 'scim-kb').error).toContain('BATON_E_PEER_UNAVAILABLE');
    const designer = await ctx().tokenFor('des', ['designer']);
    expect((await ctx().call({ method: 'GET', url: '/api/connectors/scim/reconciliation?userId=emp', token: designer })).statusCode).toBe(403);
  });

  it('reassigns a customer in the CRM with a templated REST call, verifies it by reading back, and applies it once', async () => {
    await putConnector(ctx(), 'crm', {
      type: 'crm-rest',
      config: {
        baseUrl: `${crm.url}/api`,
        allowHosts: LOOPBACK,
        headers: { 'X-Api-Key': '{{secrets.apiKey}}' },
        actions: {
          updateOwner: {
            method: 'PUT',
            path: '/customers/{{customerId}}/owner',
            body: { ownerId: { var: 'ownerId' }, note: { cat: ['handover from ', { var: 'from' }] } },
            verify: { path: '/customers/{{customerId}}', expect: { '==': [{ var: 'response.ownerId' }, { var: 'params.ownerId' }] } },
          },
        },
      },
      secrets: { apiKey: 'crm-api-key' },
    });
    await enqueue(ctx(), [{ type: 'invoke', key: 'exit-1:crm:c-1', connector: 'crm', action: 'updateOwner', params: { customerId: 'c-1', ownerId: 'mgr', from: 'emp' } }]);
    expect((await drain(ctx())).deliveries.delivered).toBe(1);
    expect(crm.customers.get('c-1')!.ownerId).toBe('mgr');
    const put = crm.requests.find((r) => r.method === 'PUT')!;
    expect(put.json).toEqual({ ownerId: 'mgr', note: 'handover from emp' });
    const proof = (await sql<Json>`select proof from connector_deliveries where idempotency_key = 'exit-1:crm:c-1'`.execute(ctx().database.db)).rows[0]!;
    expect(proof.proof).toMatchObject({ action: 'updateOwner' });
    // Delivered again (a lost acknowledgement): the same Idempotency-Key, so the CRM changes nothing twice.
    await sql`update outbox set status = 'pending', next_attempt_at = now() where idempotency_key = 'exit-1:crm:c-1'`.execute(ctx().database.db);
    await drain(ctx());
    const puts = crm.requests.filter((r) => r.method === 'PUT');
    expect(puts).toHaveLength(2);
    expect(new Set(puts.map((r) => r.headers['idempotency-key']))).toEqual(new Set(['exit-1:crm:c-1']));
    expect(crm.changes).toBe(1);
  });

  it('fails safely: a 404 from the CRM and a missing parameter are dead letters with a clear error; an unknown connector too', async () => {
    await enqueue(ctx(), [
      { type: 'invoke', key: 'bad-1', connector: 'crm', action: 'updateOwner', params: { customerId: 'c-404', ownerId: 'mgr', from: 'emp' } },
      { type: 'invoke', key: 'bad-2', connector: 'crm', action: 'updateOwner', params: { ownerId: 'mgr' } },
      { type: 'invoke', key: 'bad-3', connector: 'erp', action: 'updateOwner', params: {} },
      { type: 'invoke', key: 'bad-4', connector: 'crm', action: 'deleteEverything', params: {} },
    ]);
    expect((await drain(ctx())).deliveries.dead).toBe(4);
    expect((await outboxRow(ctx(), 'bad-1')).last_error).toMatch(/refused the request with 404: .*no such customer/);
    expect((await outboxRow(ctx(), 'bad-2')).last_error).toContain('needs a value for {{customerId}}');
    expect((await outboxRow(ctx(), 'bad-3')).last_error).toContain('no such connector is configured');
    expect((await outboxRow(ctx(), 'bad-4')).last_error).toContain('has no action "deleteEverything" (known: updateOwner)');
  });

  it('tells the instance how each revocation ended, so an invoke-failed rule can ask IT to do it by hand', async () => {
    await ctx().call({ method: 'POST', url: '/api/directory/import', payload: { users: [
      { id: 'boss', name: 'Boss', roles: [] },
      { id: 'it1', name: 'Zhao IT', roles: ['it'] },
      { ...people.users[1], managerId: 'boss' },
    ] } });
    await putConnector(ctx(), 'scim-kb', { type: 'scim', enabled: false });
    await putConnector(ctx(), 'scim-erp', { type: 'scim', config: { baseUrl: crmScim.baseUrl, allowHosts: LOOPBACK, system: 'ERP' }, secrets: { token: 'wrong-token' } });
    for (const def of [exitForm, exitFlow]) await publish(ctx(), def);
    const rule = (key: string, trigger: Json, actions: Json[]) => ({ kind: 'rule', key, title: { en: key, 'zh-CN': key }, scope: { flow: 'exit' }, trigger, actions });
    await publish(ctx(), rule('revoke-now', { type: 'flow-started' }, [{ type: 'invoke', params: { connector: 'type:scim', action: 'deactivateUser', params: { userId: { var: 'employeeId' } } } }]));
    await publish(ctx(), rule('revocation-failed', { type: 'invoke-failed', config: { connector: 'type:scim', action: 'deactivateUser' } }, [
      { type: 'notify', params: { to: [{ kind: 'role', role: 'it' }], title: { en: 'Revoke by hand in {$event.payload.connector}', 'zh-CN': '请在 {$event.payload.connector} 中手工停用' }, body: '{$event.payload.error}' } },
    ]));
    const mgr = await ctx().tokenFor('mgr', []);
    const started = await ctx().call({ method: 'POST', url: '/api/flows/exit/instances', payload: { data: { employeeId: 'mgr', lastWorkingDay: '2025-10-31' } }, token: mgr });
    expect(started.statusCode, started.body).toBe(201);
    const id = started.json().id;
    await drain(ctx());
    expect(crmScim.users.get('s-2')!.active).toBe(false);
    const events = (await sql<Json>`select type, payload from history where instance_id = ${id} and type like 'invoke.%' order by seq`.execute(ctx().database.db)).rows;
    expect(events.map((e) => `${e.type}:${e.payload.payload.connector}`).sort()).toEqual(['invoke.failed:scim-erp', 'invoke.succeeded:scim-crm', 'invoke.succeeded:scim-wiki']);
    expect(events.find((e) => e.type === 'invoke.failed')!.payload.payload).toMatchObject({ connectorType: 'scim', action: 'deactivateUser' });
    expect(events.find((e) => e.payload.payload.connector === 'scim-crm')!.payload.payload.proof).toMatchObject({ state: 'inactive' });
    const it1 = await ctx().tokenFor('it1', ['it']);
    const inbox = (await ctx().call({ method: 'GET', url: '/api/notifications', token: it1, headers: { 'accept-language': 'en' } })).json();
    expect(inbox.items).toHaveLength(1);
    expect(inbox.items[0].title).toBe('Revoke by hand in scim-erp');
    expect(inbox.items[0].body).toContain('refused the request with 401');
  });
});
