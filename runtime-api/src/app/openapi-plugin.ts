import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Type } from 'typebox';

/**
 * OpenAPI 3.1 generated from the route schemas, at /api/openapi.json, and an interactive reference at
 * /api/docs served from the package's own assets (no CDN). Registered before the routes so it sees them.
 */
export const openapiPlugin = fp(
  async (app: FastifyInstance) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Baton runtime API',
          version: '0.1.0',
          description: 'Errors answer `{ error: { code, message, path, issues } }`, localized by Accept-Language (en, zh-CN).',
        },
        components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
        security: [{ bearer: [] }],
      },
    });
    await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
    app.get(
      '/api/openapi.json',
      {
        config: { public: true },
        schema: { hide: true, response: { 200: Type.Object({}, { additionalProperties: true }) } },
      },
      async () => app.swagger(),
    );
  },
  { name: 'baton-openapi' },
);
