import { issue, pointer, type Locale } from '@baton/engine';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../errors/api-error.js';
import { requestLocale } from '../i18n/request-locale.js';
import '../errors/http-errors.js';

// NUL cannot be stored in PostgreSQL text or jsonb, and a lone surrogate is not Unicode: both would
// surface as a database error (a 500) instead of a 400 that names the field.
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function findUnstorable(value: unknown, path: Array<string | number>, out: string[]): void {
  if (out.length >= 20) return;
  if (typeof value === 'string') {
    if (UNSTORABLE.test(value)) out.push(pointer(...path));
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => findUnstorable(v, [...path, i], out));
    return;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (UNSTORABLE.test(k)) out.push(pointer(...path, k));
      findUnstorable(v, [...path, k], out);
    }
  }
}

/**
 * Fastify's JSON parser (prototype-poisoning safe), plus a check that every string can be stored.
 * Replaces the default parser for application/json.
 */
export function registerJsonBodyParser(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request: FastifyRequest, body, done) => {
    parse(request, body as string, (err: Error | null, value?: unknown) => {
      if (err) return done(err, undefined);
      const paths: string[] = [];
      findUnstorable(value, [], paths);
      if (paths.length === 0) return done(null, value);
      const locale: Locale = requestLocale(request.headers['accept-language']);
      const issues = paths.map((p) => issue('BATON_E_TEXT_UNSTORABLE', p, {}, locale));
      done(new ApiError('BATON_E_REQUEST_INVALID', {}, issues, paths[0]), undefined);
    });
  });
}
