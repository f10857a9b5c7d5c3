import type { FastifyRequest } from 'fastify';
import { hashToken } from './api-tokens.js';

/**
 * A request's token hashed once: the rate limiter's key and the principal cache both want sha256(token),
 * and a hash per hook was a measurable share of a command's CPU. Kept on the request (a decorator the auth
 * plugin declares, so request objects keep one shape), and only for the exact token string it was computed from.
 */
export function tokenHashOf(request: FastifyRequest, token: string): string {
  const seen = request.bearerTokenHash;
  if (seen && seen.token === token) return seen.hash;
  const hash = hashToken(token);
  request.bearerTokenHash = { token, hash };
  return hash;
}
