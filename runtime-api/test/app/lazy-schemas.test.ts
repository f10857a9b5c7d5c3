import Fastify, { type FastifyBaseLogger } from 'fastify';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../../src/app/build-app.js';
import { LazySchemas, lazySerializerBuilder } from '../../src/app/lazy-schemas.js';
import { buildValidatorCompiler } from '../../src/app/validator-compiler.js';
import { clonePgliteTemplate, type TestDatabase } from '../harness/test-database.js';
import { testConfig } from '../harness/for-each-database.js';

function recordingLog(): { log: FastifyBaseLogger; errors: unknown[] } {
  const errors: unknown[] = [];
  const log = { error: (obj: unknown) => errors.push(obj) } as unknown as FastifyBaseLogger;
  return { log, errors };
}

/** A small app with the runtime's compilers: a body route, a coerced query route and one broken schema. */
async function smallApp(schemas: LazySchemas) {
  const app = Fastify({ schemaController: { compilersFactory: { buildSerializer: lazySerializerBuilder(schemas) } } });
  app.setValidatorCompiler(buildValidatorCompiler(schemas));
  app.post(
    '/items',
    {
      schema: {
        body: { type: 'object', required: ['name'], additionalProperties: false, properties: { name: { type: 'string' }, size: { type: 'integer', default: 1 } } },
        response: { 200: { type: 'object', additionalProperties: false, properties: { name: { type: 'string' }, size: { type: 'integer' } } } },
      },
    },
    async (request) => ({ ...(request.body as object), secret: 'never sent' }),
  );
  app.get(
    '/double',
    { schema: { querystring: { type: 'object', required: ['n'], properties: { n: { type: 'integer' } } } } },
    async (request) => ({ doubled: (request.query as { n: number }).n * 2 }),
  );
  app.get('/broken', { schema: { querystring: { type: 'object', properties: { n: { type: 'no-such-type' } } } } }, async () => ({}));
  await app.ready();
  return app;
}

describe('route schemas compiled on first use', () => {
  it('compiles nothing at ready, validates and serializes as before on first use, and warms up the rest', async () => {
    const schemas = new LazySchemas();
    const app = await smallApp(schemas);
    // Body + response of /items, the query of /double and of /broken and of their HEAD twins: none compiled.
    expect(schemas.pendingCount).toBe(6);

    const bad = await app.inject({ method: 'POST', url: '/items', payload: { name: 'a', extra: true } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/additional properties/);
    const good = await app.inject({ method: 'POST', url: '/items', payload: { name: 'a' } });
    expect(good.statusCode).toBe(200);
    // Defaults applied by the validator; the serializer drops what the schema does not list.
    expect(good.json()).toEqual({ name: 'a', size: 1 });
    expect(schemas.pendingCount).toBe(4);

    // Query strings are coerced, the root object included.
    expect((await app.inject({ method: 'GET', url: '/double?n=21' })).json()).toEqual({ doubled: 42 });
    expect((await app.inject({ method: 'GET', url: '/double?n=x' })).statusCode).toBe(400);

    // The broken schema does not stop start-up: warm-up logs it, and its route answers 500.
    const { log, errors } = recordingLog();
    schemas.warmUp(log);
    for (let i = 0; i < 20 && schemas.pendingCount > 0; i++) await new Promise((r) => setImmediate(r));
    expect(schemas.pendingCount).toBe(0);
    // /broken and its HEAD twin.
    expect(errors).toHaveLength(2);
    expect((await app.inject({ method: 'GET', url: '/broken' })).statusCode).toBe(500);
    await app.close();
  });

  describe('the runtime app', () => {
    let handle: TestDatabase | undefined;
    afterAll(async () => handle?.dispose());

    it('leaves its route schemas to first use, and every one of them compiles', { timeout: 60_000 }, async () => {
      handle = await clonePgliteTemplate(inject('pgliteTemplate'));
      const schemas = new LazySchemas();
      const app = await buildApp({ db: handle.database, config: testConfig(), logger: false, schemas });
      await app.ready();
      try {
        expect(schemas.pendingCount).toBeGreaterThan(100);
        expect(() => schemas.compileAll()).not.toThrow();
        expect(schemas.pendingCount).toBe(0);
        const health = await app.inject({ method: 'GET', url: '/api/health' });
        expect(health.json()).toEqual({ status: 'ok', db: 'pglite' });
      } finally {
        await app.close();
      }
    });
  });
});
