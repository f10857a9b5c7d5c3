import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Closed, withErrors } from '../app/schema-helpers.js';
import { executionServices } from '../execution/execution-services.js';

const Text = Type.Unknown({ description: 'A string in the requested locale, or { en, zh-CN } when no locale was asked for' });
const Port = Closed({ id: Type.String(), label: Type.Optional(Text) });

const CatalogueEntry = Closed({
  type: Type.String(),
  version: Type.String(),
  label: Text,
  description: Type.Optional(Text),
  icon: Type.Optional(Type.String()),
  category: Type.Optional(Type.String()),
  configSchema: Type.Optional(Type.Unknown({ description: 'JSON Schema of the type config (field, node and trigger types)' })),
  paramsSchema: Type.Optional(Type.Unknown({ description: 'JSON Schema of the params (rule action types)' })),
  ports: Type.Optional(Closed({ inputs: Type.Array(Port), outputs: Type.Array(Port) })),
  traits: Type.Optional(Type.Record(Type.String(), Type.Boolean())),
});

const Catalogue = Closed({
  engine: Type.String(),
  locale: Type.Optional(Type.Union([Type.Literal('en'), Type.Literal('zh-CN')])),
  plugins: Type.Array(Type.String()),
  fields: Type.Array(CatalogueEntry),
  nodes: Type.Array(CatalogueEntry),
  triggers: Type.Array(CatalogueEntry),
  actions: Type.Array(CatalogueEntry),
});

/**
 * GET /registry: the catalogue of the registry this runtime compiles definitions with (built-in and plugin
 * field, node, trigger and action types), so the designer's palettes and property panels show exactly
 * what the server will accept.
 */
export const registryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/registry',
    {
      schema: {
        tags: ['registry'],
        summary: 'Field, node, trigger and action types with labels, config schemas and ports',
        querystring: Closed({
          locale: Type.Optional(Type.Union([Type.Literal('en'), Type.Literal('zh-CN')], { description: 'Labels in one locale; both when omitted' })),
        }),
        response: withErrors({ 200: Catalogue }),
      },
    },
    async (request) => {
      const registry = executionServices(app.baton.database, app.baton.config).definitions.registry;
      return registry.describe(request.query.locale);
    },
  );
};
