import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatonApiError, createClient, type BatonClient } from '../src/index.js';
import { startTestServer, type TestServer } from './harness/test-server.js';

const t = (en: string, zh: string) => ({ en, 'zh-CN': zh });
const asset = { kind: 'form', key: 'asset', title: t('Asset', '资产'), collection: true, fields: [{ key: 'kind', type: 'text', label: t('Kind', '类型') }, { key: 'note', type: 'text', label: t('Note', '备注') }] };
const byKind = {
  kind: 'report', key: 'assets-by-kind', title: t('Assets by kind', '各类资产'),
  dataset: { source: 'form', form: 'asset' },
  measures: [{ op: 'count', key: 'n', label: t('Assets', '资产数') }],
  dimensions: [{ kind: 'field', key: 'kind', label: t('Kind', '类型'), field: 'kind' }],
  drillDown: { columns: ['kind', 'note'] },
};

let server: TestServer;
let client: BatonClient;

beforeAll(async () => {
  server = await startTestServer();
  client = createClient({ baseUrl: server.url, token: server.adminToken });
  for (const def of [asset, byKind]) {
    await client.definitions.save(def as never);
    await client.definitions.publish(def.kind as 'form' | 'report', def.key);
  }
  for (const data of [{ kind: 'laptop', note: '=1+1' }, { kind: 'laptop', note: 'ok' }, { kind: 'phone', note: '' }]) await client.records.create('asset', { data });
});
afterAll(() => server?.close());

describe('client.reports', () => {
  it('runs a report, drills into a cell and exports CSV over HTTP', async () => {
    const result = await client.reports.run('assets-by-kind', { filters: { '!=': [{ var: 'kind' }, 'tablet'] } });
    expect(result.rows).toEqual([{ kind: 'laptop', n: 2 }, { kind: 'phone', n: 1 }]);
    expect(result.columns.map((c) => [c.key, c.role])).toEqual([['kind', 'dimension'], ['n', 'measure']]);
    const drill = await client.reports.drill('assets-by-kind', { dimensionValues: { kind: 'laptop' } });
    expect(drill.rows.map((r) => r.note).sort()).toEqual(['=1+1', 'ok']);
    const csv = await client.reports.csv('assets-by-kind');
    expect(csv).toBe('\uFEFFKind,Assets\r\nlaptop,2\r\nphone,1\r\n');
  });

  it('surfaces refusals as BatonApiError with the code and path', async () => {
    const error = await client.reports.run('assets-by-kind', { filters: { reduce: [] } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BatonApiError);
    expect((error as BatonApiError).code).toBe('BATON_E_REPORT_FILTER_UNSUPPORTED');
  });
});
