import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { pdfText, squeeze } from '../../../../runtime-api/test/documents/pdf-text.js';
import { forEachDatabase, type TestContext } from '../../../../runtime-api/test/harness/for-each-database.js';
import { ADMIN_AFFAIRS, FINANCE, HR, INTERVIEW, IT, SETTLEMENT, act, call, instance, offboardingBundle, ok, People, request } from './journey-kit.js';

type Json = Record<string, any>;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

// 黄敏 (demo-eng-2) leaves; here she is a real employee (the demo marker is taken off her), so no demo
// employer name stands in for the one an admin must set.
const LEAVER = 'demo-eng-2';
const MANAGER = 'demo-eng-director';
const SUCCESSOR = 'demo-eng-3';
const ORG = { zh: '上海示例科技有限公司', en: 'Shanghai Example Technology Co., Ltd.' };

async function importWithRealLeaver(c: TestContext): Promise<void> {
  const bundle = (await offboardingBundle({ demo: true })) as Json;
  for (const user of bundle.seed.directory.users as Json[]) if (user.id === LEAVER) delete user.attributes.demo;
  await ok(c, undefined, 'POST', '/api/packs/import?demo=true', bundle, 201);
}

forEachDatabase(
  'offboarding documents: issued only at completion, only with the employer named, the same bytes ever after',
  (ctx) => {
    const people = new People(ctx);
    let id = '';
    let pendingId = '';
    const data = request(LEAVER, {
      workItems: [{ title: '3.2 版本测试计划', successorId: SUCCESSOR }],
      assets: [{ assetId: 'demo-asset-lt-0105' }],
    });
    const download = async (user: string, documentKey: string, query = '', locale = 'en') =>
      ctx().call({ method: 'GET', url: `/api/instances/${id}/documents/${documentKey}${query}`, token: await people.token(user), headers: { 'accept-language': locale } });
    const storedRows = () => ctx().database.db.selectFrom('rendered_documents').selectAll().where('instance_id', '=', id).execute();

    it('imports the pack; the leaver submits; nothing is issued while the manager has not even approved', async () => {
      await importWithRealLeaver(ctx());
      id = (await ok(ctx(), await people.token(LEAVER), 'POST', '/api/flows/offboarding/instances', { data }, 201)).id;
      for (const user of [LEAVER, HR]) {
        const early = await download(user, 'leaving-certificate');
        expect(early.statusCode, early.body).toBe(409);
        expect(early.json().error).toMatchObject({ code: 'BATON_E_DOCUMENT_NOT_ISSUED', path: '/params/documentKey' });
        expect(early.json().error.message).toMatch(/only once the request has completed/);
      }
      // The checklist's live draft names the employer in its footer: with none set, it is refused too.
      const draft = await download(HR, 'handover-checklist');
      expect(draft.statusCode, draft.body).toBe(422);
      expect(draft.json().error).toMatchObject({ code: 'BATON_E_DOCUMENT_ORG_NAME_MISSING', path: '/parameters/organizationName' });
      expect(await storedRows()).toEqual([]);
    });

    it('a demo person (marked by the demo seed) gets the demo company as employer, so the embedded demo works out of the box', async () => {
      pendingId = (await ok(ctx(), await people.token(SUCCESSOR), 'POST', '/api/flows/offboarding/instances', { data: request(SUCCESSOR) }, 201)).id;
      const draft = await call(ctx(), await people.token(HR), 'GET', `/api/instances/${pendingId}/documents/handover-checklist?locale=zh-CN`);
      expect(draft.status, JSON.stringify(draft.body)).toBe(200);
      expect((await pdfText(draft.raw.rawPayload)).compact).toContain(squeeze('示例科技有限公司 · 第 1 /'));
    });

    it('walks the offboarding to completion', async () => {
      await act(ctx(), await people.token(MANAGER), id, 'managerApproval', { action: 'approve' });
      await act(ctx(), await people.token(HR), id, 'hrInterview', { action: 'approve', data: INTERVIEW });
      const itToken = await people.token(IT);
      const ruleTask = (await ok(ctx(), itToken, 'GET', `/api/tasks?mine=true&status=open&instanceId=${id}`)).items.find((t: Json) => t.source === 'rule') as Json | undefined;
      // The IT to-do a rule adds (disable the accounts), when the pack's rules add one.
      if (ruleTask) await ok(ctx(), itToken, 'POST', `/api/tasks/${ruleTask.id}/actions`, { action: 'complete' });
      await act(ctx(), itToken, id, 'itClearance', { action: 'complete', data: { accounts: data.accounts.map((a: Json) => ({ ...a, disabled: true })), dataBackedUp: true, devicesCollected: true } });
      await act(ctx(), await people.token(FINANCE), id, 'financeSettlement', { action: 'complete', data: SETTLEMENT });
      await act(ctx(), await people.token(ADMIN_AFFAIRS), id, 'adminAffairs', {
        action: 'complete', data: { assets: [{ assetId: 'demo-asset-lt-0105', returned: true, returnedOn: '2030-06-27' }], badgeReturned: true },
      });
      await act(ctx(), await people.token(SUCCESSOR), id, 'workHandover', {
        action: 'complete', data: { workItems: data.workItems.map((w: Json) => ({ ...w, confirmed: true, confirmedAt: '2030-06-20' })) },
      });
      await act(ctx(), await people.token(HR), id, 'hrConfirmation', { action: 'approve', data: { certificateIssued: true, socialInsuranceStopped: true } });
      expect((await instance(ctx(), await people.token(HR), id)).status).toBe('completed');
    });

    it('with no employer name set, the certificate is refused (422, what to set, in both languages), not printed with a hole', async () => {
      await ctx().app.baton.workers.drain();
      expect(await storedRows()).toEqual([]); // the outbox could not issue them either
      for (const [locale, sentence] of [['en', /organizationName.*PUT \/api\/packs\/offboarding\/parameters/], ['zh-CN', /尚未设置组织名称.*organizationName/]] as const) {
        const res = await download(LEAVER, 'leaving-certificate', '?locale=en', locale);
        expect(res.statusCode, res.body).toBe(422);
        expect(res.json().error).toMatchObject({ code: 'BATON_E_DOCUMENT_ORG_NAME_MISSING', path: '/parameters/organizationName' });
        expect(res.json().error.message).toMatch(sentence);
      }
    });

    it('once an admin sets the name, the certificate names the employer and the employee, and is the same bytes twice', async () => {
      await ok(ctx(), undefined, 'PUT', '/api/packs/offboarding/parameters', { values: { organizationName: ORG.zh, organizationNameEn: ORG.en } });
      const first = await download(LEAVER, 'leaving-certificate', '?locale=en');
      expect(first.statusCode, first.body).toBe(200);
      expect(first.headers['x-baton-document-status']).toBe('issued');
      const { compact } = await pdfText(first.rawPayload);
      expect(compact).toContain(squeeze(`was employed by ${ORG.en} from`));
      expect(compact).toContain('黄敏');
      expect(compact).toContain(squeeze('All handover procedures have been completed.'));
      const second = await download(LEAVER, 'leaving-certificate', '?locale=en');
      expect(second.statusCode).toBe(200);
      expect(Buffer.compare(second.rawPayload, first.rawPayload)).toBe(0);
      expect(second.headers['x-baton-document-sha256']).toBe(sha256(first.rawPayload));

      const rows = await storedRows();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ document_key: 'leaving-certificate', locales: ['en'], sha256: sha256(first.rawPayload) });
      const audits = await ctx().database.db.selectFrom('audit_log').select(['data']).where('action', '=', 'document.rendered').where('actor', '=', LEAVER).execute();
      expect(audits.map((a) => (a.data as Json).sha256)).toEqual([sha256(first.rawPayload), sha256(first.rawPayload)]);
      expect(audits.map((a) => (a.data as Json).renderedDocumentId)).toEqual([rows[0]!.id, rows[0]!.id]);
      expect((await ctx().call({ method: 'GET', url: '/api/audit/verify' })).json()).toMatchObject({ ok: true });
    });

    it('the outbox issues the official copy; HR downloads exactly those bytes; a successor may not read the certificate', async () => {
      const outbox = await ctx().database.db.selectFrom('outbox').selectAll().where('instance_id', '=', id).execute();
      const effect = outbox.find((o) => (o.effect as Json).type === 'renderDocument' && (o.effect as Json).document === 'leaving-certificate')!;
      expect(effect.status).toBe('dead'); // it had no employer name; a redelivery now issues it
      const handler = ctx().app.baton.outboxHandlers.get('renderDocument')!;
      const run = () =>
        handler.handle(
          { id: effect.id, instanceId: id, effect: effect.effect as never, idempotencyKey: effect.idempotency_key, attempt: 2 },
          { db: ctx().database.db, config: ctx().config, now: new Date(), signal: new AbortController().signal, log: ctx().app.log },
        );
      expect(await run()).toMatchObject({ status: 'delivered', log: { note: expect.stringMatching(/^rendered leaving-certificate/) } });
      expect(await run()).toMatchObject({ status: 'delivered', log: { note: expect.stringMatching(/^already issued/) } });
      const official = (await storedRows()).find((r) => r.effect_key === `issue:${id}:leaving-certificate:all:full`)!;
      expect(official).toMatchObject({ locales: ['zh-CN', 'en'], rendered_by: 'system' });
      const hr = await download(HR, 'leaving-certificate');
      expect(hr.statusCode, hr.body).toBe(200);
      expect(Buffer.compare(hr.rawPayload, Buffer.from(official.content))).toBe(0);
      expect((await pdfText(hr.rawPayload)).compact).toContain(squeeze(ORG.zh));
      expect((await download(SUCCESSOR, 'leaving-certificate')).statusCode).toBe(403);
    });

    it('a request still running offers the handover checklist only as a watermarked draft, never stored', async () => {
      const hr = await people.token(HR);
      const draft = await call(ctx(), hr, 'GET', `/api/instances/${pendingId}/documents/handover-checklist?locale=zh-CN`);
      expect(draft.status).toBe(200);
      expect(draft.raw.headers['x-baton-document-status']).toBe('draft');
      const { compact } = await pdfText(draft.raw.rawPayload);
      expect(compact).toContain(squeeze('草稿 / DRAFT'));
      expect(compact).toContain(squeeze(ORG.zh));
      expect((await call(ctx(), hr, 'GET', `/api/instances/${pendingId}/documents/leaving-certificate`)).status).toBe(409);
      const stored = await ctx().database.db.selectFrom('rendered_documents').select('id').where('instance_id', '=', pendingId).execute();
      expect(stored).toEqual([]);
    });
  },
  { config: { documents: { organizationName: undefined } } },
);
