import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatonApiError, createClient, type BatonClient } from '../src/index.js';
import { startTestServer, type TestServer } from './harness/test-server.js';

const t = (en: string, zh: string) => ({ en, 'zh-CN': zh });
const definitions = [
  { kind: 'form', key: 'ping', title: t('Ping', '提醒'), fields: [{ key: 'note', type: 'text', label: t('Note', '备注') }] },
  {
    kind: 'flow', key: 'ping', title: t('Ping', '提醒'), form: 'ping',
    nodes: [{ id: 'start', type: 'start', name: t('Start', '开始') }, { id: 'do', type: 'task', name: t('Do', '处理'), config: { assignees: [{ kind: 'user', id: 'u-a' }] } }, { id: 'end', type: 'end', name: t('End', '结束') }],
    edges: [{ id: 'e1', from: 'start', to: 'do' }, { id: 'e2', from: 'do', to: 'end' }],
  },
  {
    kind: 'rule', key: 'ping-a', title: t('Tell A', '通知 A'), scope: { flow: 'ping' }, trigger: { type: 'flow-started' },
    actions: [{ type: 'notify', params: { to: [{ kind: 'user', id: 'u-a' }], title: t('Pinged', '有新提醒') } }],
  },
] as const;

let server: TestServer;
let a: BatonClient;
let b: BatonClient;
const instanceIds: string[] = [];

beforeAll(async () => {
  server = await startTestServer();
  const admin = createClient({ baseUrl: server.url, token: server.adminToken });
  await admin.directory.import({ users: [{ id: 'u-a', name: 'A', roles: [] }, { id: 'u-b', name: 'B', roles: [] }] });
  for (const def of definitions) {
    await admin.definitions.save(def as never);
    await admin.definitions.publish(def.kind, def.key);
  }
  for (const note of ['one', 'two']) instanceIds.push((await admin.flows.start('ping', { data: { note } })).id);
  a = createClient({ baseUrl: server.url, token: await server.tokenFor('u-a', []), locale: 'zh-CN' });
  b = createClient({ baseUrl: server.url, token: await server.tokenFor('u-b', []) });
});
afterAll(() => server?.close());

describe('client.notifications', () => {
  it('lists the caller\'s own notifications in their language, marks one read and then all', async () => {
    // The notify effects reach the inbox through the outbox worker.
    await expect.poll(async () => (await a.notifications.list({ unread: true })).unread, { timeout: 15_000 }).toBe(2);
    const list = await a.notifications.list();
    expect(list.items.map((n) => n.title)).toEqual(['有新提醒', '有新提醒']);
    expect(list.items.map((n) => n.link?.instanceId).sort()).toEqual([...instanceIds].sort());
    expect(await b.notifications.list()).toEqual({ items: [], unread: 0 });

    const first = list.items[0]!;
    const refused = await b.notifications.markRead(first.id).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(BatonApiError);
    expect(refused).toMatchObject({ status: 404, code: 'BATON_E_NOTIFICATION_NOT_FOUND' });

    const read = await a.notifications.markRead(first.id);
    expect(read.readAt).not.toBeNull();
    expect((await a.notifications.list({ unread: true })).items.map((n) => n.id)).not.toContain(first.id);
    expect(await a.notifications.markAllRead()).toEqual({ updated: 1 });
    expect((await a.notifications.list({ unread: true }))).toEqual({ items: [], unread: 0 });
  });
});
