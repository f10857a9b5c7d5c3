import { createClient } from '@baton/client';
import { leanFetch } from './lean-fetch.js';
import { runConcurrently } from './load-runner.js';
// The same dependency-free process definitions as runtime-api's command-cost test, which counts this flow's queries.
import { approverStep, oneStepFlow, requestFields, t } from '../../../runtime-api/test/harness/one-step-flow.js';

type Client = ReturnType<typeof createClient>;

/** The smallest real process: a start form, one approval by a named user, an end. */
export const benchForm = { kind: 'form', key: 'bench-request', title: t('Bench request', '基准申请'), fields: requestFields };

export const benchFlow = oneStepFlow({ key: 'bench', title: t('Bench', '基准'), form: 'bench-request' }, approverStep);

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
  // The measured calls go through a lean fetch (lean-fetch.ts): the load generator's CPU is not the server's.
  const fetch = leanFetch(64);
  const employee = createClient({ baseUrl: url, token: (await admin.tokens.create({ userId: 'employee' })).token, fetch });
  const approver = createClient({ baseUrl: url, token: (await admin.tokens.create({ userId: 'approver' })).token, fetch });
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

/**
 * Starts and completes `count` processes, not measured: the server's JIT, compiled definitions and directory
 * snapshot warm, as in a service that has been running — pgbench's SQL has no such start-up cost to hide.
 */
export async function warmUp(actors: BenchActors, count: number, clients: number): Promise<void> {
  const ids: string[] = [];
  await runConcurrently(Array.from({ length: count }, (_, i) => i), clients, async (i) => {
    ids.push(await startOne(actors, i));
  });
  await runConcurrently(ids, clients, (id) => approve(actors, id));
}
