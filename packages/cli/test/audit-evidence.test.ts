import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../client/test/harness/test-server.js';
import { baton, tempDir } from './cli-harness.js';

let server: TestServer;
let env: Record<string, string>;

beforeAll(async () => {
  server = await startTestServer();
  env = { BATON_URL: server.url, BATON_TOKEN: server.adminToken };
});
afterAll(() => server?.close());

const t = (en: string) => ({ en, 'zh-CN': en });

async function post(url: string, body: unknown): Promise<Record<string, any>> {
  const res = await fetch(`${server.url}/api${url}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status, url).toBeLessThan(300);
  return (await res.json()) as Record<string, any>;
}

describe('baton audit evidence / verify-evidence', () => {
  it('saves an instance\'s evidence, verifies it offline, and refuses it once edited or under another key', async () => {
    const flow = {
      kind: 'flow', key: 'one-step', title: t('One step'),
      nodes: [{ id: 'start', type: 'start', name: t('Start') }, { id: 'end', type: 'end', name: t('End') }],
      edges: [{ id: 'e1', from: 'start', to: 'end' }],
    };
    await post('/definitions', flow);
    await post('/definitions/flow/one-step/publish', {});
    const instance = await post('/flows/one-step/instances', { data: {} });

    const dir = await tempDir('evidence');
    const file = path.join(dir, 'evidence.json');
    const saved = await baton(['audit', 'evidence', instance.id, '--out', file], { env });
    expect(saved.code, saved.err.join('\n')).toBe(0);
    const checked = await baton(['audit', 'verify-evidence', file]);
    expect(checked.code, checked.out.join('\n')).toBe(0);
    expect(checked.out[0]).toMatch(new RegExp(`^evidence OK: 1 entries of instance ${instance.id}, 1 signed checkpoints, signed by key [0-9a-f]{32}$`));
    const keyId = /signed by key ([0-9a-f]{32})/.exec(checked.out[0]!)![1]!;
    expect((await baton(['audit', 'verify-evidence', file, '--trust', keyId])).code).toBe(0);
    expect((await baton(['audit', 'verify-evidence', file, '--trust', 'f'.repeat(32)])).code).toBe(1);

    const evidence = JSON.parse(await fs.readFile(file, 'utf8'));
    evidence.entries[0].actor = 'someone-else';
    await fs.writeFile(file, JSON.stringify(evidence));
    const edited = await baton(['audit', 'verify-evidence', file]);
    expect(edited.code).toBe(1);
    expect(edited.out.join('\n')).toMatch(/canonical at \d+: entry \d+: "canonical" is not the canonical JSON/);
    expect((await baton(['audit', 'verify-evidence'])).code).toBe(2);
  });
});
