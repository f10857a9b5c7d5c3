import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * The security headers every response carries: helmet 8's defaults (what @fastify/helmet sent before),
 * except `upgrade-insecure-requests`, since on-premise installs often serve plain HTTP inside the company
 * network, where that directive would break every asset of the docs and the designer. The designer is served
 * by this app and runs under this policy (scripts and styles from 'self', inline style attributes allowed).
 *
 * A fixed list instead of @fastify/helmet, which builds helmet's middleware again on every request (about
 * 2 % of the server's busy time in a profile) and adds a second async hook per request.
 */
export const SECURITY_HEADERS: ReadonlyArray<readonly [string, string]> = [
  [
    'content-security-policy',
    "default-src 'self';base-uri 'self';font-src 'self' https: data:;form-action 'self';frame-ancestors 'self';" +
      "img-src 'self' data:;object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self' https: 'unsafe-inline'",
  ],
  ['cross-origin-opener-policy', 'same-origin'],
  ['cross-origin-resource-policy', 'same-origin'],
  ['origin-agent-cluster', '?1'],
  ['referrer-policy', 'no-referrer'],
  ['strict-transport-security', 'max-age=31536000; includeSubDomains'],
  ['x-content-type-options', 'nosniff'],
  ['x-dns-prefetch-control', 'off'],
  ['x-download-options', 'noopen'],
  ['x-frame-options', 'SAMEORIGIN'],
  ['x-permitted-cross-domain-policies', 'none'],
  ['x-xss-protection', '0'],
];

/**
 * Set on the raw response when the request arrives, as helmet did: a route's own `reply.header` (a file's
 * sandbox policy, the engine worker's policy) is sent with writeHead and so still wins, and error, 404 and
 * rate-limit answers carry the headers too.
 */
async function securityHeaders(app: FastifyInstance): Promise<void> {
  app.addHook('onRequest', (_request, reply, done) => {
    const raw = reply.raw;
    for (const [name, value] of SECURITY_HEADERS) raw.setHeader(name, value);
    done();
  });
}

export const securityHeadersPlugin = fp(securityHeaders, { name: 'baton-security-headers' });
