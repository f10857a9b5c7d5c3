import { sql } from 'kysely';
import { expect } from 'vitest';
import type { TestContext } from '../harness/for-each-database.js';
import { publish } from '../harness/publish-definition.js';

// Definitions for the worker suites: a timer step, an SLA, date-offset rules, setData and startFlow.
const t = (en: string, zh: string) => ({ en, 'zh-CN': zh });
const node = (id: string, type: string, config?: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  id, type, name: t(id, id), ...(config ? { config } : {}), ...extra,
});
const chain = (...ids: string[]) => ids.slice(1).map((to, i) => ({ id: `e${i + 1}`, from: ids[i]!, to }));

type Json = Record<string, any>;

// The execution suites' people (a superset of what these tests need), so both suites share one cast.
import { directory } from '../api/fixtures/exit-flow.js';

export { directory };

export const leaveForm = {
  kind: 'form',
  key: 'leave',
  title: t('Leaving', '离职'),
  fields: [
    { key: 'employeeId', type: 'user', label: t('Employee', '员工'), required: true },
    { key: 'lastWorkingDay', type: 'date', label: t('Last working day', '最后工作日'), required: true },
    { key: 'note', type: 'text', label: t('Note', '备注') },
  ],
};

/** start → wait 1 hour → HR task → end */
export const waitFlow = {
  kind: 'flow', key: 'wait', title: t('Wait', '等待'), form: 'leave', timeZone: 'Asia/Shanghai',
  nodes: [node('start', 'start'), node('pause', 'timer', { duration: { amount: 1, unit: 'hours' } }), node('hrTask', 'task', { assignees: [{ kind: 'role', role: 'hr' }] }), node('end', 'end')],
  edges: chain('start', 'pause', 'hrTask', 'end'),
};

/** start → manager approval with a 1-hour SLA that reassigns to HR → end */
export const slaFlow = {
  kind: 'flow', key: 'sla', title: t('SLA', '时限'), form: 'leave', timeZone: 'Asia/Shanghai',
  nodes: [
    node('start', 'start'),
    node('approve', 'approval', { assignees: [{ kind: 'manager-of', path: 'employeeId' }] }, {
      sla: { due: { amount: 1, unit: 'hours' }, escalate: { action: 'reassign', to: { kind: 'user', id: 'hr1' } } },
    }),
    node('end', 'end'),
  ],
  edges: chain('start', 'approve', 'end'),
};

/** start → manager approval → end; the rules below hang off it. */
export const exitFlow = {
  kind: 'flow', key: 'exit', title: t('Exit', '离职'), form: 'leave', timeZone: 'Asia/Shanghai',
  nodes: [node('start', 'start'), node('approve', 'approval', { assignees: [{ kind: 'manager-of', path: 'employeeId' }] }), node('end', 'end')],
  edges: chain('start', 'approve', 'end'),
};

/** The day before the last working day at 09:00 (Shanghai): HR gets a to-do. */
export const dayBeforeRule = {
  kind: 'rule', key: 'exit-day-before', title: t('Day before', '前一天'), scope: { flow: 'exit' },
  trigger: { type: 'date-offset', config: { field: 'lastWorkingDay', offset: -1, unit: 'days', at: '09:00' } },
  actions: [{ type: 'create-task', params: { title: t('Prepare the exit of {employeeId.name}', '准备 {employeeId.name} 的离职'), assignees: [{ kind: 'role', role: 'hr' }] } }],
};

/** When the manager approves: the rule writes a note into the instance (setData). */
export const noteRule = {
  kind: 'rule', key: 'exit-note', title: t('Note the approval', '记录审批'), scope: { flow: 'exit' },
  trigger: { type: 'task-completed', config: { nodeId: 'approve' } },
  actions: [{ type: 'set-data', params: { values: { note: 'approved by the manager' } } }],
};

export const customerForm = {
  kind: 'form', key: 'customer', title: t('Customer', '客户'), collection: true,
  fields: [
    { key: 'name', type: 'text', label: t('Name', '名称'), required: true },
    { key: 'ownerId', type: 'user', label: t('Owner', '负责人') },
  ],
};

/** A new customer without an owner gets HR's default owner (setData on the record itself). */
export const defaultOwnerRule = {
  kind: 'rule', key: 'customer-default-owner', title: t('Default owner', '默认负责人'), scope: { form: 'customer' },
  trigger: { type: 'record-created' },
  condition: { '!': [{ var: 'ownerId' }] },
  actions: [{ type: 'set-data', params: { values: { ownerId: 'mgr' } } }],
};

/** The child of a subflow: its initiator confirms, then it ends. */
export const childFlow = {
  kind: 'flow', key: 'child', title: t('Child', '子流程'), timeZone: 'Asia/Shanghai',
  nodes: [node('start', 'start'), node('confirm', 'task', { assignees: [{ kind: 'initiator' }] }), node('end', 'end')],
  edges: chain('start', 'confirm', 'end'),
};

/** start → subflow "child" (waits) → end */
export const parentFlow = {
  kind: 'flow', key: 'parent', title: t('Parent', '父流程'), form: 'leave', timeZone: 'Asia/Shanghai',
  nodes: [node('start', 'start'), node('sub', 'subflow', { flow: 'child' }), node('end', 'end')],
  edges: chain('start', 'sub', 'end'),
};

export { publish };

/** Imports the directory, mints a token per user, publishes the definitions; returns `as(user)`. */
export async function setUp(ctx: TestContext, definitions: Json[]): Promise<(user: string) => string> {
  const imported = await ctx.call({ method: 'POST', url: '/api/directory/import', payload: directory });
  expect(imported.statusCode, imported.body).toBe(200);
  const tokens: Record<string, string> = {};
  for (const user of directory.users) tokens[user.id] = await ctx.tokenFor(user.id, []);
  for (const def of definitions) await publish(ctx, def);
  return (user) => tokens[user]!;
}

/** Starts an instance of `flow` as the token's user; answers the instance id. */
export async function startInstance(ctx: TestContext, token: string, flow: string, data: Json): Promise<string> {
  const res = await ctx.call({ method: 'POST', url: `/api/flows/${flow}/instances`, payload: { data }, token });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

/**
 * Time passes: the timer's row is due now (its payload, which rules match against, keeps its planned time).
 * Set by the database clock, with microseconds, as a real due time is.
 */
export async function makeDue(ctx: TestContext, timerId: string): Promise<void> {
  await ctx.database.db.updateTable('timers').set({ due_at: sql<Date>`now() - interval '1.234567 seconds'` }).where('id', '=', timerId).execute();
}

/** When an exit starts, HR hears about it (a notify effect: the outbox suite delivers it to a local webhook). */
export const tellHrRule = {
  kind: 'rule', key: 'exit-tell-hr', title: t('Tell HR', '通知 HR'), scope: { flow: 'exit' },
  trigger: { type: 'flow-started' },
  actions: [{ type: 'notify', params: { to: [{ kind: 'role', role: 'hr' }], title: t('New exit: {employeeId.name}', '新离职：{employeeId.name}') } }],
};

/** Every day at 09:00 Shanghai time, HR gets a digest (a schedule rule: no record). */
export const dailyDigestRule = {
  kind: 'rule', key: 'daily-digest', title: t('Daily digest', '每日摘要'),
  trigger: { type: 'schedule', config: { cron: '0 9 * * *', timeZone: 'Asia/Shanghai' } },
  actions: [{ type: 'notify', params: { to: [{ kind: 'role', role: 'hr' }], title: t('Exits today', '今日离职') } }],
};

/** Two days after an exit starts, its employee is reminded (a reminder timer carrying a ready notification). */
export const nudgeRule = {
  kind: 'rule', key: 'exit-nudge', title: t('Nudge', '提醒'), scope: { flow: 'exit' },
  trigger: { type: 'flow-started' },
  actions: [{ type: 'schedule-reminder', params: { after: { amount: 2, unit: 'days' }, to: [{ kind: 'field', path: 'employeeId' }], title: t('Hand over your laptop', '请交还电脑') } }],
};
