import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { auditRoutes } from '../audit/audit-routes.js';
import { AuditChainer } from '../audit/audit-chainer.js';
import { auditPlugin } from '../audit/audit-plugin.js';
import { authPlugin } from '../auth/auth-plugin.js';
import { tokenHashOf } from '../auth/request-token.js';
import { tokensRoutes } from '../auth/tokens-routes.js';
import { accountsRoutes } from '../accounts/accounts-routes.js';
import { oidcRoutes } from '../auth/oidc/oidc-routes.js';
import type { RuntimeConfig } from '../config/runtime-config.js';
import type { BatonDatabase } from '../db/open-database.js';
import { definitionsRoutes } from '../definitions/definitions-routes.js';
import { directoryRoutes } from '../directory/directory-routes.js';
import { ApiError } from '../errors/api-error.js';
import { errorHandlerPlugin } from '../errors/error-handler-plugin.js';
import { healthRoutes } from '../health/health-routes.js';
import { instancesRoutes } from '../instances/instances-routes.js';
import { recordsRoutes } from '../records/records-routes.js';
import { tasksRoutes } from '../tasks/tasks-routes.js';
import { idempotencyPlugin } from '../idempotency/idempotency-plugin.js';
import { packsRoutes } from '../packs/packs-routes.js';
import { templatesRoutes } from '../packs/templates-routes.js';
import { documentsRoutes } from '../documents/documents-routes.js';
import { filesRoutes } from '../files/files-routes.js';
import { secretsRoutes } from '../secrets/secrets-routes.js';
import { executionServices } from '../execution/execution-services.js';
import { registryRoutes } from '../registry/registry-routes.js';
import { reportsRoutes } from '../reports/reports-routes.js';
import { designerStatic } from '../static/designer-static.js';
import { openapiPlugin } from './openapi-plugin.js';
import { pluginConnectorTypes, PluginInstallError, registryWithPlugins, type BatonPlugin } from './baton-plugin.js';
import { instanceSignalRoutes } from '../instances/instance-signal-routes.js';
import { securityHeadersPlugin } from './security-headers.js';
import { buildValidatorCompiler } from './validator-compiler.js';
import { LazySchemas, lazySerializerBuilder } from './lazy-schemas.js';
import { registerJsonBodyParser } from './json-body-parser.js';
import { simpleErrorBody } from '../errors/error-body.js';
import { requestLocale } from '../i18n/request-locale.js';
import { loadSecretBox } from '../secrets/master-key.js';
import type { SecretBox } from '../secrets/secret-box.js';
import { OutboxHandlers } from '../workers/outbox-handler.js';
import { createConnectorRuntime } from '../connectors/connector-runtime.js';
import { connectorsPlugin } from '../connectors/connectors-plugin.js';
import { Workers } from '../workers/workers.js';
import { workersPlugin } from '../workers/workers-plugin.js';
import { workersRoutes } from '../workers/workers-routes.js';
import './fastify-augment.js';

export interface BuildAppOptions {
  /** The opened, migrated database (see openDatabase, migrateToLatest). */
  db: BatonDatabase;
  config: RuntimeConfig;
  /** Fastify's logger option: false (tests), true, or pino options. Defaults to JSON at config.logLevel. */
  logger?: FastifyServerOptions['logger'];
  /** Defaults to loadSecretBox(config, config.dataDir). */
  secretBox?: SecretBox;
  /** Where route schemas wait to be compiled on first use (tests pass one to compile them all at once). */
  schemas?: LazySchemas;
  /**
   * Runtime plugins: field, node, trigger and rule action types for the engine, connector types for the
   * runtime. A name taken twice is an error here (start-up), never an override.
   */
  plugins?: readonly BatonPlugin[];
}

/**
 * Loads now what building the app would load on the main thread later: pino, which Fastify requires when it
 * creates its logger (~70 ms of CPU; it stays outside the server bundle, see scripts/server-bundle.mjs).
 * server.ts calls it while PGlite's WebAssembly compiles on other threads, when the main thread would wait.
 */
export function preloadAppDependencies(): void {
  try {
    createRequire(createRequire(import.meta.url).resolve('fastify'))('pino');
  } catch {
    // Fastify loads it itself (and reports any problem) when the app is built.
  }
}

/**
 * Rate-limit bucket: the token (hashed, so it never sits in memory as plaintext; the same sha256 the auth
 * plugin then looks the token up by, computed once per request), else the client address.
 */
function rateLimitKey(request: FastifyRequest): string {
  const authorization = request.headers.authorization;
  const token = authorization && /^Bearer\s+(\S+)/i.exec(authorization)?.[1];
  return token ? 'token:' + tokenHashOf(request, token).slice(0, 32) : 'ip:' + request.ip;
}

/**
 * The runtime's HTTP app. The caller owns the database (opens, migrates, closes it); closing the app does
 * not close it. Every route lives under /api.
 */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { config, db: database } = options;
  const plugins = options.plugins ?? [];
  const registry = registryWithPlugins(plugins);
  const connectors = createConnectorRuntime();
  connectors.types.engineRegistry = registry;
  for (const { plugin, type } of pluginConnectorTypes(plugins)) {
    try {
      connectors.types.register(type);
    } catch (err) {
      throw new PluginInstallError(plugin, 'BATON_E_REGISTRY_DUPLICATE', (err as Error).message);
    }
  }
  const schemas = options.schemas ?? new LazySchemas();
  const app = Fastify({
    logger: options.logger ?? { level: config.logLevel },
    schemaController: { compilersFactory: { buildSerializer: lazySerializerBuilder(schemas) } },
    bodyLimit: config.bodyLimit,
    // Our own JSON errors replace Fastify's; request ids let a 500 be found in the logs.
    genReqId: () => randomUUID(),
    // Errors raised before routing (a URL that is not valid percent-encoding) skip the error handler.
    frameworkErrors: (error, request, reply) => {
      const url = request.url.split('?')[0] ?? '';
      const code = error.code === 'FST_ERR_BAD_URL' ? 'BATON_E_MALFORMED_URL' : 'BATON_E_BAD_REQUEST';
      (reply as FastifyReply)
        .status(400)
        .header('content-type', 'application/json; charset=utf-8')
        .send(simpleErrorBody(code, { url, detail: error.message }, '', requestLocale(request.headers['accept-language'])));
    },
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(buildValidatorCompiler(schemas));
  // Schemas no request has needed yet compile after start-up, between requests (see lazy-schemas.ts).
  app.addHook('onListen', async () => schemas.warmUp(app.log));
  app.addHook('onClose', async () => schemas.stop());
  registerJsonBodyParser(app);
  const outboxHandlers = new OutboxHandlers();
  app.decorate('baton', {
    database,
    config,
    secrets: options.secretBox ?? loadSecretBox(config, config.dataDir),
    outboxHandlers,
    workers: new Workers({ database, config, handlers: outboxHandlers, log: app.log }),
    audit: new AuditChainer({ db: database.db, settings: config.audit, dataDir: config.dataDir, log: app.log, dialect: database.dialect }),
    connectors,
    registry,
  });

  // Commands seal secret form fields with the app's box, and compile definitions with the app's registry.
  executionServices(database, config, app.baton.secrets, registry);

  await app.register(errorHandlerPlugin);
  // Helmet's defaults as a fixed list, except upgrade-insecure-requests (security-headers.ts).
  await app.register(securityHeadersPlugin);
  if (config.corsOrigins.length > 0) {
    await app.register(cors, { origin: config.corsOrigins, credentials: false });
  }
  // Before authentication, so a flood of bad tokens is throttled without a database lookup per request.
  await app.register(rateLimit, { global: false });
  app.addHook(
    'onRequest',
    app.rateLimit({
      max: config.rateLimit.max,
      timeWindow: config.rateLimit.timeWindowMs,
      keyGenerator: rateLimitKey,
      errorResponseBuilder: (_request, context) =>
        new ApiError('BATON_E_RATE_LIMITED', {
          max: context.max,
          windowSeconds: Math.round(config.rateLimit.timeWindowMs / 1000),
          retryAfterSeconds: Math.ceil(context.ttl / 1000),
        }),
    }),
  );
  await app.register(authPlugin);
  await app.register(idempotencyPlugin);
  await app.register(auditPlugin);
  await app.register(openapiPlugin);
  await app.register(workersPlugin);

  await app.register(
    async (api) => {
      await api.register(healthRoutes);
      await api.register(definitionsRoutes);
      await api.register(directoryRoutes);
      await api.register(tokensRoutes);
      await api.register(accountsRoutes, { demo: config.demo ?? 'auto' });
      await api.register(oidcRoutes);
      await api.register(auditRoutes);
      await api.register(instancesRoutes);
      await api.register(instanceSignalRoutes);
      await api.register(tasksRoutes);
      await api.register(recordsRoutes);
      await api.register(packsRoutes);
      await api.register(templatesRoutes);
      await api.register(documentsRoutes);
      await api.register(filesRoutes);
      await api.register(secretsRoutes);
      await api.register(workersRoutes);
      await api.register(registryRoutes);
      await api.register(reportsRoutes);
      await api.register(connectorsPlugin);
    },
    { prefix: '/api' },
  );
  // The designer's build at / (SPA fallback), when it has been built; /api keeps its coded 404s.
  await app.register(designerStatic, {});
  return app;
}
