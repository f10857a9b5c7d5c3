import { issue, pointer, type Locale } from '@baton/engine';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../errors/api-error.js';
import { requestLocale } from '../i18n/request-locale.js';
import '../errors/http-errors.js';

// NUL cannot be stored in PostgreSQL text or jsonb, and a lone surrogate is not Unicode: both would
// surface as a database error (a 500) instead of a 400 that names the field.
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

// Deeper bodies are never legitimate here, and every recursive walk further on (hashing, validation,
// jsonb) would otherwise overflow the stack on them and answer 500.
export const MAX_BODY_DEPTH = 128;
// The refusal names where the nesting starts, not the 128-segment pointer to where it crossed the limit.
const TOO_DEEP_PATH_SEGMENTS = 4;

interface BodyProblems {
  unstorable: string[];
  tooDeep?: string;
}

// `path` is one array pushed and popped along the walk (a pointer is built only for a problem): copying it
// at every key and item cost more than the checks on a typical small body.
function findProblems(value: unknown, path: Array<string | number>, out: BodyProblems): void {
  if (out.unstorable.length >= 20 || out.tooDeep) return;
  if (typeof value === 'string') {
    if (UNSTORABLE.test(value)) out.unstorable.push(pointer(...path));
    return;
  }
  if (value === null || typeof value !== 'object') return;
  if (path.length >= MAX_BODY_DEPTH) {
    out.tooDeep = pointer(...path.slice(0, TOO_DEEP_PATH_SEGMENTS));
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      path.push(i);
      findProblems(v, path, out);
      path.pop();
    });
    return;
  }
  for (const [k, v] of Object.entries(value)) {
    path.push(k);
    if (UNSTORABLE.test(k)) out.unstorable.push(pointer(...path));
    findProblems(v, path, out);
    path.pop();
  }
}

/**
 * The refusal of a parsed JSON body that cannot be stored or walked safely (too deep, a NUL or lone
 * surrogate in a string or key), or undefined when it is fine. Inbound webhooks, which parse their raw
 * body themselves after checking its signature, refuse the same bodies the same way.
 */
export function unstorableBodyError(value: unknown, locale: Locale): ApiError | undefined {
  const problems: BodyProblems = { unstorable: [] };
  findProblems(value, [], problems);
  if (problems.tooDeep !== undefined) {
    const tooDeep = issue('BATON_E_BODY_TOO_DEEP', problems.tooDeep, { limit: MAX_BODY_DEPTH }, locale);
    return new ApiError('BATON_E_REQUEST_INVALID', {}, [tooDeep], problems.tooDeep);
  }
  const paths = problems.unstorable;
  if (paths.length === 0) return undefined;
  const issues = paths.map((p) => issue('BATON_E_TEXT_UNSTORABLE', p, {}, locale));
  return new ApiError('BATON_E_REQUEST_INVALID', {}, issues, paths[0]);
}

/**
 * Fastify's JSON parser (prototype-poisoning safe), plus a check that every string can be stored.
 * Replaces the default parser for application/json.
 */
export function registerJsonBodyParser(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  // Fastify's text/plain parser would hand a string to routes whose schema wants an object ("Change this
  // value to object."); without it a text body answers 415 BATON_E_UNSUPPORTED_MEDIA_TYPE (send JSON).
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request: FastifyRequest, body, done) => {
    parse(request, body as string, (err: Error | null, value?: unknown) => {
      if (err) return done(err, undefined);
      const refused = unstorableBodyError(value, requestLocale(request.headers['accept-language']));
      done(refused ?? null, refused ? undefined : value);
    });
  });
}
