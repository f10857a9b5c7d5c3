import { expect, it } from 'vitest';
import { forEachDatabase } from '../harness/for-each-database.js';
import { publish } from '../harness/publish-definition.js';
import { badgeRule, directory, exitFlow, exitForm, notifyRule } from './fixtures/exit-flow.js';

type Json = Record<string, any>;

forEachDatabase('instances and tasks', (ctx) => {
  const tokens: Record<string, string> = {};
  const as = (user: string) => tokens[user]!;
  const openTaskOf = async (user: string, instanceId: string): Promise<Json> => {
    const res = await ctx().call({ method: 'GET', url: `/api/tasks?mine=true&status=open&instanceId=${instanceId}`, token: as(user) });
    expect(res.statusCode).toBe(200);
    expect(res.json().items, `${user} should have one open task`).toHaveLength(1);
    return res.json().items[0];
  };
  const act = (user: string, taskId: string, payload: Json) =>
    ctx().call({ method: 'POST', url: `/api/tasks/${taskId}/actions`, payload, token: as(user) });
  const start = (user: string, data: Json, extra: Json = {}) =>
    ctx().call({ method: 'POST', url: '/api/flows/exit/instances', payload: { data, ...extra }, token: as(user) });
  const goodData = { employeeId: 'emp', lastWorkingDay: '2025-07-31', reason: 'family' };
  let instanceId = '';

  it('sets up: directory first, then the form, flow and rules are published', async () => {
    const imported = await ctx().call({ method: 'POST', url: '/api/directory/import', payload: directory });
    expect(imported.statusCode).toBe(200);
    for (const user of directory.users) tokens[user.id] = await ctx().tokenFor(user.id, []);
    for (const def of [exitForm, exitFlow, badgeRule, notifyRule]) await publish(ctx(), def);
  });

  it('refuses bad start data with 422 and the fields\' paths', async () => {
    const res = await start('emp', { lastWorkingDay: 'next week', interviewNotes: 'sneaky' });
    expect(res.statusCode).toBe(422);
    const { error } = res.json();
    expect(error.code).toBe('BATON_E_DATA_INVALID');
    const paths = error.issues.map((i: Json) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['/data/employeeId', '/data/lastWorkingDay', '/data/interviewNotes']));
    expect(await ctx().database.db.selectFrom('instances').select('id').execute()).toHaveLength(0);
  });

  it('refuses unknown body properties and starting on behalf of someone without HR', async () => {
    const unknown = await start('emp', goodData, { colour: 'red' });
    expect(unknown.statusCode).toBe(400);
    const onBehalf = await start('emp', goodData, { initiator: 'mgr' });
    expect(onBehalf.statusCode).toBe(403);
    expect(onBehalf.json().error.code).toBe('BATON_E_INITIATOR_NOT_ALLOWED');
  });

  it('starts an instance: 201, the manager gets the approval, HR is notified through the outbox', async () => {
    const res = await start('emp', goodData, { businessKey: 'exit-emp' });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    instanceId = body.id;
    expect(body).toMatchObject({ flowKey: 'exit', flowVersion: 1, status: 'running', initiator: 'emp', subjectId: 'emp', businessKey: 'exit-emp', activeNodes: ['managerApproval'] });
    expect(body.openTasks).toHaveLength(1);
    expect(body.openTasks[0]).toMatchObject({ nodeId: 'managerApproval', assignees: ['mgr'], status: 'open', source: 'flow' });
    expect(body.history.map((h: Json) => h.type)).toContain('flow.started');
    const outbox = await ctx().database.db.selectFrom('outbox').selectAll().where('instance_id', '=', instanceId).execute();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]!.effect).toMatchObject({ type: 'notify', to: ['hr1'], title: { en: 'New exit: Zhang San' } });
    const again = await start('hr1', goodData, { businessKey: 'exit-emp', initiator: 'emp' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('BATON_E_BUSINESS_KEY_TAKEN');
  });

  it('hides the instance from an unrelated user (404) and shows it to the manager', async () => {
    const outsider = await ctx().call({ method: 'GET', url: `/api/instances/${instanceId}`, token: as('outsider') });
    expect(outsider.statusCode).toBe(404);
    expect(outsider.json().error.code).toBe('BATON_E_INSTANCE_NOT_FOUND');
    const missing = await ctx().call({ method: 'GET', url: '/api/instances/nope', token: as('outsider') });
    expect(missing.json().error.code).toBe('BATON_E_INSTANCE_NOT_FOUND');
    expect((await ctx().call({ method: 'GET', url: `/api/instances/${instanceId}`, token: as('mgr') })).statusCode).toBe(200);
  });

  it('refuses an action by someone who is not an assignee with 403', async () => {
    const task = await openTaskOf('mgr', instanceId);
    const res = await act('emp', task.id, { action: 'approve' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('BATON_E_FLOW_NOT_ASSIGNEE');
    const outsider = await act('outsider', task.id, { action: 'approve' });
    expect(outsider.statusCode).toBe(404);
  });

  it('returns to the initiator, who resubmits with changed data', async () => {
    const task = await openTaskOf('mgr', instanceId);
    const returned = await act('mgr', task.id, { action: 'return', comment: 'Give a clearer reason' });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json().task).toMatchObject({ status: 'completed', outcome: 'return', comment: 'Give a clearer reason' });
    const resubmit = await openTaskOf('emp', instanceId);
    expect(resubmit).toMatchObject({ nodeId: 'request', actions: ['resubmit'] });
    const done = await act('emp', resubmit.id, { action: 'resubmit', data: { reason: 'moving to another city' } });
    expect(done.statusCode, done.body).toBe(200);
    const again = await openTaskOf('mgr', instanceId);
    expect(again.id).not.toBe(task.id);
  });

  it('approves (audited with the comment), which opens the HR interview', async () => {
    const task = await openTaskOf('mgr', instanceId);
    const res = await act('mgr', task.id, { action: 'approve', comment: 'OK' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().instance).toMatchObject({ id: instanceId, status: 'running' });
    const audit = await ctx().database.db.selectFrom('audit_log').selectAll().where('subject_id', '=', instanceId).where('action', '=', 'task.approve').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'mgr', subject_kind: 'instance' });
    expect(audit[0]!.data).toMatchObject({ taskId: task.id, comment: 'OK' });
  });

  it('enforces the HR step: gate, read-only field (422), then completes into parallel tasks', async () => {
    const task = await openTaskOf('hr1', instanceId);
    expect(task.nodeId).toBe('hrInterview');
    const gate = await act('hr1', task.id, { action: 'complete', data: { interviewNotes: 'Fine' } });
    expect(gate.statusCode).toBe(409);
    expect(gate.json().error.code).toBe('BATON_E_FLOW_GATE_NOT_MET');
    const readonly = await act('hr1', task.id, { action: 'complete', data: { assetsReturned: true, reason: 'changed by HR' } });
    expect(readonly.statusCode).toBe(422);
    expect(readonly.json().error).toMatchObject({ code: 'BATON_E_FIELD_NOT_EDITABLE', path: '/data/reason' });
    const badType = await act('hr1', task.id, { action: 'complete', data: { assetsReturned: 'yes' } });
    expect(badType.statusCode).toBe(422);
    expect(badType.json().error.issues[0].path).toBe('/data/assetsReturned');
    const ok = await act('hr1', task.id, { action: 'complete', data: { assetsReturned: true, interviewNotes: 'Leaves on good terms' } });
    expect(ok.statusCode, ok.body).toBe(200);
    const view = await ctx().call({ method: 'GET', url: `/api/instances/${instanceId}`, token: as('hr1') });
    expect(view.json().activeNodes.sort()).toEqual(['finance', 'itAccess']);
  });

  it('answers 409 with a code when a completed task is acted on again', async () => {
    const tasks = await ctx().call({ method: 'GET', url: `/api/tasks?mine=true&status=completed&instanceId=${instanceId}`, token: as('hr1') });
    const done = tasks.json().items.find((t: Json) => t.nodeId === 'hrInterview');
    const res = await act('hr1', done.id, { action: 'complete' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('BATON_E_FLOW_TASK_CLOSED');
  });

  it('projects the data: the employee and the manager never see the interview notes, HR does', async () => {
    const hr = await ctx().call({ method: 'GET', url: `/api/instances/${instanceId}`, token: as('hr1') });
    expect(hr.json().data).toMatchObject({ interviewNotes: 'Leaves on good terms', reason: 'moving to another city' });
    for (const user of ['emp', 'mgr']) {
      const res = await ctx().call({ method: 'GET', url: `/api/instances/${instanceId}`, token: as(user) });
      expect(res.statusCode).toBe(200);
      expect(res.json().data).not.toHaveProperty('interviewNotes');
      expect(res.json().data).toMatchObject({ employeeId: 'emp', reason: 'moving to another city' });
      expect(JSON.stringify(res.json())).not.toContain('Leaves on good terms');
    }
    const task = await openTaskOf('it1', instanceId);
    const detail = await ctx().call({ method: 'GET', url: `/api/tasks/${task.id}`, token: as('it1') });
    expect(detail.json()).toMatchObject({ id: task.id, flowKey: 'exit', data: { interviewNotes: 'Leaves on good terms' } });
  });

  it('ran the rule on task.completed: security has a task, and completing it is recorded', async () => {
    const task = await openTaskOf('sec1', instanceId);
    expect(task).toMatchObject({ source: 'rule', title: { en: 'Collect the badge of Zhang San' }, actions: ['complete'], instanceId });
    const res = await act('sec1', task.id, { action: 'complete', comment: 'badge collected' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().task).toMatchObject({ status: 'completed', completedBy: 'sec1' });
    const again = await act('sec1', task.id, { action: 'complete' });
    expect(again.statusCode).toBe(409);
    // The security officer took part, so they see the instance (as its initiator does).
    const view = await ctx().call({ method: 'GET', url: `/api/instances/${instanceId}`, token: as('sec1') });
    expect(view.statusCode).toBe(200);
    expect(view.json().data).not.toHaveProperty('interviewNotes');
  });

  it('completes both parallel branches and ends the instance; history and outbox are consistent', async () => {
    for (const user of ['it1', 'fin1']) {
      const task = await openTaskOf(user, instanceId);
      expect((await act(user, task.id, { action: 'complete' })).statusCode).toBe(200);
    }
    const view = await ctx().call({ method: 'GET', url: `/api/instances/${instanceId}`, token: as('emp') });
    expect(view.json()).toMatchObject({ status: 'completed', openTasks: [], activeNodes: [] });
    expect(view.json().completedAt).not.toBeNull();
    const seqs = view.json().history.map((h: Json) => h.seq);
    expect(seqs).toEqual(seqs.map((_: number, i: number) => i + 1));
    expect(view.json().history.map((h: Json) => h.type)).toEqual(expect.arrayContaining(['task.created', 'task.completed', 'flow.completed']));
    const db = ctx().database.db;
    const keys = await db.selectFrom('outbox').select('idempotency_key').execute();
    expect(new Set(keys.map((k) => k.idempotency_key)).size).toBe(keys.length);
    const row = await db.selectFrom('instances').select(['version', 'history_seq']).where('id', '=', instanceId).executeTakeFirstOrThrow();
    expect(row.history_seq).toBe(seqs.length);
  });

  it('lets HR start on behalf of an employee and cancel; the employee sees it, tasks are cancelled', async () => {
    const res = await start('hr1', { ...goodData, employeeId: 'emp' }, { initiator: 'emp' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().initiator).toBe('emp');
    const id = res.json().id;
    const notAllowed = await ctx().call({ method: 'POST', url: `/api/instances/${id}/cancel`, payload: {}, token: as('mgr') });
    expect(notAllowed.statusCode).toBe(403);
    const cancel = await ctx().call({ method: 'POST', url: `/api/instances/${id}/cancel`, payload: { reason: 'entered twice' }, token: as('hr1') });
    expect(cancel.statusCode, cancel.body).toBe(200);
    expect(cancel.json()).toMatchObject({ status: 'cancelled', openTasks: [] });
    const tasks = await ctx().database.db.selectFrom('tasks').select('status').where('instance_id', '=', id).execute();
    expect(tasks.map((t) => t.status)).toEqual(['cancelled']);
    const again = await ctx().call({ method: 'POST', url: `/api/instances/${id}/cancel`, payload: {}, token: as('hr1') });
    expect(again.statusCode).toBe(409);
  });

  it('delegates: the delegate acts on behalf of the manager, who still sees the instance', async () => {
    const res = await start('emp', goodData);
    const id = res.json().id;
    const task = await openTaskOf('mgr', id);
    // A target nobody in the directory has is refused with its path, and the task stays the manager's.
    const ghost = await act('mgr', task.id, { action: 'delegate', to: 'ghost', comment: 'on leave' });
    expect(ghost.statusCode, ghost.body).toBe(422);
    expect(ghost.json().error).toMatchObject({ code: 'BATON_E_PERSON_NOT_FOUND', path: '/to' });
    expect(ghost.json().error.message).toContain('"Delegate to"');
    expect((await openTaskOf('mgr', id)).id).toBe(task.id);
    const delegated = await act('mgr', task.id, { action: 'delegate', to: 'hr1', comment: 'on leave' });
    expect(delegated.statusCode, delegated.body).toBe(200);
    expect(delegated.json().task.status).toBe('reassigned');
    const mine = await openTaskOf('hr1', id);
    expect(mine).toMatchObject({ nodeId: 'managerApproval', assignees: ['hr1'], onBehalfOf: 'mgr' });
    expect((await ctx().call({ method: 'GET', url: `/api/instances/${id}`, token: as('mgr') })).statusCode).toBe(200);
    // The same Idempotency-Key replays the stored answer and changes nothing.
    const headers = { 'idempotency-key': 'approve-once' };
    const first = await ctx().call({ method: 'POST', url: `/api/tasks/${mine.id}/actions`, payload: { action: 'approve' }, headers, token: as('hr1') });
    const replay = await ctx().call({ method: 'POST', url: `/api/tasks/${mine.id}/actions`, payload: { action: 'approve' }, headers, token: as('hr1') });
    expect(first.statusCode).toBe(200);
    expect(replay.statusCode).toBe(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(first.json());
    const audit = await ctx().database.db.selectFrom('audit_log').select('seq').where('subject_id', '=', id).where('action', '=', 'task.approve').execute();
    expect(audit).toHaveLength(1);
  });

  it('lets exactly one of 20 parallel approvals through: one transition, one audit entry', async () => {
    const res = await start('emp', goodData);
    const id = res.json().id;
    const task = await openTaskOf('mgr', id);
    const results = await Promise.all(Array.from({ length: 20 }, () => act('mgr', task.id, { action: 'approve' })));
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 200)).toHaveLength(1);
    expect(codes.filter((c) => c !== 200).every((c) => c === 409)).toBe(true);
    const db = ctx().database.db;
    const completions = await db.selectFrom('history').select('seq').where('instance_id', '=', id).where('type', '=', 'task.completed').execute();
    expect(completions).toHaveLength(1);
    const audit = await db.selectFrom('audit_log').select('seq').where('subject_id', '=', id).where('action', '=', 'task.approve').execute();
    expect(audit).toHaveLength(1);
    const verify = await ctx().call({ method: 'GET', url: '/api/audit/verify' });
    expect(verify.json().ok).toBe(true);
  });
});
