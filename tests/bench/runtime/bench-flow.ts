import { createClient } from '@baton/client';

type Client = ReturnType<typeof createClient>;
const t = (en: string, zh: string) => ({ en, 'zh-CN': zh });

/** The smallest real process: a start form, one approval by a named user, an end. */
export const benchForm = {
  kind: 'form',
  key: 'bench-request',
  title: t('Bench request', '基准申请'),
  fields: [
    { key: 'employeeId', type: 'user', label: t('Employee', '员工'), required: true },
    { key: 'note', type: 'text', label: t('Note', '备注') },
  ],
};

export const benchFlow = {
  kind: 'flow',
  key: 'bench',
  title: t('Bench', '基准'),
  form: 'bench-request',
  nodes: [
    { id: 'start', type: 'start', name: t('Start', '开始') },
    { id: 'approve', type: 'approval', name: t('Approve', '审批'), config: { assignees: [{ kind: 'user', id: 'approver' }] } },
    { id: 'end', type: 'end', name: t('End', '结束') },
  ],
  edges: [
    { id: 'e1', from: 'start', to: 'approve' },
    { id: 'e2', from: 'approve', to: 'end' },
  ],
};

export interface BenchActors {
  admin: Client;
  employee: Client;
  approver: Client;
}

/** Directory, definitions and tokens for the bench flow, through the public API. */
export async function setUpBenchFlow(url: string, adminToken: string): Promise<BenchActors> {
  const admin = createClient({ baseUrl: url, token: adminToken });
  await admin.directory.import({
    departments: [{ id: 'd1', name: 'Bench' }],
    users: [
      { id: 'employee', name: 'Employee', departmentId: 'd1', roles: [] },
      { id: 'approver', name: 'Approver', departmentId: 'd1', roles: [] },
    ],
  });
  for (const def of [benchForm, benchFlow]) {
    await admin.definitions.save(def as never);
    await admin.definitions.publish(def.kind as 'form' | 'flow', def.key);
  }
  const employee = createClient({ baseUrl: url, token: (await admin.tokens.create({ userId: 'employee' })).token });
  const approver = createClient({ baseUrl: url, token: (await admin.tokens.create({ userId: 'approver' })).token });
  return { admin, employee, approver };
}

/** Starts one instance and returns the id of its open approval task. */
export async function startOne(actors: BenchActors, i: number): Promise<string> {
  const instance = await actors.employee.flows.start('bench', { data: { employeeId: 'employee', note: `n${i}` } });
  const task = instance.openTasks[0];
  if (!task) throw new Error('the bench instance has no open task');
  return task.id;
}

export async function approve(actors: BenchActors, taskId: string): Promise<void> {
  await actors.approver.tasks.act(taskId, { action: 'approve' });
}
