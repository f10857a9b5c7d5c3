import { ConnectorFailure } from '../connector-failure.js';
import type { ActionResult } from '../connector-type.js';
import type { HttpExchange } from '../http/connector-http.js';
import { classifyExchange, failureResult } from '../http/http-outcome.js';

/**
 * DingTalk and WeCom robots answer HTTP 200 with `{ errcode, errmsg }`: 0 is success, throttling codes are
 * retried after the wait the platform imposes, anything else is a configuration problem (bad token, keyword
 * or signature) that retrying cannot fix.
 */
export function robotResult(exchange: HttpExchange, now: Date, throttled: Readonly<Record<number, number>>, note: string): ActionResult {
  const verdict = classifyExchange(exchange, now);
  if (verdict !== 'ok') return verdict;
  const reply = exchange.json as { errcode?: unknown; errmsg?: unknown } | undefined;
  const errcode = typeof reply?.errcode === 'number' ? reply.errcode : 0;
  if (errcode === 0) return { status: 'ok', log: exchange.log, note };
  const errmsg = typeof reply?.errmsg === 'string' ? reply.errmsg : 'no message';
  const wait = throttled[errcode];
  const failure = new ConnectorFailure('BATON_E_PEER_ERROR_CODE', { errcode, errmsg }, wait !== undefined ? { retry: true, retryAfterMs: wait } : {});
  failure.log = exchange.log;
  return failureResult(failure);
}
