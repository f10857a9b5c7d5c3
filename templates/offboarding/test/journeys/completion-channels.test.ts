import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDatabase, testConfig, type TestContext } from '../../../../runtime-api/test/harness/for-each-database.js';
import { HttpStandIn, sendJson } from '../../../../runtime-api/test/stand-ins/http-stand-in.js';
import { startDingtalkStandIn, startWecomStandIn } from '../../../../runtime-api/test/stand-ins/robot-stand-ins.js';
import { ScimStandIn } from '../../../../runtime-api/test/stand-ins/scim-stand-in.js';
import { seedFile } from '../pack-files.js';
import {
  ADMIN_AFFAIRS, FINANCE, HR, INTERVIEW, IT, SETTLEMENT,
  act, importOffboardingPack, instance, ok, People, request, shanghaiDate,
} from './journey-kit.js';

type Json = Record<string, any>;
type Robot = HttpStandIn & { messages: Json[] };

// 黄敏 (demo-eng-2) leaves; her last working day was yesterday, so the end-of-day revocation is due. Two linked
// systems: the wiki revokes, the ERP answers every call with an error.
const LEAVER = 'demo-eng-2';
const MANAGER = 'demo-eng-director';
const SUCCESSOR = 'demo-eng-3';
const INVOLVED = [LEAVER, MANAGER, 'demo-hr-1', 'demo-hr-2', SUCCESSOR];
const base = testConfig();
const LOOPBACK = ['127.0.0.1'];

/** Runs the workers until nothing is left to do, letting every retry wait pass (at most `rounds` times). */
async function settle(ctx: TestContext, rounds = 6): Promise<void> {
  for (let i = 0; i < rounds; i += 1) {
    await ctx.app.baton.workers.drain();
    const pending = await ctx.database.db.selectFrom('outbox').select('id').where('status', '=', 'pending').execute();
    if (pending.length === 0) return;
    await ctx.database.db.updateTable('outbox').set({ next_attempt_at: new Date(Date.now() - 1000) }).where('status', '=', 'pending').execute();
  }
}

forEachDatabase(
  'offboarding journey: on completion the people involved hear on DingTalk and WeCom; a failed revocation reaches IT',
  (ctx) => {
    const people = new People(ctx);
    let dingtalk: Robot;
    let wecom: Robot;
    let wiki: ScimStandIn;
    let erp: HttpStandIn;
    let id = '';
    const lastDay = shanghaiDate(-1);
    const data = request(LEAVER, {
      lastWorkingDay: lastDay,
      terminationDate: lastDay,
      workItems: [{ title: '3.2 版本测试计划', successorId: SUCCESSOR }],
      assets: [{ assetId: 'demo-asset-lt-0105' }],
    });
    const completionMessages = (robot: Robot, text: (m: Json) => string) =>
      robot.messages.filter((m) => /黄敏/.test(text(m)) && /办结|is complete/.test(text(m)));

    beforeAll(async () => {
      dingtalk = await startDingtalkStandIn('dt-token', 'SEC-offboarding-robot');
      wecom = await startWecomStandIn('wc-key');
      wiki = await ScimStandIn.start('wiki-token', [{ id: 'wiki-42', userName: 'huang.min@demo.example.com', active: true }]);
      erp = await HttpStandIn.start((_req, res) =>
        sendJson(res, 500, { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '500', detail: 'ERP directory service unavailable' }));
      await importOffboardingPack(ctx());
      // HR's directory sync carries each person's DingTalk and WeCom user ids.
      const directory = seedFile('directory') as Json;
      const users = (directory.users as Json[]).map((u) => ({ ...u, attributes: { ...u.attributes, dingtalk: `dt-${u.id}`, wecom: `wc-${u.id}` } }));
      await ok(ctx(), undefined, 'POST', '/api/directory/import', { ...directory, users });
      // The operator configures the robots and two linked systems (PUT /api/connectors/:key).
      await ok(ctx(), undefined, 'PUT', '/api/connectors/dingtalk', {
        type: 'dingtalk-robot', config: { baseUrl: `${dingtalk.url}/robot/send`, allowHosts: LOOPBACK }, secrets: { accessToken: 'dt-token', signingSecret: 'SEC-offboarding-robot' },
      }, 201);
      await ok(ctx(), undefined, 'PUT', '/api/connectors/wecom', {
        type: 'wecom-robot', config: { baseUrl: `${wecom.url}/cgi-bin/webhook/send`, allowHosts: LOOPBACK }, secrets: { key: 'wc-key' },
      }, 201);
      await ok(ctx(), undefined, 'PUT', '/api/connectors/scim-wiki', {
        type: 'scim', config: { baseUrl: `${wiki.http.url}/scim/v2`, allowHosts: LOOPBACK, system: { en: 'Wiki', 'zh-CN': '知识库' } }, secrets: { token: 'wiki-token' },
      }, 201);
      await ok(ctx(), undefined, 'PUT', '/api/connectors/scim-erp', {
        type: 'scim', config: { baseUrl: `${erp.url}/scim/v2`, allowHosts: LOOPBACK, system: { en: 'ERP', 'zh-CN': '企业资源计划系统' } }, secrets: { token: 'erp-token' },
      }, 201);
    });
    afterAll(async () => {
      for (const s of [dingtalk, wecom, erp, wiki?.http]) await s?.close();
    });

    it('walks the offboarding through every role to completion', async () => {
      // Yesterday's last working day (so the completion rules act now): HR records it for her, as the employee could not.
      const started = await ok(ctx(), await people.token(HR), 'POST', '/api/flows/offboarding/instances', { data, initiator: LEAVER }, 201);
      id = started.id;
      await act(ctx(), await people.token(MANAGER), id, 'managerApproval', { action: 'approve' });
      await act(ctx(), await people.token(HR), id, 'hrInterview', { action: 'approve', data: INTERVIEW });
      await act(ctx(), await people.token(IT), id, 'itClearance', { action: 'complete', data: { accounts: data.accounts.map((a: Json) => ({ ...a, disabled: true })) } });
      await act(ctx(), await people.token(FINANCE), id, 'financeSettlement', { action: 'complete', data: SETTLEMENT });
      await act(ctx(), await people.token(ADMIN_AFFAIRS), id, 'adminAffairs', { action: 'complete', data: { assets: [{ assetId: 'demo-asset-lt-0105', returned: true, returnedOn: lastDay }] } });
      await act(ctx(), await people.token(SUCCESSOR), id, 'workHandover', { action: 'complete', data: { workItems: data.workItems.map((w: Json) => ({ ...w, confirmed: true, confirmedAt: lastDay })) } });
      await act(ctx(), await people.token(HR), id, 'hrConfirmation', { action: 'approve', data: { certificateIssued: true, socialInsuranceStopped: true } });
      expect((await instance(ctx(), await people.token(HR), id)).status).toBe('completed');
      await settle(ctx());
    });

    it('each person involved got the completion once on DingTalk (an @-mention) and once on WeCom', async () => {
      const dt = completionMessages(dingtalk, (m) => `${m.markdown?.title ?? ''} ${m.markdown?.text ?? ''}`);
      expect(dt.map((m) => m.at.atUserIds[0]).sort()).toEqual(INVOLVED.map((u) => `dt-${u}`).sort());
      expect(dt[0]).toMatchObject({ msgtype: 'markdown' });
      const wc = completionMessages(wecom, (m) => String(m.markdown?.content ?? ''));
      const mentioned = wc.map((m) => /<@([^>]+)>/.exec(String(m.markdown.content))?.[1]);
      expect(mentioned.sort()).toEqual(INVOLVED.map((u) => `wc-${u}`).sort());
      // Every send is its own outbox delivery, delivered once; running the workers again sends nothing more.
      const before = { dt: dingtalk.messages.length, wc: wecom.messages.length };
      const rows = await ctx().database.db.selectFrom('outbox').select(['id', 'effect']).where('instance_id', '=', id).where('status', '=', 'delivered').execute();
      const notifies = rows.filter((r) => (r.effect as Json).type === 'notify').map((r) => r.id);
      expect(notifies.length).toBeGreaterThan(0);
      await ctx().database.db.updateTable('outbox').set({ status: 'pending', next_attempt_at: new Date(Date.now() - 1000) }).where('id', 'in', notifies).execute();
      await settle(ctx());
      expect({ dt: dingtalk.messages.length, wc: wecom.messages.length }).toEqual(before);
    });

    it('marks the leaver as left in the directory with the leave date, keeping her other attributes', async () => {
      const user = await ok(ctx(), await people.token(HR), 'GET', `/api/directory/users/${LEAVER}`);
      expect(user.leaveDate).toBe(lastDay);
      expect(user.attributes).toMatchObject({ employmentStatus: 'left', dingtalk: `dt-${LEAVER}`, jobFamily: 'engineering' });
    });

    it('revoked the wiki account with proof; the ERP refused, and IT was told and given a to-do naming the ERP', async () => {
      expect(wiki.users.get('wiki-42')?.active).toBe(false);
      expect(erp.requests.length).toBeGreaterThan(0);
      const it = await people.token(IT);
      const inbox = (await ctx().call({ method: 'GET', url: '/api/notifications?limit=100', token: it, headers: { 'accept-language': 'en' } })).json() as Json;
      const failed = (inbox.items as Json[]).filter((n) => /could not be revoked/.test(n.title));
      expect(failed.map((n) => n.title)).toEqual(['Access of 黄敏 could not be revoked in ERP']);
      expect(failed[0]!.body).toContain('scim-erp');
      const zh = (await ctx().call({ method: 'GET', url: '/api/notifications?limit=100', token: it, headers: { 'accept-language': 'zh-CN' } })).json() as Json;
      expect((zh.items as Json[]).map((n) => n.title)).toContain('黄敏 在 企业资源计划系统 中的访问权限撤销失败');
      const tasks = await ok(ctx(), it, 'GET', `/api/tasks?mine=true&status=open&instanceId=${id}`);
      const manual = (tasks.items as Json[]).filter((t) => t.source === 'rule' && /by hand/.test(t.title.en));
      expect(manual.map((t) => t.title)).toEqual([{ en: 'Revoke access of 黄敏 in ERP by hand', 'zh-CN': '手动撤销 黄敏 在 企业资源计划系统 中的访问权限' }]);
      expect(manual[0]!.description.en).toContain(lastDay);
      // The wiki succeeded: no failure is reported for it.
      expect(JSON.stringify(inbox.items)).not.toMatch(/revoked in Wiki/);
      // The instance's history holds both outcomes, each naming its system.
      const history = await ctx().database.db.selectFrom('history').select(['type', 'payload']).where('instance_id', '=', id).where('type', 'like', 'invoke.%').execute();
      const outcomes = history.map((h) => `${h.type}:${(h.payload as Json).payload.connector}:${(h.payload as Json).payload.system?.en}`);
      expect(outcomes.sort()).toEqual(['invoke.failed:scim-erp:ERP', 'invoke.succeeded:scim-wiki:Wiki']);
    });

    it('leaves an audit chain that verifies', async () => {
      expect((await ok(ctx(), undefined, 'GET', '/api/audit/verify')).ok).toBe(true);
    });
  },
  // Two tries per delivery, so the ERP's errors become a final failure within the test.
  { config: { workers: { ...base.workers, outboxMaxAttempts: 2 }, connectors: { ...base.connectors, publicUrl: 'https://baton.example.com' } } },
);
