import { expect, it } from 'vitest';
import { pdfText, squeeze } from '../../../../runtime-api/test/documents/pdf-text.js';
import { forEachDatabase, type TestContext } from '../../../../runtime-api/test/harness/for-each-database.js';
import { seedFile } from '../pack-files.js';
import {
  ADMIN_AFFAIRS, FINANCE, HR, INTERVIEW, IT, SETTLEMENT,
  act, call, importOffboardingPack, instance, ok, outboxEffects, People, request,
} from './journey-kit.js';

type Json = Record<string, any>;

// QA P5: the completion notice of a non-sales leaver spoke of customers, and the leaving certificate said the
// contract "ended" whatever the type of leaving. One leaver per type of leaving: 李娜 (sales) hands over a
// customer; 黄敏 hands over work; the others hand over nothing. 郑宇 and 冯雪 are colleagues of 胡斌 added here.
const ENG_MANAGER = 'demo-eng-director';
interface Leaver { id: string; manager: string; type: string; extra: Json }
const LEAVERS: Leaver[] = [
  { id: 'demo-sales-1', manager: 'demo-sales-director', type: 'mutual-agreement', extra: { customers: [{ customerId: 'demo-customer-01', successorId: 'demo-sales-2' }] } },
  { id: 'demo-eng-2', manager: ENG_MANAGER, type: 'resignation', extra: { workItems: [{ title: '3.2 版本测试计划', successorId: 'demo-eng-3' }] } },
  { id: 'demo-eng-3', manager: ENG_MANAGER, type: 'dismissal', extra: {} },
  { id: 'demo-eng-4', manager: ENG_MANAGER, type: 'contract-end', extra: {} },
  { id: 'demo-eng-5', manager: ENG_MANAGER, type: 'retirement', extra: {} },
];
const NEW_PEOPLE = [['demo-eng-5', '郑宇', '370102196505120019']] as const;

/** The sentence on the type of leaving, with the termination date 28 June 2030 (journey-kit's request). */
const WORDING: Record<string, { en: string; zh: string }> = {
  resignation: { en: "The labour contract is terminated by the employee's resignation with effect from 28 June 2030", zh: '因本人提出辞职，双方劳动合同于2030年06月28日解除' },
  dismissal: { en: 'The labour contract is terminated by the company with effect from 28 June 2030', zh: '经公司决定，双方劳动合同于2030年06月28日解除' },
  'contract-end': { en: 'The labour contract expires on 28 June 2030 and is not renewed', zh: '双方劳动合同于2030年06月28日期满终止，不再续订' },
  retirement: { en: "The labour contract terminates on 28 June 2030 upon the employee's retirement", zh: '因本人依法退休，双方劳动合同于2030年06月28日终止' },
  'mutual-agreement': { en: 'The labour contract is terminated by mutual agreement with effect from 28 June 2030', zh: '经双方协商一致，双方劳动合同于2030年06月28日解除' },
};

/** Walks every open step of an instance to completion, each done as the step's people would. */
async function walk(ctx: TestContext, people: People, leaver: Leaver, id: string, data: Json): Promise<void> {
  await act(ctx, await people.token(leaver.manager), id, 'managerApproval', { action: 'approve' });
  await act(ctx, await people.token(HR), id, 'hrInterview', { action: 'approve', data: INTERVIEW });
  const done = (rows: Json[]) => rows.map((r) => ({ ...r, confirmed: true, confirmedAt: '2030-06-20' }));
  const steps: Record<string, [string, Json]> = {
    itClearance: [IT, { action: 'complete', data: { accounts: data.accounts.map((a: Json) => ({ ...a, disabled: true })), dataBackedUp: true, devicesCollected: true } }],
    financeSettlement: [FINANCE, { action: 'complete', data: SETTLEMENT }],
    adminAffairs: [ADMIN_AFFAIRS, { action: 'complete', data: { assets: [], badgeReturned: true } }],
    workHandover: [data.workItems[0]?.successorId, { action: 'complete', data: { workItems: done(data.workItems) } }],
    customerHandover: [data.customers[0]?.successorId, { action: 'complete', data: { customers: done(data.customers) } }],
    hrConfirmation: [HR, { action: 'approve', data: { certificateIssued: true, socialInsuranceStopped: true } }],
  };
  for (let round = 0; round < 10; round += 1) {
    const view = await instance(ctx, await people.token(HR), id);
    if (view.status === 'completed') return;
    const node = (view.activeNodes as string[]).find((n) => n !== 'hrConfirmation') ?? 'hrConfirmation';
    const step = steps[node];
    expect(step, `a way to finish ${node}`).toBeDefined();
    await act(ctx, await people.token(step![0]), id, node, step![1]);
  }
  throw new Error(`instance ${id} did not complete`);
}

forEachDatabase('offboarding journey: completion notice and leaving certificate worded for the leaver', (ctx) => {
  const people = new People(ctx);
  const ids = new Map<string, string>();

  it('imports the pack (and one more engineer) and walks one offboarding per type of leaving to completion', async () => {
    await importOffboardingPack(ctx());
    const model = ((seedFile('directory') as Json).users as Json[]).find((u) => u.id === 'demo-eng-4')!;
    const users = NEW_PEOPLE.map(([id, name, idNumber]) => ({ ...model, id, name, email: `${id}@demo.example.com`, attributes: { ...model.attributes, idNumber } }));
    await ok(ctx(), undefined, 'POST', '/api/directory/import', { users });
    for (const leaver of LEAVERS) {
      const data = request(leaver.id, { type: leaver.type, ...leaver.extra });
      const id = (await ok(ctx(), await people.token(HR), 'POST', '/api/flows/offboarding/instances', { data }, 201)).id as string;
      await walk(ctx(), people, leaver, id, data);
      ids.set(leaver.id, id);
    }
  });

  const notice = async (leaver: string) => {
    const effects = (await outboxEffects(ctx(), ids.get(leaver)!)).filter((e) => e.type === 'notify' && /is complete/.test(JSON.stringify(e.title)));
    expect(effects).toHaveLength(1);
    return effects[0]!.body as { en: string; 'zh-CN': string };
  };

  it('the sales leaver\'s notice says the customers now belong to their successors', async () => {
    expect(await notice('demo-sales-1')).toEqual({
      en: 'Last working day: 2030-06-28. Customers now belong to their successors.',
      'zh-CN': '最后工作日：2030-06-28。客户已转交接手人。',
    });
  });

  it('a non-sales leaver\'s notice names only the work handed over, or nothing at all, never customers', async () => {
    expect(await notice('demo-eng-2')).toEqual({
      en: 'Last working day: 2030-06-28. Work items now belong to their successors.',
      'zh-CN': '最后工作日：2030-06-28。工作事项已转交接手人。',
    });
    for (const leaver of ['demo-eng-3', 'demo-eng-4', 'demo-eng-5']) {
      expect(await notice(leaver)).toEqual({ en: 'Last working day: 2030-06-28.', 'zh-CN': '最后工作日：2030-06-28。' });
    }
  });

  it('each certificate words the end of the contract for its type of leaving, dated the day the request completed', async () => {
    const hr = await people.token(HR);
    for (const leaver of LEAVERS) {
      const id = ids.get(leaver.id)!;
      const completedAt = new Date((await instance(ctx(), hr, id)).completedAt as string);
      const day = (locale: string, options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale, { timeZone: 'Asia/Shanghai', ...options }).format(completedAt);
      const issued = { en: day('en-GB', { day: 'numeric', month: 'long', year: 'numeric' }), zh: day('zh-CN', { year: 'numeric', month: '2-digit', day: '2-digit' }).replace(/\//, '年').replace(/\//, '月') + '日' };
      for (const [locale, wording, date] of [['en', WORDING[leaver.type]!.en, issued.en], ['zh-CN', WORDING[leaver.type]!.zh, issued.zh]] as const) {
        const res = await call(ctx(), hr, 'GET', `/api/instances/${id}/documents/leaving-certificate?locale=${locale}`);
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        const { compact } = await pdfText(res.raw.rawPayload);
        expect(compact, `${leaver.type} ${locale}`).toContain(squeeze(wording));
        // The other types' sentences are not printed, nor the old "ended" wording.
        for (const [other, text] of Object.entries(WORDING)) if (other !== leaver.type) expect(compact).not.toContain(squeeze(locale === 'en' ? text.en : text.zh));
        expect(compact).not.toMatch(/contractended|已于.*解除（终止）/);
        expect(compact, `issue date ${date}`).toContain(squeeze(date));
      }
    }
  });
});
