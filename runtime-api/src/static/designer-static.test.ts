import Fastify, { type FastifyInstance } from 'fastify';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorHandlerPlugin } from '../errors/error-handler-plugin.js';
import { designerDistDir, designerStatic, ENGINE_WORKER_CSP } from './designer-static.js';

// A real (tiny) build folder, served through the plugin on a Fastify app with the runtime's error handler.
describe('serving the designer at /', () => {
  let dir = '';
  let app: FastifyInstance;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'baton-dist-'));
    await fs.mkdir(path.join(dir, 'assets'));
    await fs.writeFile(path.join(dir, 'index.html'), '<!doctype html><title>Baton</title><div id="root"></div>');
    await fs.writeFile(path.join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    await fs.writeFile(path.join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
    await fs.writeFile(path.join(dir, 'assets', 'engine-worker-def456.js'), 'postMessage(1)');
    // A file beside the build folder, which no URL may reach.
    await fs.writeFile(path.join(path.dirname(dir), `${path.basename(dir)}-secret.txt`), 'secret');
    app = Fastify({ logger: false });
    await app.register(errorHandlerPlugin);
    app.get('/api/health', async () => ({ status: 'ok' }));
    await app.register(designerStatic, { root: dir });
  });

  afterAll(async () => {
    await app.close();
    await fs.rm(dir, { recursive: true, force: true });
    await fs.rm(`${dir}-secret.txt`, { force: true });
  });

  it('answers every app path with index.html, not cached, so the app routes itself', async () => {
    for (const url of ['/', '/build', '/build/flow/offboarding?x=1', '/inbox/tasks/42']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.body).toContain('<div id="root">');
    }
  });

  it('serves hashed assets for a year, and the engine worker with its own policy', async () => {
    const js = await app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(js.statusCode).toBe(200);
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(js.headers['content-security-policy']).toBeUndefined();
    const worker = await app.inject({ method: 'GET', url: '/assets/engine-worker-def456.js' });
    expect(worker.statusCode).toBe(200);
    expect(worker.headers['content-security-policy']).toBe(ENGINE_WORKER_CSP);
    expect(ENGINE_WORKER_CSP).not.toContain("'unsafe-eval'");
    expect(ENGINE_WORKER_CSP).toContain("default-src 'none'");
    const icon = await app.inject({ method: 'GET', url: '/favicon.svg' });
    expect(icon.headers['content-type']).toContain('image/svg+xml');
  });

  it('keeps the coded 404 for /api and for missing assets, and never leaves the folder', async () => {
    const api = await app.inject({ method: 'GET', url: '/api/nowhere' });
    expect(api.statusCode).toBe(404);
    expect(api.json().error.code).toBe('BATON_E_ROUTE_NOT_FOUND');
    expect((await app.inject({ method: 'GET', url: '/api/health' })).json()).toEqual({ status: 'ok' });
    const missing = await app.inject({ method: 'GET', url: '/assets/gone-000.js' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('BATON_E_ROUTE_NOT_FOUND');
    const secret = `${path.basename(dir)}-secret.txt`;
    const escape = await app.inject({ method: 'GET', url: `/assets/..%2F..%2F${secret}` });
    expect(escape.statusCode).toBe(404);
    const dotted = await app.inject({ method: 'GET', url: `/../${secret}` });
    expect(dotted.body).not.toContain('secret');
    const post = await app.inject({ method: 'POST', url: '/build' });
    expect(post.statusCode).toBe(404);
  });

  it('serves nothing when the designer has not been built', async () => {
    const empty = await fs.mkdtemp(path.join(os.tmpdir(), 'baton-nodist-'));
    const bare = Fastify({ logger: false });
    await bare.register(errorHandlerPlugin);
    await bare.register(designerStatic, { root: empty });
    expect((await bare.inject({ method: 'GET', url: '/' })).statusCode).toBe(404);
    await bare.close();
    await fs.rm(empty, { recursive: true, force: true });
  });

  it('finds the build in designer/dist, or where BATON_DESIGNER_DIR says', () => {
    expect(designerDistDir({})).toMatch(/designer[/\\]dist$/);
    expect(designerDistDir({ BATON_DESIGNER_DIR: '/srv/baton-ui' })).toBe(path.resolve('/srv/baton-ui'));
  });
});
