import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fileSettingsFrom } from '../../../../runtime-api/src/files/file-settings.js';
import { pdfText, squeeze } from '../../../../runtime-api/test/documents/pdf-text.js';
import { forEachDatabase, type TestContext } from '../../../../runtime-api/test/harness/for-each-database.js';
import { startCrmStandIn } from '../../../../runtime-api/test/stand-ins/crm-stand-in.js';
import { ScimStandIn } from '../../../../runtime-api/test/stand-ins/scim-stand-in.js';
import {
  ADMIN_AFFAIRS, FINANCE, HR, INTERVIEW, IT, SETTLEMENT,
  act, actAt, call, importOffboardingPack, instance, ok, People, request,
} from './journey-kit.js';

// 李娜 (demo-sales-1, sales) hands three customers to 刘洋 (demo-sales-2) and 陈静 (demo-sales-3);
// 赵强 (demo-eng-1, confidential) signs the confidentiality undertaking.
const SALES = 'demo-sales-1';
const SALES_MANAGER = 'demo-sales-director';
const CONFIDENTIAL = 'demo-eng-1';

/** Yesterday in Shanghai: the settlement reminder and the end-of-last-day revocation are both already due. */
function shanghaiDate(offsetDays: number): string {
  const d = new Date(Date.now() + offsetDays * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

function multipart(name: string, contentType: string, content: Buffer): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----baton-${randomBytes(8).toString('hex')}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${contentType}\r\n\r\n`;
  return { payload: Buffer.concat([Buffer.from(head), content, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

// A 1×1 PNG: the signature image.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const fileDir = mkdtempSync(path.join(tmpdir(), 'baton-offboarding-files-'));
afterAll(() => rmSync(fileDir, { recursive: true, force: true }));

forEachDatabase(
  'offboarding journey: a sales leaver and a confidential leaver, with the workers, CRM and SCIM stand-ins',
  (ctx) => {
    const people = new People(ctx);
    let crm: Awaited<ReturnType<typeof startCrmStandIn>>;
    let scim: ScimStandIn;
    let salesId = '';
    const lastDay = shanghaiDate(-1);
    const customers = [
      { customerId: 'demo-customer-01', successorId: 'demo-sales-2', notes: '五月续约' },
      { customerId: 'demo-customer-02', successorId: 'demo-sales-3' },
      { customerId: 'demo-customer-03', successorId: 'demo-sales-2' },
    ];
    const salesData = request(SALES, {
      lastWorkingDay: lastDay,
      terminationDate: lastDay,
      workItems: [{ title: 'Q3 商机复盘', successorId: 'demo-sales-2' }],
      customers,
      assets: [{ assetId: 'demo-asset-lt-0101' }, { assetId: 'demo-asset-ph-0102' }],
    });
    const drain = (c: TestContext) => c.app.baton.workers.drain();

    beforeAll(async () => {
      crm = await startCrmStandIn('crm-key', customers.map((c) => ({ id: c.customerId, name: c.customerId, ownerId: SALES })));
      scim = await ScimStandIn.start('scim-token', [{ id: 'wiki-7', userName: 'li.na@demo.example.com', active: true }]);
      await importOffboardingPack(ctx());
      // An operator configures the pack's connector slots (PUT /api/connectors/:key).
      await ok(ctx(), undefined, 'PUT', '/api/connectors/crm', {
        type: 'crm-rest',
        config: {
          baseUrl: `${crm.url}/api`, allowHosts: ['127.0.0.1'], headers: { 'X-Api-Key': '{{secrets.apiKey}}' },
          actions: { reassignOwner: { method: 'PUT', path: '/customers/{{customerId}}/owner', body: { ownerId: { var: 'successorId' } } } },
        },
        secrets: { apiKey: 'crm-key' },
      }, 201);
      await ok(ctx(), undefined, 'PUT', '/api/connectors/scim-wiki', {
        type: 'scim', config: { baseUrl: `${scim.http.url}/scim/v2`, allowHosts: ['127.0.0.1'], system: { en: 'Wiki', 'zh-CN': '知识库' } }, secrets: { token: 'scim-token' },
      }, 201);
    });
    afterAll(async () => {
      await crm?.close();
      await scim?.http.close();
    });

    it('a sales leaver: the manager and HR approve, and each customer successor gets a confirmation task', async () => {
      // A last working day in the past: HR records it on the leaver's behalf (an employee may not backdate).
      const started = await ok(ctx(), await people.token(HR), 'POST', '/api/flows/offboarding/instances', { data: salesData, initiator: SALES }, 201);
      salesId = started.id;
      await act(ctx(), await people.token(SALES_MANAGER), salesId, 'managerApproval', { action: 'approve' });
      await act(ctx(), await people.token(HR), salesId, 'hrInterview', { action: 'approve', data: INTERVIEW });
      const view = await instance(ctx(), await people.token(HR), salesId);
      expect(view.activeNodes.sort()).toEqual(['adminAffairs', 'customerHandover', 'financeSettlement', 'itClearance', 'workHandover']);
      const handover = view.openTasks.filter((t: { nodeId: string }) => t.nodeId === 'customerHandover').map((t: { assignees: string[] }) => t.assignees);
      expect(handover.sort()).toEqual([['demo-sales-2'], ['demo-sales-3']]);
    });

    it('a successor sees only the customers, and the step waits until every customer is confirmed', async () => {
      const liu = await people.token('demo-sales-2');
      const chen = await people.token('demo-sales-3');
      const mine = (who: string) => customers.map((c) => (c.successorId === who ? { ...c, confirmed: true, confirmedAt: lastDay } : c));
      const tasks = await ok(ctx(), liu, 'GET', `/api/tasks?mine=true&instanceId=${salesId}`);
      const detail = await ok(ctx(), liu, 'GET', `/api/tasks/${tasks.items.find((t: { nodeId: string }) => t.nodeId === 'customerHandover').id}`);
      expect(detail.data.customers).toHaveLength(3);
      expect(detail.data.reason).toBeUndefined();
      expect(detail.data.interviewNotes).toBeUndefined();
      await act(ctx(), liu, salesId, 'customerHandover', { action: 'complete', data: { customers: mine('demo-sales-2'), handoverRemarks: '已接手' } });
      // 刘洋's rows are confirmed; 陈静 cannot finish without confirming hers.
      const blocked = await actAt(ctx(), chen, salesId, 'customerHandover', { action: 'complete' });
      expect(blocked.body.error.code).toBe('BATON_E_FLOW_GATE_NOT_MET');
      const merged = (await instance(ctx(), await people.token(HR), salesId)).data.customers.map((c: Record<string, unknown>) =>
        c.successorId === 'demo-sales-3' ? { ...c, confirmed: true, confirmedAt: lastDay } : c);
      await act(ctx(), chen, salesId, 'customerHandover', { action: 'complete', data: { customers: merged } });
    });

    it('the other steps finish, HR confirms, and the completion rules run through the workers', async () => {
      await act(ctx(), await people.token(IT), salesId, 'itClearance', {
        action: 'complete', data: { accounts: salesData.accounts.map((a: object) => ({ ...a, disabled: true })) },
      });
      await act(ctx(), await people.token(FINANCE), salesId, 'financeSettlement', { action: 'complete', data: SETTLEMENT });
      await act(ctx(), await people.token(ADMIN_AFFAIRS), salesId, 'adminAffairs', {
        action: 'complete', data: { assets: salesData.assets.map((a: object) => ({ ...a, returned: true, returnedOn: lastDay })) },
      });
      await act(ctx(), await people.token('demo-sales-2'), salesId, 'workHandover', {
        action: 'complete', data: { workItems: salesData.workItems.map((w: object) => ({ ...w, confirmed: true, confirmedAt: lastDay })) },
      });
      await act(ctx(), await people.token(HR), salesId, 'hrConfirmation', { action: 'approve', data: { certificateIssued: true, socialInsuranceStopped: true } });
      expect((await instance(ctx(), await people.token(HR), salesId)).status).toBe('completed');
      const report = await drain(ctx());
      expect(report.deliveries.dead).toBe(0);
    });

    it('the customers now belong to the successors, in the customer collection and in the CRM', async () => {
      const records = await ok(ctx(), await people.token(HR), 'GET', '/api/records/customer?limit=100');
      const owner = (id: string) => records.items.find((r: { id: string }) => r.id === id).data.ownerId;
      expect([owner('demo-customer-01'), owner('demo-customer-02'), owner('demo-customer-03')]).toEqual(['demo-sales-2', 'demo-sales-3', 'demo-sales-2']);
      expect(owner('demo-customer-04')).toBe('demo-sales-2'); // someone else's customer is untouched
      expect(crm.customers.get('demo-customer-01')?.ownerId).toBe('demo-sales-2');
      expect(crm.customers.get('demo-customer-02')?.ownerId).toBe('demo-sales-3');
      expect(crm.changes).toBe(3);
    });

    it('the leaver is marked as left in the directory and their access was revoked in the linked system, with proof', async () => {
      const user = await ok(ctx(), await people.token(HR), 'GET', `/api/directory/users/${SALES}`);
      expect(user.leaveDate).toBe(lastDay);
      expect(user.attributes.employmentStatus).toBe('left');
      expect(scim.users.get('wiki-7')?.active).toBe(false);
      const deliveries = await ok(ctx(), undefined, 'GET', '/api/connectors/scim-wiki/deliveries');
      expect(JSON.stringify(deliveries)).toContain('inactive');
    });

    it('finance was reminded to prepare the settlement (its due time had passed: it fired when the workers ran)', async () => {
      const inbox = await ok(ctx(), await people.token(FINANCE), 'GET', '/api/notifications');
      expect(inbox.items.map((n: { title: string }) => n.title)).toEqual(expect.arrayContaining([expect.stringMatching(/李娜/)]));
    });

    it('the leaving certificate and the handover checklist name the right people', async () => {
      const hr = await people.token(HR);
      const cert = await call(ctx(), hr, 'GET', `/api/instances/${salesId}/documents/leaving-certificate?locale=zh-CN`);
      expect(cert.status, cert.raw.body.slice(0, 300)).toBe(200);
      const certText = (await pdfText(cert.raw.rawPayload)).compact;
      expect(certText).toContain(squeeze('离职证明'));
      expect(certText).toContain('李娜');
      expect(certText).toContain('销售部');
      expect(certText).toContain('大客户经理');
      const list = await call(ctx(), hr, 'GET', `/api/instances/${salesId}/documents/handover-checklist?locale=zh-CN`);
      expect(list.status).toBe(200);
      const listText = (await pdfText(list.raw.rawPayload)).compact;
      expect(listText).toContain('刘洋');
      expect(listText).toContain('陈静');
      expect(listText).toContain(squeeze('华东精密制造有限公司（示例）'));
      expect(listText).toContain('LT-0101');
      expect(listText).toContain('已确认');
    });

    it('a confidential leaver signs the undertaking: refused without a signature, accepted with an uploaded one', async () => {
      const leaver = await people.token(CONFIDENTIAL);
      const started = await ok(ctx(), leaver, 'POST', '/api/flows/offboarding/instances', { data: request(CONFIDENTIAL, { assets: [{ assetId: 'demo-asset-lt-0103' }] }) }, 201);
      await act(ctx(), await people.token('demo-eng-director'), started.id, 'managerApproval', { action: 'approve' });
      await act(ctx(), await people.token(HR), started.id, 'hrInterview', { action: 'approve', data: INTERVIEW });
      const view = await instance(ctx(), await people.token(HR), started.id);
      expect(view.activeNodes).toContain('ndaSigning');
      expect(view.activeNodes).not.toContain('customerHandover');
      // Nothing submitted: refused with the path of each required field of the undertaking.
      const empty = await actAt(ctx(), leaver, started.id, 'ndaSigning', { action: 'complete' });
      expect(empty.status).toBe(422);
      expect([...new Set(empty.body.error.issues.map((i: { path: string }) => i.path))].sort()).toEqual(['/data/ndaAcknowledged', '/data/ndaSignature', '/data/ndaSignedOn']);
      const unsigned = await actAt(ctx(), leaver, started.id, 'ndaSigning', { action: 'complete', data: { ndaAcknowledged: true, ndaSignedOn: '2030-06-20' } });
      expect(unsigned.status).toBe(422);
      const body = multipart('signature.png', 'image/png', PNG);
      const uploaded = await ctx().call({ method: 'POST', url: '/api/files', payload: body.payload, headers: body.headers, token: leaver });
      expect(uploaded.statusCode, uploaded.body).toBe(201);
      const signature = { fileId: uploaded.json().fileId, sha256: uploaded.json().sha256, signedAt: new Date().toISOString(), signerId: CONFIDENTIAL };
      await act(ctx(), leaver, started.id, 'ndaSigning', { action: 'complete', data: { ndaAcknowledged: true, ndaSignature: signature, ndaSignedOn: '2030-06-20' } });
      const after = await instance(ctx(), await people.token(HR), started.id);
      expect(after.activeNodes).not.toContain('ndaSigning');
      expect(after.data.ndaSignature.fileId).toBe(signature.fileId);
    });

    it('leaves an audit chain that verifies', async () => {
      expect((await ok(ctx(), undefined, 'GET', '/api/audit/verify')).ok).toBe(true);
    });
  },
  { config: { files: { ...fileSettingsFrom({}, fileDir), dir: fileDir } } },
);
