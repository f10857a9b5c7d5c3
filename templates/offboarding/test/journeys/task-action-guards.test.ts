import { expect, it } from 'vitest';
import { forEachDatabase, type TestContext } from '../../../../runtime-api/test/harness/for-each-database.js';
import { act, HR, importOffboardingPack, instance, ok, People, request, taskAt } from './journey-kit.js';

// QA defects 3 and 9: the HR exit interview cannot be handed to the leaver (who would approve it and read
// the HR-only notes) nor back to its holder, and sending a request back or refusing it needs a reason.
const LEAVER = 'demo-eng-2';
const MANAGER = 'demo-eng-director';
const HR_2 = 'demo-hr-2';
type Json = Record<string, any>;

async function refused(ctx: TestContext, token: string, taskId: string, locale: 'en' | 'zh-CN', payload: Json): Promise<{ status: number; error: Json }> {
  const reply = await ctx.call({ method: 'POST', url: `/api/tasks/${taskId}/actions`, payload, token, headers: { 'accept-language': locale } });
  return { status: reply.statusCode, error: (reply.json() as Json).error };
}

forEachDatabase('offboarding journey: who a task may be handed to, and reasons for sending it back', (ctx) => {
  const people = new People(ctx);
  let id = '';

  it('the manager cannot return or reject without a reason (en and zh-CN, at /comment); with one the leaver sees it', async () => {
    await importOffboardingPack(ctx());
    id = (await ok(ctx(), await people.token(LEAVER), 'POST', '/api/flows/offboarding/instances', { data: request(LEAVER) }, 201)).id;
    const manager = await people.token(MANAGER);
    const task = await taskAt(ctx(), manager, id, 'managerApproval');
    const detail = await ok(ctx(), manager, 'GET', `/api/tasks/${task.id}`);
    expect(detail.commentRequired).toEqual(['reject', 'return']);
    for (const [payload, locale, words] of [
      [{ action: 'return' }, 'en', 'Write a reason in the comment to return at "Manager approval"'],
      [{ action: 'reject', comment: '  ' }, 'zh-CN', '请在意见中填写拒绝的理由'],
    ] as const) {
      const { status, error } = await refused(ctx(), manager, task.id, locale, payload);
      expect(status, JSON.stringify(error)).toBe(422);
      expect(error.code).toBe('BATON_E_FLOW_COMMENT_REQUIRED');
      expect(error.path ?? error.issues[0].path).toBe('/comment');
      expect(error.message).toContain(words);
    }
    expect((await instance(ctx(), manager, id)).activeNodes).toEqual(['managerApproval']);
    await act(ctx(), manager, id, 'managerApproval', { action: 'return', comment: '请补充交接事项' });
    const leaver = await people.token(LEAVER);
    const back = await instance(ctx(), leaver, id);
    expect(back.activeNodes).toEqual(['request']);
    expect(back.history.find((h: Json) => h.action === 'return')).toMatchObject({ actor: MANAGER, comment: '请补充交接事项' });
    await act(ctx(), leaver, id, 'request', { action: 'resubmit', data: { reason: '补充了交接说明' } });
    await act(ctx(), manager, id, 'managerApproval', { action: 'approve' });
  });

  it('HR cannot delegate, transfer or add the leaver to the exit interview, nor hand it to themself (en and zh-CN, at /to)', async () => {
    const hr = await people.token(HR);
    const task = await taskAt(ctx(), hr, id, 'hrInterview');
    const cases = [
      [{ action: 'delegate', to: LEAVER }, 'en', 'BATON_E_TASK_TARGET_SUBJECT', '/to', 'is the person this request is about'],
      [{ action: 'transfer', to: LEAVER }, 'zh-CN', 'BATON_E_TASK_TARGET_SUBJECT', '/to', '是本申请所涉的人员'],
      [{ action: 'delegate', to: [HR_2, LEAVER] }, 'en', 'BATON_E_TASK_TARGET_SUBJECT', '/to/1', '"Delegate to" (/to/1)'],
      [{ action: 'delegate', to: HR }, 'en', 'BATON_E_TASK_TARGET_SELF', '/to', 'you already hold this task'],
      [{ action: 'transfer', to: HR }, 'zh-CN', 'BATON_E_TASK_TARGET_SELF', '/to', '您本人已是此任务的处理人'],
      // The interview is HR's (handOverTo: candidates): not for the manager, however senior.
      [{ action: 'delegate', to: MANAGER }, 'en', 'BATON_E_FLOW_TARGET_NOT_CANDIDATE', '/to', 'is not among role:hr'],
      [{ action: 'delegate', to: [HR_2, MANAGER] }, 'zh-CN', 'BATON_E_FLOW_TARGET_NOT_CANDIDATE', '/to/1', '不属于此步骤的处理范围'],
    ] as const;
    for (const [payload, locale, code, path, words] of cases) {
      const { status, error } = await refused(ctx(), hr, task.id, locale, payload);
      expect(status, JSON.stringify(error)).toBe(422);
      expect(error).toMatchObject({ code, path });
      expect(error.message).toContain(words);
    }
    // Nothing moved: the leaver has no task, HR still holds the interview.
    expect((await ok(ctx(), await people.token(LEAVER), 'GET', `/api/tasks?instanceId=${id}`)).items).toEqual([]);
    expect((await taskAt(ctx(), hr, id, 'hrInterview')).id).toBe(task.id);
    // Another HR colleague may take it.
    await act(ctx(), hr, id, 'hrInterview', { action: 'delegate', to: HR_2 });
    expect((await taskAt(ctx(), await people.token(HR_2), id, 'hrInterview')).assignees).toEqual([HR_2]);
  });

  it("a withdrawal's reason reads as its comment on the timeline", async () => {
    const leaver = await people.token(LEAVER);
    const view = await ok(ctx(), leaver, 'POST', `/api/instances/${id}/cancel`, { reason: '决定留任' });
    expect(view.status).toBe('withdrawn');
    expect(view.history.find((h: Json) => h.type === 'flow.withdrawn')).toMatchObject({ comment: '决定留任' });
  });
});
