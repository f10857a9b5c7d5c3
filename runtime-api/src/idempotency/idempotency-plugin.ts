import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ApiError } from '../errors/api-error.js';
import { releaseIdempotencyKey, requestHash, type IdempotencyClaim } from './idempotency-claim.js';
import './idempotency-errors.js';

export interface IdempotencyOptions {
  /**
   * Unused since keys are claimed inside the command's transaction (a crash rolls the claim back, so
   * nothing needs a lease); kept so existing callers still compile.
   */
  leaseSeconds?: number;
}

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

function applies(request: FastifyRequest): boolean {
  return request.method === 'POST' && request.routeOptions.config.idempotency !== false;
}

/**
 * Idempotency-Key on state-changing POSTs: the same key and request → the stored response, nothing runs
 * again; the same key with another request → 422; while the first is still running → 409.
 * The key is checked, and the response stored, by runCommand inside the command's own transaction (one
 * commit per command); a failed command stores nothing, so the client may retry with the same key. Every
 * idempotent POST route runs its change through runCommand (uploads claim ahead: files-routes.ts).
 */
export const idempotencyPlugin = fp(
  async (app: FastifyInstance, _options: IdempotencyOptions) => {
    app.decorateRequest('idempotencyClaim', null);

    // preHandler: after authentication and body validation, so a rejected request never claims a key.
    // Callback hooks (no promise per request): nothing here waits, except freeing a claim made ahead.
    app.addHook('preHandler', (request, _reply, done) => {
      if (!applies(request)) return done();
      const header = request.headers['idempotency-key'];
      if (header === undefined) return done();
      const key = Array.isArray(header) ? header.join(',') : header;
      if (!KEY_PATTERN.test(key)) return done(new ApiError('BATON_E_IDEMPOTENCY_KEY_INVALID', {}, [], '/headers/idempotency-key'));
      const principal = request.principal?.userId ?? 'anonymous';
      // Deferred: no database work here. runCommand checks the key (409 in flight, 422 reused, the stored
      // answer replayed) in the command's own transaction and stores the answer in it.
      request.idempotencyClaim = { principal, key, requestHash: requestHash(request.method, request.url, request.body), deferred: true };
      done();
    });

    // A claim still held when the response is about to leave means the command did not complete it: free
    // the key before the client hears back, so its retry can run. onResponse covers a send that failed.
    const release = async (request: FastifyRequest, claim: IdempotencyClaim) => {
      try {
        await releaseIdempotencyKey(app.baton.database.db, claim);
      } catch (err) {
        request.log.warn({ err }, 'could not release an idempotency key; it frees itself when its lease ends');
      }
    };
    /** The claim the hook must free, taken off the request; none for a deferred one (it stored nothing unless its command committed). */
    const heldClaim = (request: FastifyRequest): IdempotencyClaim | undefined => {
      const claim = request.idempotencyClaim;
      if (!claim) return undefined;
      request.idempotencyClaim = null;
      return claim.deferred ? undefined : claim;
    };
    app.addHook('onSend', (request, _reply, payload, done) => {
      const claim = heldClaim(request);
      if (!claim) return done(null, payload);
      void release(request, claim).then(() => done(null, payload));
    });
    app.addHook('onResponse', (request, _reply, done) => {
      const claim = heldClaim(request);
      if (!claim) return done();
      void release(request, claim).then(() => done());
    });
  },
  { name: 'baton-idempotency', dependencies: ['baton-error-handler'] },
);
