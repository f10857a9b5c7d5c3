import { expect, it } from 'vitest';
import { forEachDatabase, type TestContext } from '../../../../runtime-api/test/harness/for-each-database.js';
import { act, actAt, call, HR, importOffboardingPack, instance, ok, People, request, taskAt } from './journey-kit.js';

// QA defects 1, 2, 7, 9: who an offboarding is about (flow.subject), who may start it for someone else, that
// the person cannot change later, one running request per person, no approval passing unseen, and the dates.
const LEAVER = 'demo-eng-2';
const COLLEAGUE = 'demo-eng-1';
const MANAGER = 'demo-eng-director';
const CEO = 'demo-ceo'; // nobody above them
type Json = Record<string, any>;
const START = '/api/flows/offboarding/instances';

async function refusal(ctx: TestContext, token: string, locale: 'en' | 'zh-CN', url: string, payload: Json): Promise<{ status: number; error: Json }> {
  const reply = await ctx.call({ method: 'POST', url, payload, token, headers: { 'accept-language': locale } });
  return { status: reply.statusCode, error: (reply.json() as Json).error };
}

forEachDatabase('offboarding journey: the subject of a request, and its dates', (ctx) => {
  const people = new People(ctx);
  let id = '';

  it('an employee may start one only for themself, in words, at the field (en and zh-CN)', async () => {
    await importOffboardingPack(ctx());
    const token = await people.token(LEAVER);
    const data = request(COLLEAGUE, { type: 'dismissal' });
    const en = await refusal(ctx(), token, 'en', START, { data });
    expect(en.status, JSON.stringify(en.error)).toBe(403);
    expect(en.error).toMatchObject({ code: 'BATON_E_START_NOT_FOR_OTHERS', path: '/data/employeeId' });
    expect(en.error.message).toContain('only start "Employee offboarding" for yourself: choose yourself as "Leaving employee"');
    const zh = await refusal(ctx(), token, 'zh-CN', START, { data });
    expect(zh.error.message).toContain('您只能为自己发起“员工离职”：请在“离职员工”中选择您本人');
    const none = await ctx().database.db.selectFrom('instances').select('id').where('subject_id', '=', COLLEAGUE).execute();
    expect(none).toHaveLength(0);
  });

  it('HR may start one for an employee (with or without naming them as initiator)', async () => {
    const hr = await people.token(HR);
    const started = await ok(ctx(), hr, 'POST', START, { data: request(COLLEAGUE), initiator: COLLEAGUE }, 201);
    const row = await ctx().database.db.selectFrom('instances').select(['subject_id', 'started_by']).where('id', '=', started.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ subject_id: COLLEAGUE, started_by: COLLEAGUE });
  });

  it('a second running request for the same person is refused and names the first; after a withdrawal it is allowed', async () => {
    const token = await people.token(LEAVER);
    id = (await ok(ctx(), token, 'POST', START, { data: request(LEAVER) }, 201)).id;
    for (const locale of ['en', 'zh-CN'] as const) {
      const second = await refusal(ctx(), token, locale, START, { data: request(LEAVER) });
      expect(second.status, JSON.stringify(second.error)).toBe(409);
      expect(second.error).toMatchObject({ code: 'BATON_E_SUBJECT_ALREADY_RUNNING', path: '/data/employeeId' });
      expect(second.error.message).toContain(id);
      expect(second.error.message).toContain(locale === 'en' ? 'already has a running' : '已有一条进行中的');
    }
    // HR cannot open a second one either.
    expect((await call(ctx(), await people.token(HR), 'POST', START, { data: request(LEAVER) })).status).toBe(409);
  });

  it('the leaver cannot change who is leaving on a resubmission', async () => {
    await act(ctx(), await people.token(MANAGER), id, 'managerApproval', { action: 'return', comment: '请补充交接' });
    const token = await people.token(LEAVER);
    for (const locale of ['en', 'zh-CN'] as const) {
      const task = await taskAt(ctx(), token, id, 'request');
      const { status, error } = await refusal(ctx(), token, locale, `/api/tasks/${task.id}/actions`, { action: 'resubmit', data: { employeeId: CEO, type: 'dismissal' } });
      expect(status, JSON.stringify(error)).toBe(422);
      expect(error.code).toBe('BATON_E_FLOW_SUBJECT_LOCKED');
      expect(error.path ?? error.issues[0].path).toBe('/data/employeeId');
      expect(error.message).toContain(locale === 'en' ? '"Leaving employee" names the person this request is about, and it cannot change' : '“离职员工”是本申请所涉的人员，申请发起后不能更改');
    }
    await act(ctx(), token, id, 'request', { action: 'resubmit', data: { employeeId: LEAVER, reason: '补充了交接说明' } });
    expect((await instance(ctx(), token, id)).activeNodes).toEqual(['managerApproval']);
  });

  it('a withdrawn request frees the person for a new one', async () => {
    const token = await people.token(LEAVER);
    await ok(ctx(), token, 'POST', `/api/instances/${id}/cancel`, { reason: '改变主意' });
    await ok(ctx(), token, 'POST', START, { data: request(LEAVER) }, 201);
  });

  it('nobody above the leaver: the manager approval goes to HR and the history says why, it never passes by itself', async () => {
    const started = await ok(ctx(), await people.token(CEO), 'POST', START, { data: request(CEO) }, 201);
    expect(started.activeNodes).toEqual(['managerApproval']);
    const hr = await people.token(HR);
    const view = await instance(ctx(), hr, started.id);
    const fallback = (view.history as Json[]).find((h) => h.type === 'assignee.fallback');
    expect(fallback, JSON.stringify(view.history.map((h: Json) => h.type))).toBeDefined();
    // A flow step's fallback (nodeId not "rule:…"): the timeline says it went to HR, not "the rule named".
    expect(fallback).toMatchObject({ actor: 'system', nodeId: 'managerApproval' });
    const task = await taskAt(ctx(), hr, started.id, 'managerApproval');
    expect(task.assignees).toEqual(expect.arrayContaining([HR]));
    await act(ctx(), hr, started.id, 'managerApproval', { action: 'approve' });
    expect((await instance(ctx(), hr, started.id)).activeNodes).toEqual(['hrInterview']);
  });

  it('dates: no termination before the last working day; an employee resigns from today on, HR may backdate', async () => {
    const employee = await people.token('demo-eng-3');
    const early = await refusal(ctx(), employee, 'zh-CN', START, { data: request('demo-eng-3', { lastWorkingDay: '2030-06-28', terminationDate: '2030-06-27' }) });
    expect(early.status).toBe(422);
    expect(early.error.issues.map((i: Json) => [i.path, i.message])).toContainEqual(['/data/terminationDate', '劳动关系终止日不能早于最后工作日。']);
    for (const locale of ['en', 'zh-CN'] as const) {
      const past = await refusal(ctx(), employee, locale, START, { data: request('demo-eng-3', { lastWorkingDay: '2025-01-01', terminationDate: '2025-01-01' }) });
      expect(past.status, JSON.stringify(past.error)).toBe(422);
      expect(past.error.issues[0].path).toBe('/data/lastWorkingDay');
      expect(past.error.issues[0].message).toContain(locale === 'en' ? 'cannot be in the past' : '不能早于今天');
    }
    // A dismissal recorded late is not the employee's own resignation; HR may record a past resignation.
    const hr = await people.token(HR);
    const backdated = await ok(ctx(), hr, 'POST', START, { data: request('demo-eng-3', { lastWorkingDay: '2025-01-01', terminationDate: '2025-01-01' }), initiator: 'demo-eng-3' }, 201);
    // The manager approves after that day: the start check does not judge later steps.
    const manager = await people.token(MANAGER);
    const approved = await actAt(ctx(), manager, backdated.id, 'managerApproval', { action: 'approve' });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
  });
});

forEachDatabase('offboarding journey: two starts for one person at the same moment', (ctx) => {
  const people = new People(ctx);
  it('exactly one of them runs; the other names it', async () => {
    await importOffboardingPack(ctx());
    const token = await people.token('demo-eng-4');
    const replies = await Promise.all([0, 1, 2].map(() => call(ctx(), token, 'POST', START, { data: request('demo-eng-4') })));
    expect(replies.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    const running = await ctx().database.db.selectFrom('instances').select('id').where('subject_id', '=', 'demo-eng-4').where('status', '=', 'running').execute();
    expect(running).toHaveLength(1);
  });
});
