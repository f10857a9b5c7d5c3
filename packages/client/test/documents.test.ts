import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatonApiError, createClient, type BatonClient } from '../src/index.js';
import { startTestServer, type TestServer } from './harness/test-server.js';

const t = (en: string, zh: string) => ({ en, 'zh-CN': zh });
const definitions = [
  { kind: 'form', key: 'exit-note', title: t('Exit note', '离职说明'), fields: [{ key: 'employeeId', type: 'user', label: t('Employee', '员工') }, { key: 'lastWorkingDay', type: 'date', label: t('Last day', '最后工作日') }] },
  {
    kind: 'flow', key: 'exit-note', title: t('Exit note', '离职说明'), form: 'exit-note',
    nodes: [{ id: 'start', type: 'start', name: t('Start', '开始') }, { id: 'hr', type: 'task', name: t('HR', '人事'), config: { assignees: [{ kind: 'role', role: 'hr' }] } }, { id: 'end', type: 'end', name: t('End', '结束') }],
    edges: [{ id: 'e1', from: 'start', to: 'hr' }, { id: 'e2', from: 'hr', to: 'end' }],
  },
  {
    kind: 'document', key: 'exit-note', title: t('Exit note', '离职说明'), form: 'exit-note', flow: 'exit-note', locales: ['zh-CN', 'en'],
    fileName: t('Exit note - {{employeeId | name}}', '离职说明-{{employeeId | name}}'),
    body: [{ type: 'paragraph', text: t('{{employeeId | name}} leaves on {{lastWorkingDay | date}}.', '{{employeeId | name}}将于{{lastWorkingDay | date}}离职。') }],
  },
] as const;

let server: TestServer;
let client: BatonClient;
let instanceId = '';

beforeAll(async () => {
  server = await startTestServer();
  client = createClient({ baseUrl: server.url, token: server.adminToken });
  await client.directory.import({ users: [{ id: 'u-li', name: '李雷', roles: [] }] });
  for (const def of definitions) {
    await client.definitions.save(def as never);
    await client.definitions.publish(def.kind, def.key);
  }
  instanceId = (await client.flows.start('exit-note', { data: { employeeId: 'u-li', lastWorkingDay: '2025-07-31' } })).id;
});
afterAll(() => server?.close());

describe('client.documents', () => {
  it('downloads a document as PDF bytes with its decoded file name, definition version and audited hash', async () => {
    const doc = await client.documents.get(instanceId, 'exit-note', { locale: 'zh-CN' });
    expect(doc.contentType).toBe('application/pdf');
    expect(new TextDecoder().decode(doc.bytes.subarray(0, 5))).toBe('%PDF-');
    expect(doc.fileName).toBe('离职说明-李雷.pdf');
    expect(doc.version).toBe(1);
    expect(doc.sha256).toBe(createHash('sha256').update(doc.bytes).digest('hex'));
    expect((await client.instances.document(instanceId, 'exit-note')).fileName).toBe('离职说明-李雷.pdf');
  });

  it('throws BatonApiError for a document that is not published', async () => {
    const error = await client.documents.get(instanceId, 'nope').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BatonApiError);
    expect(error).toMatchObject({ status: 404, code: 'BATON_E_DOCUMENT_NOT_FOUND' });
  });
});
