import type { FastifyInstance } from 'fastify';
import { executionServices } from '../execution/execution-services.js';
import { connectorsRoutes } from './connectors-routes.js';
import { invokeHandler } from './invoke-handler.js';
import { notificationsRoutes } from './notifications/notifications-routes.js';
import { notifyHandler } from './notifications/notify-handler.js';
import { scimReconciliationRoutes } from './scim-reconciliation-routes.js';
import { hooksRoutes } from './webhooks/hooks-routes.js';

/**
 * Connectors, notifications and incoming webhooks (issue 4): the `invoke` and `notify` outbox handlers and
 * their routes. Register under /api; the runtime (type registry, resolver) is `app.baton.connectors`.
 */
export async function connectorsPlugin(app: FastifyInstance): Promise<void> {
  const { config, connectors: runtime, secrets, database, outboxHandlers } = app.baton;
  const services = executionServices(database, config);
  outboxHandlers.register(invokeHandler({ runtime, secrets, db: database.db, publicUrl: config.connectors.publicUrl, services }));
  outboxHandlers.register(notifyHandler({ runtime, publicUrl: config.connectors.publicUrl, defaultChannels: config.connectors.notifyChannels, defaultLocale: config.connectors.notifyLocale }));
  await app.register(connectorsRoutes, { runtime });
  await app.register(scimReconciliationRoutes, { runtime });
  await app.register(notificationsRoutes, { publicUrl: config.connectors.publicUrl });
  // Encapsulated: it replaces the JSON parser with a raw-body one for signature checks, for its route only.
  await app.register(hooksRoutes);
}
