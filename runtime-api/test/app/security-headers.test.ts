import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { SECURITY_HEADERS } from '../../src/app/security-headers.js';
import { ENGINE_WORKER_CSP } from '../../src/static/designer-static.js';
import { forEachDatabase } from '../harness/for-each-database.js';

// A tiny designer build, served by the app itself at / (BATON_DESIGNER_DIR is read when the app is built).
const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-headers-'));
fs.mkdirSync(path.join(dist, 'assets'));
fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Baton</title><div id="root"></div>');
fs.writeFileSync(path.join(dist, 'assets', 'engine-worker-abc123.js'), 'postMessage(1)');
const previousDir = process.env.BATON_DESIGNER_DIR;
process.env.BATON_DESIGNER_DIR = dist;
afterAll(() => {
  if (previousDir === undefined) delete process.env.BATON_DESIGNER_DIR;
  else process.env.BATON_DESIGNER_DIR = previousDir;
  fs.rmSync(dist, { recursive: true, force: true });
});

/** What helmet 8 sent by default (minus upgrade-insecure-requests), which the designer's CSP relies on. */
const expected: Record<string, string> = {
  'content-security-policy':
    "default-src 'self';base-uri 'self';font-src 'self' https: data:;form-action 'self';frame-ancestors 'self';img-src 'self' data:;" +
    "object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self' https: 'unsafe-inline'",
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
};

forEachDatabase('security headers on every answer', (ctx) => {
  it('lists exactly the headers helmet sent', () => {
    expect(Object.fromEntries(SECURITY_HEADERS)).toEqual(expected);
  });

  it('sends them on an API route, on an API error and on the designer at /', async () => {
    const health = await ctx().call({ method: 'GET', url: '/api/health', token: null });
    const missing = await ctx().call({ method: 'GET', url: '/api/definitions', token: null });
    const designer = await ctx().call({ method: 'GET', url: '/', token: null });
    expect(health.statusCode).toBe(200);
    expect(missing.statusCode).toBe(401);
    expect(designer.statusCode).toBe(200);
    expect(designer.body).toContain('<div id="root">');
    for (const res of [health, missing, designer]) expect(res.headers).toMatchObject(expected);
    expect(health.headers['x-powered-by']).toBeUndefined();
  });

  it('lets a route send its own policy (the engine worker)', async () => {
    const worker = await ctx().call({ method: 'GET', url: '/assets/engine-worker-abc123.js', token: null });
    expect(worker.statusCode).toBe(200);
    expect(worker.headers['content-security-policy']).toBe(ENGINE_WORKER_CSP);
    expect(worker.headers['x-content-type-options']).toBe('nosniff');
  });
});
