import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { forEachDatabase } from '../harness/for-each-database.js';
import { publish } from '../harness/publish-definition.js';
import { assetForm, assets, customerForm, customers, directory, handoverChecklist, leavingCertificate, offboardingFlow, requestData, requestForm } from './fixtures/offboarding-scenario.js';
import { pdfText, squeeze } from './pdf-text.js';

type Json = Record<string, any>;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

forEachDatabase(
  'documents of an instance',
  (ctx) => {
    const tokens: Record<string, string> = {};
    let instanceId = '';
    const get = (user: string, documentKey: string, query = '') =>
      ctx().call({ method: 'GET', url: `/api/instances/${instanceId}/documents/${documentKey}${query}`, token: tokens[user]! });
    const completeOpenTask = async (user: string, action: string) => {
      const list = await ctx().call({ method: 'GET', url: `/api/tasks?mine=true&status=open&instanceId=${instanceId}`, token: tokens[user]! });
      const task = list.json().items[0];
      expect(task, `${user} should have an open task`).toBeDefined();
      const done = await ctx().call({ method: 'POST', url: `/api/tasks/${task.id}/actions`, payload: { action }, token: tokens[user]! });
      expect(done.statusCode, done.body).toBe(200);
    };

    it('sets up the directory, collections, form, flow and both documents, and starts an offboarding', async () => {
      expect((await ctx().call({ method: 'POST', url: '/api/directory/import', payload: directory })).statusCode).toBe(200);
      for (const user of directory.users) tokens[user.id] = await ctx().tokenFor(user.id, []);
      for (const def of [customerForm, assetForm, requestForm, offboardingFlow, leavingCertificate, handoverChecklist]) await publish(ctx(), def);
      const ids = async (formKey: string, rows: Json[]) => {
        const out: string[] = [];
        for (const data of rows) {
          const res = await ctx().call({ method: 'POST', url: `/api/records/${formKey}`, payload: { data } });
          expect(res.statusCode, res.body).toBe(201);
          out.push(res.json().id);
        }
        return out as [string, string];
      };
      const data = requestData(await ids('customer', customers), await ids('asset', assets));
      const started = await ctx().call({ method: 'POST', url: '/api/flows/offboarding/instances', payload: { data, businessKey: 'OFF-2025-0731' }, token: tokens['e-zhang']! });
      expect(started.statusCode, started.body).toBe(201);
      instanceId = started.json().id;
    });

    it('shows pending confirmations while the handover is open', async () => {
      await completeOpenTask('m-li', 'approve');
      const res = await get('hr-zhao', 'handover-checklist', '?locale=zh-CN');
      expect(res.statusCode, res.body).toBe(200);
      const { compact } = await pdfText(res.rawPayload);
      expect(compact).toContain(squeeze('华东区季度销售报表 每季度初提交，模板在共享盘 王磊 待确认'));
      expect(compact).toContain(squeeze('直属上级审批 李娜 同意'));
    });

    it('renders the leaving certificate for the leaver: PDF, RFC 5987 file name, the right Chinese text, small', async () => {
      for (const [user, action] of [['s-wang', 'complete'], ['s-wang', 'complete'], ['it-sun', 'complete'], ['adm-zhou', 'complete'], ['hr-zhao', 'complete']] as const) {
        await completeOpenTask(user, action);
      }
      const res = await get('e-zhang', 'leaving-certificate', '?locale=zh-CN');
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="leaving-certificate.pdf"; filename*=UTF-8''${encodeURIComponent('离职证明-张伟.pdf')}`,
      );
      expect(res.headers['cache-control']).toBe('private, no-store');
      const bytes = res.rawPayload;
      expect(res.headers['x-baton-document-sha256']).toBe(sha256(bytes));
      expect(bytes.length).toBeLessThan(40_000);
      const { compact, pages } = await pdfText(bytes);
      expect(pages).toHaveLength(1);
      expect(compact).toContain(
        squeeze('兹证明张伟（身份证号：310104199003157719）自2019年03月01日至2025年07月31日在我公司华东销售部担任高级客户经理职务，于2025年07月31日因职业发展原因离职，已办理完离职交接手续。'),
      );
      expect(compact).toContain('特此证明。');
    });

    it('audits every render with the hash of the bytes handed out', async () => {
      const res = await get('e-zhang', 'leaving-certificate', '?locale=en&disposition=inline');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-disposition']).toBe('inline; filename="Leaving certificate - Zhang Wei.pdf"');
      const { compact } = await pdfText(res.rawPayload);
      expect(compact).toContain(squeeze('This is to certify that Zhang Wei (ID No.: 310104199003157719) was employed by our company from 1 March 2019 to 31 July 2025 as Senior Account Manager'));
      const entries = await ctx().database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'document.rendered')
        .where('subject_id', '=', instanceId)
        .orderBy('id')
        .execute();
      const mine = entries.filter((e) => e.actor === 'e-zhang');
      expect(mine).toHaveLength(2);
      expect(mine[1]).toMatchObject({ subject_kind: 'instance' });
      expect(mine[1]!.data).toEqual({
        documentKey: 'leaving-certificate',
        documentVersion: 1,
        instanceId,
        sha256: sha256(res.rawPayload),
        size: res.rawPayload.length,
        locales: ['en'],
        fileName: 'Leaving certificate - Zhang Wei',
        via: 'api',
        view: 'participant',
      });
      const verify = await ctx().call({ method: 'GET', url: '/api/audit/verify' });
      expect(verify.json()).toMatchObject({ ok: true });
    });

    it('prints both languages when no locale is asked for', async () => {
      const res = await get('hr-zhao', 'leaving-certificate');
      expect(res.statusCode).toBe(200);
      const { pages } = await pdfText(res.rawPayload);
      expect(pages).toHaveLength(2);
      expect(squeeze(pages[0]!)).toContain('离职证明');
      expect(squeeze(pages[1]!)).toContain(squeeze('Certificate of Employment Termination'));
    });

    it('fills the handover checklist with who confirmed what when', async () => {
      const res = await get('s-chen', 'handover-checklist', '?locale=zh-CN');
      expect(res.statusCode, res.body).toBe(200);
      const { compact } = await pdfText(res.rawPayload);
      for (const needle of ['离职交接清单', 'OFF-2025-0731', '华北电力集团有限公司', 'ACME Trading Ltd.', 'zhang.wei@example.cn', 'IT-2021-0042', 'ThinkPad X1 Carbon 笔记本电脑', '已归还']) {
        expect(compact, needle).toContain(squeeze(needle));
      }
      expect(compact).toMatch(new RegExp(squeeze('华东区季度销售报表 每季度初提交，模板在共享盘 王磊 已确认 王磊 \\d{4}年\\d{2}月\\d{2}日\\d{2}:\\d{2}')));
      // Chen Jing was an assignee of the shared work-handover task, but Wang Lei completed it.
      expect(compact).toContain(squeeze('渠道合作协议续签 8 月到期，已与法务沟通 陈静 未确认'));
      expect(compact).toMatch(new RegExp(squeeze('CRM zhang.wei 已确认 孙浩')));
      expect(compact).toContain(squeeze('HR 最终确认 赵敏 已完成'));
    });

    it('is described in the OpenAPI document as a PDF download', async () => {
      const doc = (await ctx().call({ method: 'GET', url: '/api/openapi.json' })).json();
      const op = doc.paths['/api/instances/{id}/documents/{documentKey}'].get;
      expect(Object.keys(op.responses['200'].content)).toContain('application/pdf');
      expect(op.parameters.map((p: Json) => p.name)).toEqual(expect.arrayContaining(['id', 'documentKey', 'locale', 'disposition']));
    });

    it('lets only those who may see the instance download, and the certificate only its readers', async () => {
      const outsider = await get('outsider', 'leaving-certificate');
      expect(outsider.statusCode).toBe(404);
      expect(outsider.json().error.code).toBe('BATON_E_INSTANCE_NOT_FOUND');
      expect((await get('outsider', 'handover-checklist')).statusCode).toBe(404);
      const successor = await get('s-wang', 'leaving-certificate');
      expect(successor.statusCode).toBe(403);
      expect(successor.json().error).toMatchObject({ code: 'BATON_E_DOCUMENT_FORBIDDEN' });
      const unknown = await get('hr-zhao', 'exit-interview');
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().error).toMatchObject({ code: 'BATON_E_DOCUMENT_NOT_FOUND', path: '/params/documentKey' });
      const badLocale = await get('hr-zhao', 'leaving-certificate', '?locale=fr');
      expect(badLocale.statusCode).toBe(400);
      const anonymous = await ctx().call({ method: 'GET', url: `/api/instances/${instanceId}/documents/leaving-certificate`, token: null });
      expect(anonymous.statusCode).toBe(401);
      const refused = await ctx().database.db.selectFrom('audit_log').select('id').where('action', '=', 'document.rendered').where('actor', 'in', ['outsider', 's-wang']).execute();
      expect(refused).toEqual([]);
    });

    it('the flow\'s renderDocument effect is rendered by the outbox worker, stored with its hash and audited once', async () => {
      const outbox = await ctx().database.db.selectFrom('outbox').selectAll().where('instance_id', '=', instanceId).execute();
      const row = outbox.find((o) => (o.effect as Json).type === 'renderDocument');
      expect(row, 'the archive step wrote a renderDocument effect').toBeDefined();
      await ctx().app.baton.workers.drain();
      const stored = await ctx().database.db.selectFrom('rendered_documents').selectAll().where('instance_id', '=', instanceId).execute();
      expect(stored).toHaveLength(1);
      const doc = stored[0]!;
      expect(doc).toMatchObject({ document_key: 'leaving-certificate', document_version: 1, locales: ['zh-CN', 'en'], file_name: '离职证明-张伟', content_type: 'application/pdf', effect_key: row!.idempotency_key, rendered_by: 'system' });
      expect(doc.sha256).toBe(sha256(doc.content));
      expect(doc.size).toBe(doc.content.length);
      const { compact } = await pdfText(new Uint8Array(doc.content));
      expect(compact).toContain(squeeze('兹证明张伟（身份证号：310104199003157719）'));
      const audits = await ctx().database.db.selectFrom('audit_log').selectAll().where('action', '=', 'document.rendered').where('actor', '=', 'system').execute();
      expect(audits).toHaveLength(1);
      expect(audits[0]!.data).toMatchObject({ sha256: doc.sha256, documentKey: 'leaving-certificate', documentVersion: 1, instanceId, via: 'outbox', renderedDocumentId: doc.id });
      expect((await ctx().database.db.selectFrom('outbox').select('status').where('id', '=', row!.id).executeTakeFirstOrThrow()).status).toBe('delivered');

      // A redelivery (at least once) finds the stored document: no second row, no second audit entry.
      const handler = ctx().app.baton.outboxHandlers.get('renderDocument')!;
      const again = await handler.handle(
        { id: row!.id, instanceId, effect: row!.effect as never, idempotencyKey: row!.idempotency_key, attempt: 2 },
        { db: ctx().database.db, config: ctx().config, now: new Date(), signal: new AbortController().signal, log: ctx().app.log },
      );
      expect(again).toMatchObject({ status: 'delivered', log: { note: expect.stringContaining(doc.id) } });
      expect(await ctx().database.db.selectFrom('rendered_documents').select('id').execute()).toHaveLength(1);
      expect(await ctx().database.db.selectFrom('audit_log').select('id').where('action', '=', 'document.rendered').where('actor', '=', 'system').execute()).toHaveLength(1);
    });
  },
  { config: { documents: { organizationName: { 'zh-CN': '上海示例科技有限公司', en: 'Shanghai Example Technology Co., Ltd.' } } } },
);
