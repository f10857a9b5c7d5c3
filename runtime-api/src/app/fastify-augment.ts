import type { Locale, Registry } from '@baton/engine';
import type { RuntimeConfig } from '../config/runtime-config.js';
import type { BatonDatabase } from '../db/open-database.js';
import type { Principal } from '../auth/principal.js';
import type { IdempotencyClaim } from '../idempotency/idempotency-claim.js';
import type { SecretBox } from '../secrets/secret-box.js';
import type { OutboxHandlers } from '../workers/outbox-handler.js';
import type { Workers } from '../workers/workers.js';
import type { AuditChainer } from '../audit/audit-chainer.js';
import type { ConnectorRuntime } from '../connectors/connector-runtime.js';

// What the runtime's plugins add to Fastify's types, in one place.
declare module 'fastify' {
  interface FastifyInstance {
    baton: {
      database: BatonDatabase;
      config: RuntimeConfig;
      /** Seals secrets at rest (AES-256-GCM). */
      secrets: SecretBox;
      /** Effect handlers the outbox worker dispatches to; plugins register theirs. */
      outboxHandlers: OutboxHandlers;
      /** Timer and outbox workers: started on ready when BATON_WORKERS is on; `drain()` runs them until idle (tests). */
      workers: Workers;
      /** Links audit entries into the hash chain and signs its head (see src/audit/audit-chainer.ts). */
      audit: AuditChainer;
      /** Connector types (plugins register theirs) and the resolver outbound requests use (see src/connectors). */
      connectors: ConnectorRuntime;
      /** The engine registry definitions are checked and compiled with: built-ins plus buildApp's plugins. */
      registry?: Registry;
    };
  }
  interface FastifyRequest {
    locale: Locale;
    /** Set by the auth plugin on every non-public route. */
    principal: Principal | null;
    /** The bearer token's sha256, computed once per request (auth/request-token.ts). */
    bearerTokenHash: { token: string; hash: string } | null;
    /** Set by the idempotency plugin when the request carried an Idempotency-Key it now owns. */
    idempotencyClaim: IdempotencyClaim | null;
  }
  interface FastifyContextConfig {
    /** Reachable without a token (health). */
    public?: boolean;
    /** Roles allowed besides admin; absent means any authenticated caller. */
    roles?: readonly string[];
    /** false: the route does not honour Idempotency-Key (it would have to store a secret). */
    idempotency?: boolean;
  }
}
