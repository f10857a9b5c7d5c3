import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ApiError } from '../errors/api-error.js';
import { claimIdempotencyKey, releaseIdempotencyKey, requestHash } from './idempotency-claim.js';
import './idempotency-errors.js';

export interface IdempotencyOptions {
  /** How long a claim holds before a retry may take it over (its process is presumed dead). */
  leaseSeconds?: number;
}

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

function applies(request: FastifyRequest): boolean {
  return request.method === 'POST' && request.routeOptions.config.idempotency !== false;
}

/**
 * Idempotency-Key on state-changing POSTs: the same key and request → the stored response, nothing runs
 * again; the same key with another request → 422; while the first is still running → 409.
 * Routes complete the claim through runCommand (inside their transaction); failures release it, so only
 * successful responses are stored.
 */
export const idempotencyPlugin = fp(
  async (app: FastifyInstance, options: IdempotencyOptions) => {
    const leaseSeconds = options.leaseSeconds ?? 60;
    app.decorateRequest('idempotencyClaim', null);

    // preHandler: after authentication and body validation, so a rejected request never claims a key.
    app.addHook('preHandler', async (request, reply) => {
      if (!applies(request)) return;
      const header = request.headers['idempotency-key'];
      if (header === undefined) return;
      const key = Array.isArray(header) ? header.join(',') : header;
      if (!KEY_PATTERN.test(key)) {
        throw new ApiError('BATON_E_IDEMPOTENCY_KEY_INVALID', {}, [], '/headers/idempotency-key');
      }
      const principal = request.principal?.userId ?? 'anonymous';
      const claim = { principal, key, requestHash: requestHash(request.method, request.url, request.body) };
      const result = await claimIdempotencyKey(app.baton.database.db, claim, leaseSeconds);
      switch (result.kind) {
        case 'claimed':
          request.idempotencyClaim = claim;
          return;
        case 'mismatch':
          throw new ApiError('BATON_E_IDEMPOTENCY_KEY_REUSED', {}, [], '/headers/idempotency-key');
        case 'in-flight':
          throw new ApiError('BATON_E_IDEMPOTENCY_IN_FLIGHT', {}, [], '/headers/idempotency-key');
        case 'replay':
          reply.header('idempotent-replayed', 'true');
          return reply.status(result.status).send(result.body);
      }
    });

    // A claim still held when the response is about to leave means the command did not complete it: free
    // the key before the client hears back, so its retry can run. onResponse covers a send that failed.
    const release = async (request: FastifyRequest) => {
      const claim = request.idempotencyClaim;
      if (!claim) return;
      request.idempotencyClaim = null;
      try {
        await releaseIdempotencyKey(app.baton.database.db, claim);
      } catch (err) {
        request.log.warn({ err }, 'could not release an idempotency key; it frees itself when its lease ends');
      }
    };
    app.addHook('onSend', async (request, _reply, payload) => {
      await release(request);
      return payload;
    });
    app.addHook('onResponse', release);
  },
  { name: 'baton-idempotency', dependencies: ['baton-error-handler'] },
);
