import { expect, it } from 'vitest';
import { forEachDatabase, type TestContext } from '../harness/for-each-database.js';
import { approverStep, oneStepFlow, requestFields, t } from '../harness/one-step-flow.js';

type Json = Record<string, any>;

const form = { kind: 'form', key: 'loan-request', version: 1, title: t('Loan request', '借用申请'), fields: requestFields };
const flow = { ...oneStepFlow({ key: 'loan', title: t('Loan', '借用'), form: 'loan-request' }, approverStep), version: 1 };
const keeper = { kind: 'form', key: 'keeper', version: 1, title: t('Keeper', '保留'), fields: [{ key: 'note', type: 'text', label: t('Note', '备注') }] };

/** Version 1 brings the loan flow and its form; version 2 brings only `keeper`. */
const bundle = (version: number, definitions: Json[]) => ({
  manifest: {
    kind: 'pack', key: 'loans', version, title: t('Loans', '借用'), engine: '^0.1.0',
    definitions: definitions.map((d) => ({ kind: d.kind, key: d.key, definition: d })),
  },
});

const call = async (c: TestContext, method: 'GET' | 'POST', url: string, payload?: Json, token?: string) => {
  const res = await c.call({ method, url, ...(payload ? { payload } : {}), ...(token ? { token } : {}) });
  return { status: res.statusCode, body: res.json() as Json };
};

forEachDatabase('pack upgrade: a dropped flow and form are archived, instances on them run on', (ctx) => {
  let running = '';
  let approver = '';

  it('imports version 1 and starts an instance of its flow', async () => {
    const c = ctx();
    expect((await call(c, 'POST', '/api/directory/import', { users: [{ id: 'employee', name: 'E', roles: [] }, { id: 'approver', name: 'A', roles: [] }] })).status).toBe(200);
    expect((await call(c, 'POST', '/api/packs/import', bundle(1, [form, flow, keeper]))).status).toBe(201);
    const started = await call(c, 'POST', '/api/flows/loan/instances', { data: { employeeId: 'employee' } }, await c.tokenFor('employee', []));
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    running = started.body.id;
    approver = await c.tokenFor('approver', []);
  });

  it('a failing upgrade retires nothing (one transaction)', async () => {
    const c = ctx();
    const broken = { ...keeper, fields: [{ key: 'note', type: 'no-such-type', label: t('Note', '备注') }] };
    expect((await call(c, 'POST', '/api/packs/import', bundle(2, [broken]))).status).toBe(422);
    expect((await call(c, 'GET', '/api/definitions/flow/loan')).body.status).toBe('published');
  });

  it('version 2 archives them: no new instance, readable by version, the running one finishes', async () => {
    const c = ctx();
    const upgrade = await call(c, 'POST', '/api/packs/import', bundle(2, [keeper]));
    expect(upgrade.status, JSON.stringify(upgrade.body)).toBe(201);
    expect(upgrade.body.retired).toEqual(expect.arrayContaining([{ kind: 'form', key: 'loan-request', version: 1 }, { kind: 'flow', key: 'loan', version: 1 }]));
    expect(upgrade.body.retired).toHaveLength(2);
    expect(upgrade.body.kept).toEqual([]);
    expect(upgrade.body.unchanged).toEqual([{ kind: 'form', key: 'keeper', version: 1 }]);

    expect((await call(c, 'POST', '/api/flows/loan/instances', { data: { employeeId: 'employee' } }, await c.tokenFor('employee', []))).status).toBe(404);
    const old = await call(c, 'GET', '/api/definitions/flow/loan?version=1');
    expect(old.status).toBe(200);
    expect(old.body.status).toBe('archived');
    const listed = await call(c, 'GET', '/api/definitions?status=published&limit=500');
    expect(listed.body.items.map((d: Json) => d.key)).toEqual(['keeper']);

    const view = await call(c, 'GET', `/api/instances/${running}`);
    expect(view.status).toBe(200);
    const done = await call(c, 'POST', `/api/tasks/${view.body.openTasks[0].id}/actions`, { action: 'approve' }, approver);
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect((await call(c, 'GET', `/api/instances/${running}`)).body.status).toBe('completed');
  });

  it('a later version that brings the flow back publishes it as its next version', async () => {
    const c = ctx();
    const back = await call(c, 'POST', '/api/packs/import', bundle(3, [form, flow, keeper]));
    expect(back.status).toBe(201);
    expect(back.body.imported).toEqual(expect.arrayContaining([{ kind: 'flow', key: 'loan', version: 2 }]));
    expect((await call(c, 'GET', '/api/definitions/flow/loan')).body.version).toBe(2);
  });
});
