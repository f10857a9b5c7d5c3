import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../client/test/harness/test-server.js';
import { baton, packFiles, tempDir, writeFiles } from './cli-harness.js';

let server: TestServer;
let env: Record<string, string>;

beforeAll(async () => {
  server = await startTestServer();
  env = { BATON_URL: server.url, BATON_TOKEN: server.adminToken };
});
afterAll(() => server?.close());

/** Version `version` of the exits pack without its report. */
function withoutReport(version: number): Record<string, unknown> {
  const files = packFiles(version);
  const manifest = files['pack.json'] as { definitions: Array<{ kind: string }> };
  return { ...files, 'pack.json': { ...manifest, definitions: manifest.definitions.filter((d) => d.kind !== 'report') } };
}

it('baton import prints the definitions a newer pack version retires', async () => {
  const v1 = await tempDir('retire-v1');
  await writeFiles(v1, packFiles(1));
  expect((await baton(['import', v1], { env })).code).toBe(0);

  const v2 = await tempDir('retire-v2');
  await writeFiles(v2, withoutReport(2));
  const run = await baton(['import', v2], { env });
  expect(run.code).toBe(0);
  expect(run.out).toEqual(['unchanged  form/exit-request v1', 'retired    report/exits v1 (archived; dropped by this pack version)', 'directory  1 department(s), 1 user(s)']);
  expect(run.err.at(-1)).toMatch(/^pack exits version 2 imported \(\d+ ms\)$/);
});
