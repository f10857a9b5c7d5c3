import type { FastifyInstance, InjectOptions } from 'fastify';
import { sql } from 'kysely';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/app/build-app.js';
import { forEachDatabase } from '../harness/for-each-database.js';

type Json = Record<string, any>;
const t = (en: string, zh: string) => ({ en, 'zh-CN': zh });

// Every secret in this suite carries the canary; no other value does.
const CANARY = 'CANARY';
const BANK = 'CANARY6222021234567894514';
const PW_ERP = 'CANARYpw-erp-Xq9';
const PW_CRM = 'CANARYpw-crm-Lm3';
const PW_ERP_NEW = 'CANARYpw-erp-NEW7';
const PIN = 'CANARYpin-4711';
const PIN_NEW = 'CANARYpin-9999';
const LOCKER = 'CANARYlocker-0815';

const directory = {
  departments: [{ id: 'd-fin', name: 'Finance', headId: 'mgr' }],
  users: [
    { id: 'emp', name: 'Zhang San', departmentId: 'd-fin', managerId: 'mgr', roles: [] },
    { id: 'mgr', name: 'Li Si', departmentId: 'd-fin', roles: [] },
    { id: 'hr1', name: 'Wang HR', roles: ['hr'] },
    { id: 'it1', name: 'Zhao IT', roles: ['it'] },
    { id: 'sec1', name: 'Sun Security', roles: ['security'] },
    { id: 'outsider', name: 'Zhou Outsider', roles: [] },
  ],
};

const exitForm = {
  kind: 'form',
  key: 'payroll-exit',
  title: t('Payroll exit', '离职结算'),
  fields: [
    { key: 'employeeId', type: 'user', label: t('Employee', '员工'), required: true },
    // maxLength 40: a sealed value is far longer, so validation passing later proves it saw the clear value.
    { key: 'bankAccount', type: 'secret', label: t('Bank account', '银行账号'), required: true, config: { maxLength: 40, revealTo: ['hr'] } },
    { key: 'note', type: 'text', label: t('Note', '备注') },
    {
      key: 'accounts',
      type: 'sub-table',
      label: t('Accounts to hand over', '待交接账号'),
      fields: [
        { key: 'system', type: 'text', label: t('System', '系统'), required: true },
        { key: 'password', type: 'secret', label: t('Password', '密码'), config: { revealTo: ['it'] } },
      ],
    },
  ],
};
const exitFlow = {
  kind: 'flow',
  key: 'payroll-exit',
  title: t('Payroll exit', '离职结算'),
  form: 'payroll-exit',
  nodes: [
    { id: 'request', type: 'start', name: t('Request', '申请') },
    { id: 'approve', type: 'approval', name: t('Approve', '审批'), config: { assignees: [{ kind: 'manager-of', path: 'employeeId' }] } },
    { id: 'handover', type: 'task', name: t('Hand over accounts', '交接账号'), config: { assignees: [{ kind: 'role', role: 'it' }] } },
    { id: 'end', type: 'end', name: t('End', '结束') },
  ],
  edges: [
    { id: 'e1', from: 'request', to: 'approve' },
    { id: 'e2', from: 'approve', to: 'handover' },
    { id: 'e3', from: 'handover', to: 'end' },
  ],
};
const vaultForm = {
  kind: 'form',
  key: 'vault',
  title: t('Safe codes', '保险柜密码'),
  collection: true,
  fields: [
    { key: 'label', type: 'text', label: t('Safe', '保险柜'), required: true },
    { key: 'pin', type: 'secret', label: t('PIN', '密码'), config: { revealTo: ['hr'] } },
  ],
};

// A rule gives security a to-do whose own form holds a secret.
const lockerForm = {
  kind: 'form',
  key: 'locker',
  title: t('Locker', '储物柜'),
  fields: [{ key: 'lockerCode', type: 'secret', label: t('Locker code', '储物柜密码'), required: true }],
};
const lockerRule = {
  kind: 'rule',
  key: 'payroll-exit-locker',
  title: t('Security collects the locker code', '安保收回储物柜密码'),
  scope: { flow: 'payroll-exit' },
  trigger: { type: 'flow-started' },
  actions: [{ type: 'create-task', params: { title: t('Collect the locker code', '收回储物柜密码'), assignees: [{ kind: 'role', role: 'security' }], form: 'locker' } }],
};

const MASK = { sealed: true, masked: '••••••', ref: expect.any(String) };

forEachDatabase('secret fields: sealed at rest, masked in answers, revealed to allowed roles', (ctx) => {
  const tokens: Record<string, string> = {};
  const logLines: string[] = [];
  let logged: FastifyInstance;
  let instanceId = '';
  // Every request of this suite goes through an app whose pino output is captured at trace level.
  const call = (user: string, options: InjectOptions) =>
    logged.inject({ ...options, headers: { authorization: `Bearer ${tokens[user]}`, ...options.headers } });
  const reveal = (user: string, path: string, headers: Record<string, string> = {}) =>
    call(user, { method: 'POST', url: `/api/instances/${instanceId}/secrets/reveal`, payload: { path }, headers });
  const openTask = async (user: string): Promise<Json> => {
    const res = await call(user, { method: 'GET', url: `/api/tasks?mine=true&status=open&instanceId=${instanceId}` });
    expect(res.json().items, `${user} has one open task`).toHaveLength(1);
    return res.json().items[0];
  };
  const storedData = async () => (await ctx().database.db.selectFrom('instances').select('data').where('id', '=', instanceId).executeTakeFirstOrThrow()).data as Json;

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(chunk.toString('utf8'));
        done();
      },
    });
    logged = await buildApp({ db: ctx().database, config: ctx().config, logger: { level: 'trace', stream: sink } });
    await logged.ready();
    const imported = await ctx().call({ method: 'POST', url: '/api/directory/import', payload: directory });
    expect(imported.statusCode, imported.body).toBe(200);
    for (const user of directory.users) tokens[user.id] = await ctx().tokenFor(user.id, []);
    tokens.admin = ctx().adminToken;
    tokens.designer = await ctx().tokenFor('designer1', ['designer']);
    for (const def of [exitForm, exitFlow, vaultForm, lockerForm, lockerRule]) {
      const saved = await ctx().call({ method: 'POST', url: '/api/definitions', payload: def });
      expect(saved.statusCode, saved.body).toBeLessThan(300);
      const published = await ctx().call({ method: 'POST', url: `/api/definitions/${def.kind}/${def.key}/publish` });
      expect(published.statusCode, published.body).toBe(200);
    }
  });
  afterAll(async () => logged?.close());

  it('validates the clear value at submission (maxLength 40) without echoing it', async () => {
    const tooLong = `${CANARY}-${'9'.repeat(40)}`;
    const res = await call('emp', { method: 'POST', url: '/api/flows/payroll-exit/instances', payload: { data: { employeeId: 'emp', bankAccount: tooLong } } });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.issues.map((i: Json) => i.path)).toEqual(['/data/bankAccount']);
    expect(res.body).not.toContain(CANARY);
  });

  it('starts with secrets: every one sealed in the database and masked in the answer', async () => {
    const res = await call('emp', {
      method: 'POST',
      url: '/api/flows/payroll-exit/instances',
      payload: { data: { employeeId: 'emp', bankAccount: BANK, accounts: [{ system: 'erp', password: PW_ERP }, { system: 'crm', password: PW_CRM }] } },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.body).not.toContain(CANARY);
    instanceId = res.json().id;
    expect(res.json().data).toEqual({
      employeeId: 'emp',
      bankAccount: MASK,
      accounts: [
        { system: 'erp', password: MASK },
        { system: 'crm', password: MASK },
      ],
    });
    const stored = await storedData();
    expect(stored.bankAccount).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(stored.accounts[0].password).toMatch(/^v1\./);
    expect(stored.accounts[0].system).toBe('erp');
  });

  it('seals the secret a rule task\'s own form collects, and masks it in the task', async () => {
    const list = await call('sec1', { method: 'GET', url: '/api/tasks?mine=true&status=open' });
    const task = list.json().items[0];
    expect(task).toMatchObject({ source: 'rule', formKey: 'locker', instanceId });
    const done = await call('sec1', { method: 'POST', url: `/api/tasks/${task.id}/actions`, payload: { action: 'complete', data: { lockerCode: LOCKER } } });
    expect(done.statusCode, done.body).toBe(200);
    const row = await ctx().database.db.selectFrom('tasks').select('data').where('id', '=', task.id).executeTakeFirstOrThrow();
    expect(row.data.lockerCode).toMatch(/^v1\./);
    const detail = await call('sec1', { method: 'GET', url: `/api/tasks/${task.id}` });
    expect(detail.json().data).toEqual({ lockerCode: MASK });
  });

  it('keeps a secret whose mask is sent back, refuses a mask that names nothing, and validates sealed data in clear', async () => {
    const before = await storedData();
    const task = await openTask('mgr');
    const view = (await call('mgr', { method: 'GET', url: `/api/instances/${instanceId}` })).json();
    const forged = await call('mgr', { method: 'POST', url: `/api/tasks/${task.id}/actions`, payload: { action: 'approve', data: { bankAccount: { ...view.data.bankAccount, ref: 'not-a-ref' } } } });
    expect(forged.statusCode).toBe(422);
    expect(forged.json().error).toMatchObject({ code: 'BATON_E_SECRET_MASK_UNKNOWN', path: '/data/bankAccount' });
    // The whole form sent back as shown, plus a note: validation runs on the merged data, whose sealed
    // bank account (far over maxLength 40) passes only because it is validated in clear.
    const approved = await call('mgr', {
      method: 'POST',
      url: `/api/tasks/${task.id}/actions`,
      payload: { action: 'approve', data: { ...view.data, note: 'approved' } },
    });
    expect(approved.statusCode, approved.body).toBe(200);
    const after = await storedData();
    expect(after.bankAccount).toBe(before.bankAccount);
    expect(after.accounts).toEqual(before.accounts);
    expect(after.note).toBe('approved');
  });

  it('reveals to the roles a field allows and admins, audited without the value; others get 403 or 404', async () => {
    const hr = await reveal('hr1', '/data/bankAccount');
    expect(hr.statusCode, hr.body).toBe(200);
    expect(hr.json()).toEqual({ path: '/data/bankAccount', value: BANK });
    expect(hr.headers['cache-control']).toBe('no-store');
    const it1 = await reveal('it1', '/data/accounts/1/password');
    expect(it1.json()).toEqual({ path: '/data/accounts/1/password', value: PW_CRM });
    expect((await reveal('admin', '/data/accounts/0/password')).json().value).toBe(PW_ERP);

    for (const [user, path] of [['it1', '/data/bankAccount'], ['mgr', '/data/bankAccount'], ['emp', '/data/bankAccount'], ['hr1', '/data/accounts/0/password']] as const) {
      const denied = await reveal(user, path);
      expect(denied.statusCode, `${user} ${path}`).toBe(403);
      expect(denied.json().error).toMatchObject({ code: 'BATON_E_SECRET_REVEAL_FORBIDDEN', path: '/path' });
      expect(denied.body).not.toContain(CANARY);
    }
    const outsider = await reveal('outsider', '/data/bankAccount');
    expect(outsider.statusCode).toBe(404);
    expect(outsider.json().error.code).toBe('BATON_E_INSTANCE_NOT_FOUND');
    expect((await reveal('hr1', '/data/note')).json().error.code).toBe('BATON_E_SECRET_PATH_INVALID');
    expect((await reveal('it1', '/data/accounts/7/password')).json().error.code).toBe('BATON_E_SECRET_NOT_FOUND');
    expect((await reveal('hr1', '/bankAccount')).statusCode).toBe(400);

    const audit = await ctx().database.db.selectFrom('audit_log').selectAll().where('action', '=', 'secret.revealed').where('subject_id', '=', instanceId).orderBy('seq').execute();
    expect(audit.map((a) => [a.actor, a.data])).toEqual([
      ['hr1', { path: '/data/bankAccount', field: 'bankAccount' }],
      ['it1', { path: '/data/accounts/1/password', field: 'accounts.password' }],
      ['admin', { path: '/data/accounts/0/password', field: 'accounts.password' }],
    ]);
  });

  it('never stores a revealed value for Idempotency-Key replays', async () => {
    const res = await reveal('hr1', '/data/bankAccount', { 'idempotency-key': 'reveal-once' });
    expect(res.json().value).toBe(BANK);
    const again = await reveal('hr1', '/data/bankAccount', { 'idempotency-key': 'reveal-once' });
    expect(again.headers['idempotent-replayed']).toBeUndefined();
    expect(await ctx().database.db.selectFrom('idempotency_keys').selectAll().where('key', '=', 'reveal-once').execute()).toEqual([]);
  });

  it('changes one row\'s secret while rows move: masks follow their value, history holds sealed values only', async () => {
    const task = await openTask('it1');
    const detail = (await call('it1', { method: 'GET', url: `/api/tasks/${task.id}` })).json();
    expect(detail.data.accounts[1].password).toEqual(MASK);
    expect(JSON.stringify(detail)).not.toContain(CANARY);
    const [erp, crm] = detail.data.accounts as Json[];
    const done = await call('it1', {
      method: 'POST',
      url: `/api/tasks/${task.id}/actions`,
      payload: { action: 'complete', data: { accounts: [crm, { system: erp!.system, password: PW_ERP_NEW }] } },
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().instance.status).toBe('completed');
    expect((await reveal('it1', '/data/accounts/0/password')).json().value).toBe(PW_CRM);
    expect((await reveal('it1', '/data/accounts/1/password')).json().value).toBe(PW_ERP_NEW);
    // Still readable after the flow ended: the sealed values survived every step.
    expect((await reveal('hr1', '/data/bankAccount')).json().value).toBe(BANK);

    const history = await ctx().database.db.selectFrom('history').select(['type', 'payload']).where('instance_id', '=', instanceId).where('type', '=', 'data.changed').execute();
    expect(history.length).toBeGreaterThan(0);
    const changed = history.at(-1)!.payload as Json;
    expect(changed.payload.patch.accounts[1].password).toMatch(/^v1\./);
    expect(changed.previous.accounts[0].password).toMatch(/^v1\./);
    expect(changed.payload.patch.accounts[1].password).not.toBe(changed.previous.accounts[0].password);
  });

  it('seals record secrets too: masked in lists, kept by a mask, changed by a value, revealed to HR only', async () => {
    const created = await call('hr1', { method: 'POST', url: '/api/records/vault', payload: { data: { label: 'Safe A', pin: PIN } } });
    expect(created.statusCode, created.body).toBe(201);
    const record = created.json();
    expect(record.data.pin).toEqual(MASK);
    const list = await call('designer', { method: 'GET', url: '/api/records/vault' });
    expect(list.json().items[0].data.pin).toEqual(MASK);
    const url = `/api/records/vault/${record.id}/secrets/reveal`;
    const denied = await call('designer', { method: 'POST', url, payload: { path: '/data/pin' } });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.code).toBe('BATON_E_SECRET_REVEAL_FORBIDDEN');
    expect((await call('hr1', { method: 'POST', url, payload: { path: '/data/pin' } })).json().value).toBe(PIN);

    const kept = await call('hr1', { method: 'PATCH', url: `/api/records/vault/${record.id}`, payload: { data: { ...record.data, label: 'Safe B' }, version: record.version } });
    expect(kept.statusCode, kept.body).toBe(200);
    expect((await call('hr1', { method: 'POST', url, payload: { path: '/data/pin' } })).json().value).toBe(PIN);
    const changed = await call('hr1', { method: 'PATCH', url: `/api/records/vault/${record.id}`, payload: { data: { pin: PIN_NEW }, version: kept.json().version } });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await call('hr1', { method: 'POST', url, payload: { path: '/data/pin' } })).json().value).toBe(PIN_NEW);
    const audit = await ctx().database.db.selectFrom('audit_log').select(['actor', 'data']).where('action', '=', 'secret.revealed').where('subject_id', '=', `vault/${record.id}`).execute();
    expect(audit).toHaveLength(3);
  });

  it('leaves no canary in any table, in any answer stored for replay, or in the logs', async () => {
    const db = ctx().database.db;
    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(db);
    expect(tables.rows.map((r) => r.table_name)).toEqual(expect.arrayContaining(['instances', 'history', 'tasks', 'records', 'audit_log', 'outbox', 'idempotency_keys']));
    let rowsSearched = 0;
    for (const { table_name } of tables.rows) {
      const rows = await sql<{ text: string }>`select t::text as text from ${sql.table(table_name)} t`.execute(db);
      rowsSearched += rows.rows.length;
      const leaked = rows.rows.filter((r) => r.text.includes(CANARY));
      expect(leaked, `table ${table_name}`).toEqual([]);
    }
    expect(rowsSearched).toBeGreaterThan(20);
    expect(logLines.length).toBeGreaterThan(20);
    expect(logLines.filter((line) => line.includes(CANARY))).toEqual([]);
  });
});

