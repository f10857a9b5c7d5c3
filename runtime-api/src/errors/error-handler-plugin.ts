import { BatonError } from '@baton/engine';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { requestLocale } from '../i18n/request-locale.js';
import { ajvIssues } from './ajv-issues.js';
import { databaseRefusal } from './database-refusals.js';
import { errorBody, simpleErrorBody, batonErrorBody, type ErrorBody } from './error-body.js';
import './http-errors.js';

interface PgLikeError {
  code?: unknown;
}

// PostgreSQL states that mean "someone else changed this first": unique violation, serialization failure,
// deadlock. The client may retry; it is never a server bug.
const CONFLICT_STATES = new Set(['23505', '40001', '40P01']);

// Connection failures (class 08), an administrator shutting PostgreSQL down (57P01-57P03) and the
// socket errors node-postgres surfaces: the client should retry later, nothing is wrong with its request.
function isUnavailable(code: string): boolean {
  return code.startsWith('08') || /^57P0[1-3]$/.test(code) || ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND'].includes(code);
}

// node-postgres reports a connection the server cut mid-transaction, and a pool that could not connect in
// time, with plain Errors (no SQLSTATE): the database went away, the request was fine.
const LOST_CONNECTION = /^(Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect)/;

function lostConnection(err: Error): boolean {
  return (err as PgLikeError).code === undefined && LOST_CONNECTION.test(err.message);
}

// A module loaded on first use (PDF rendering, S3) whose file went away under a running server: its bundle
// folder was removed or replaced. A restart (or the next deploy step) fixes it; the request was fine.
function lazyModuleMissing(err: Error): boolean {
  const code = (err as { code?: unknown }).code;
  return code === 'ERR_MODULE_NOT_FOUND' || (code === 'MODULE_NOT_FOUND' && /Cannot find module/.test(err.message));
}

function send(reply: FastifyReply, status: number, body: ErrorBody): FastifyReply {
  return reply.status(status).header('content-language', reply.request.locale).send(body);
}

function handleError(this: FastifyInstance, err: FastifyError | BatonError | Error, request: FastifyRequest, reply: FastifyReply) {
  const locale = request.locale;
  if (err instanceof BatonError) return send(reply, err.status, batonErrorBody(err, locale));

  const fe = err as FastifyError;
  if (fe.validation) {
    const issues = ajvIssues(fe.validation as never, fe.validationContext ?? 'body', locale);
    return send(reply, 400, errorBody('BATON_E_REQUEST_INVALID', {}, issues, issues[0]?.path ?? '', locale));
  }
  switch (fe.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return send(reply, 400, simpleErrorBody('BATON_E_MALFORMED_JSON', {}, '', locale));
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return send(reply, 400, simpleErrorBody('BATON_E_EMPTY_JSON_BODY', {}, '', locale));
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return send(reply, 413, simpleErrorBody('BATON_E_BODY_TOO_LARGE', { limit: request.routeOptions.bodyLimit }, '', locale));
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return send(reply, 415, simpleErrorBody('BATON_E_UNSUPPORTED_MEDIA_TYPE', {}, '', locale));
    default:
      break;
  }
  const refused = databaseRefusal(err);
  if (refused) {
    request.log.warn({ err }, 'a database guard refused the change');
    return send(reply, refused.status, simpleErrorBody(refused.code, refused.params, refused.path, locale));
  }
  if (lazyModuleMissing(err)) {
    request.log.error({ err }, 'a lazily loaded module is missing (server files replaced while running?)');
    reply.header('retry-after', '10');
    return send(reply, 503, simpleErrorBody('BATON_E_SERVER_FILES_CHANGED', {}, '', locale));
  }
  const pgCode = (err as PgLikeError).code;
  if ((typeof pgCode === 'string' && isUnavailable(pgCode)) || lostConnection(err)) {
    request.log.warn({ err }, 'database unavailable');
    reply.header('retry-after', '5');
    return send(reply, 503, simpleErrorBody('BATON_E_DATABASE_UNAVAILABLE', {}, '', locale));
  }
  if (typeof pgCode === 'string' && CONFLICT_STATES.has(pgCode)) {
    request.log.info({ err }, 'conflicting concurrent write');
    return send(reply, 409, simpleErrorBody('BATON_E_CONFLICT', {}, '', locale));
  }
  // Data exceptions (class 22: a value out of range, bad encoding) are the input's fault, not the server's.
  if (typeof pgCode === 'string' && pgCode.startsWith('22')) {
    request.log.info({ err }, 'database refused a value');
    return send(reply, 400, simpleErrorBody('BATON_E_BAD_REQUEST', { detail: 'a value cannot be stored' }, '', locale));
  }
  const status = typeof fe.statusCode === 'number' ? fe.statusCode : 500;
  if (status >= 400 && status < 500) {
    return send(reply, status, simpleErrorBody('BATON_E_BAD_REQUEST', { detail: err.message }, '', locale));
  }
  request.log.error({ err }, 'unhandled error');
  return send(reply, 500, simpleErrorBody('BATON_E_INTERNAL', { requestId: request.id }, '', locale));
}

/**
 * One place turns every failure into the `{ error: { code, message, path, issues } }` body, in the
 * caller's language. Registered at the root so every encapsulated plugin inherits it.
 */
export const errorHandlerPlugin = fp(
  async (app: FastifyInstance) => {
    app.decorateRequest('locale', 'en');
    app.addHook('onRequest', async (request) => {
      request.locale = requestLocale(request.headers['accept-language']);
    });
    app.setErrorHandler(handleError);
    app.setNotFoundHandler((request, reply) => {
      const url = request.url.split('?')[0] ?? request.url;
      send(reply, 404, simpleErrorBody('BATON_E_ROUTE_NOT_FOUND', { method: request.method, url }, '', request.locale));
    });
  },
  { name: 'baton-error-handler' },
);
