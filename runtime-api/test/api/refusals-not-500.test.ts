import Fastify from 'fastify';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { errorHandlerPlugin } from '../../src/errors/error-handler-plugin.js';
import { forEachDatabase } from '../harness/for-each-database.js';
import { publish } from '../harness/publish-definition.js';

const form = { kind: 'form', key: 'frozen', title: 'Frozen', fields: [{ key: 'a', type: 'text', label: 'A' }] };

/** A bare app with the real error handler, whose one route runs `work` (what a buggy or racing command would). */
async function appThatRuns(work: () => Promise<unknown>) {
  const app = Fastify();
  await app.register(errorHandlerPlugin);
  app.get('/run', async () => work());
  await app.ready();
  return app;
}

// Bodies and failures that used to surface as schema wording, a very long path, or a 500.
forEachDatabase('refusals that are not 500', (ctx) => {
  it('answers a text/plain body with 415 saying to send application/json', async () => {
    for (const locale of ['en', 'zh-CN']) {
      const res = await ctx().call({ method: 'POST', url: '/api/definitions', headers: { 'content-type': 'text/plain', 'accept-language': locale }, payload: 'hello' });
      expect(res.statusCode).toBe(415);
      expect(res.json().error).toMatchObject({ code: 'BATON_E_UNSUPPORTED_MEDIA_TYPE', path: '' });
      expect(res.json().error.message).toContain('application/json');
    }
  });

  it('refuses a 20,000-deep body with BATON_E_BODY_TOO_DEEP and a short path', async () => {
    const deep = '['.repeat(20_000) + ']'.repeat(20_000);
    const res = await ctx().call({ method: 'POST', url: '/api/flows/offboarding/instances', headers: { 'content-type': 'application/json' }, payload: deep });
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.issues).toEqual([expect.objectContaining({ code: 'BATON_E_BODY_TOO_DEEP', path: '/0/0/0/0' })]);
    expect(error.issues[0].message).toContain('128');
    expect(error.path).toBe('/0/0/0/0');
    expect(res.body.length).toBeLessThan(600);
  });

  it("maps the database trigger's refusal to change a published definition to 409 with code, path and sentence", async () => {
    await publish(ctx(), form);
    const { db } = ctx().database;
    const app = await appThatRuns(() =>
      db
        .updateTable('definitions')
        .set({ body: JSON.stringify({ ...form, title: 'Changed', version: 1 }) })
        .where('kind', '=', 'form')
        .where('key', '=', 'frozen')
        .where('status', '=', 'published')
        .execute(),
    );
    try {
      for (const [locale, words] of [['en', 'cannot be changed'], ['zh-CN', '不能再修改']] as const) {
        const res = await app.inject({ method: 'GET', url: '/run', headers: { 'accept-language': locale } });
        expect(res.statusCode).toBe(409);
        expect(res.json().error).toMatchObject({ code: 'BATON_E_DEFINITION_IMMUTABLE', path: '/version' });
        expect(res.json().error.message).toContain(words);
        expect(res.json().error.message).toContain('frozen');
      }
    } finally {
      await app.close();
    }
    // The trigger did refuse: the published body is unchanged.
    const row = await sql<{ title: string }>`select body->>'title' as title from definitions where key = 'frozen'`.execute(db);
    expect(row.rows[0]?.title).toBe('Frozen');
  });

  it('answers 503 with Retry-After when a lazily loaded module has gone from disk', async () => {
    const missing = pathToFileURL('/nonexistent-baton-bundle/server-0000000000000000/render-pdf-GONE.mjs').href;
    const app = await appThatRuns(() => import(missing));
    try {
      const res = await app.inject({ method: 'GET', url: '/run' });
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('10');
      expect(res.json().error).toMatchObject({ code: 'BATON_E_SERVER_FILES_CHANGED', path: '' });
      expect(res.json().error.message).toMatch(/retry/i);
    } finally {
      await app.close();
    }
  });
});
