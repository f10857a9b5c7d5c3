import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approverStep, oneStepFlow, t } from '../../../runtime-api/test/harness/one-step-flow.js';
import { createClient, type BatonClient } from '../src/index.js';
import { startTestServer, type TestServer } from './harness/test-server.js';

const form = { kind: 'form', key: 'cost-request', title: t('Cost', '成本'), fields: [{ key: 'note', type: 'text', label: t('Note', '备注') }] };
const flow = oneStepFlow({ key: 'cost', title: t('Cost', '成本'), form: 'cost-request' }, approverStep);

let server: TestServer;
let admin: BatonClient;
let approver: BatonClient;

beforeAll(async () => {
  server = await startTestServer();
  admin = createClient({ baseUrl: server.url, token: server.adminToken });
  approver = createClient({ baseUrl: server.url, token: await server.tokenFor('approver', []) });
  await admin.directory.import({ users: [{ id: 'approver', name: 'Approver' }] });
  for (const def of [form, flow]) {
    await admin.definitions.save(def as never);
    await admin.definitions.publish(def.kind as 'form' | 'flow', def.key);
  }
  for (const note of ['a', 'b', 'c']) await admin.flows.start('cost', { data: { note } });
});
afterAll(() => server?.close());

describe('client.instances.list / counts, task flow column, comment, report preview', () => {
  it('pages through instances and counts them per version', async () => {
    const first = await admin.instances.list({ flowKey: 'cost', limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await admin.instances.list({ flowKey: 'cost', limit: 2, cursor: first.nextCursor! });
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.items, ...second.items].map((i) => i.id)).size).toBe(3);
    expect(await admin.instances.counts('cost')).toEqual({ flowKey: 'cost', scope: 'all', versions: [{ version: 1, running: 3, total: 3, byStatus: { running: 3 } }] });
  });

  it('lists tasks with their flow, and comments without moving the task', async () => {
    const tasks = await approver.tasks.list({ flowKey: 'cost' });
    expect(tasks.items).toHaveLength(3);
    expect(tasks.items[0]).toMatchObject({ flowKey: 'cost', flowTitle: t('Cost', '成本') });
    const task = tasks.items[0]!;
    const result = await approver.tasks.act(task.id, { action: 'comment', comment: 'Checking the receipt' });
    expect(result.task.status).toBe('open');
    const instance = await approver.instances.get(task.instanceId!);
    expect(instance.history.at(-1)).toMatchObject({ type: 'task.commented', comment: 'Checking the receipt' });
  });

  it('sends a signal: 409 with code and path when no step waits for it', async () => {
    const [instance] = (await admin.instances.list({ flowKey: 'cost', limit: 1 })).items;
    const refused = await admin.instances.signal(instance!.id, { name: 'payment.settled', data: { reference: 'R1' } }).catch((err: unknown) => err);
    expect(refused).toMatchObject({ status: 409, code: 'BATON_E_SIGNAL_NOT_AWAITED', path: '/name' });
  });

  it('previews an unsaved report definition', async () => {
    const definition = {
      kind: 'report', key: 'costs-by-note', title: t('Costs', '成本'),
      dataset: { source: 'form', form: 'cost-request' },
      measures: [{ op: 'count', key: 'n', label: t('Requests', '申请数') }],
      dimensions: [{ kind: 'field', key: 'note', label: t('Note', '备注'), field: 'note' }],
    };
    const result = await admin.reports.preview({ definition, limit: 2 });
    expect(result.rows).toHaveLength(2);
    expect(result.meta.truncated).toBe(true);
    const refused = await approver.reports.preview({ definition }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 403 });
  });
});
