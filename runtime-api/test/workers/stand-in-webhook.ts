import type { NotifyEffect } from '@baton/engine';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OutboxHandler } from '../../src/workers/outbox-handler.js';

export interface ScriptedResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Hold the response until this resolves (an in-flight delivery). */
  hold?: Promise<void>;
}

export interface ReceivedRequest {
  idempotencyKey: string | undefined;
  body: unknown;
}

/** A real HTTP server on 127.0.0.1 standing in for a notification service; answers from a script, then 200. */
export class StandInWebhook {
  readonly received: ReceivedRequest[] = [];
  readonly script: ScriptedResponse[] = [];
  url = '';
  private server: http.Server | undefined;
  private onRequest: (() => void) | undefined;

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      req.on('end', () => {
        this.received.push({ idempotencyKey: req.headers['idempotency-key'] as string | undefined, body: JSON.parse(raw || 'null') });
        this.onRequest?.();
        const next = this.script.shift() ?? { status: 200, body: { ok: true } };
        void (next.hold ?? Promise.resolve()).then(() => {
          res.writeHead(next.status, { 'content-type': 'application/json', ...next.headers });
          res.end(JSON.stringify(next.body ?? {}));
        });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/notify`;
    return this.url;
  }

  /** Resolves when the next request arrives. */
  nextRequest(): Promise<void> {
    return new Promise((resolve) => (this.onRequest = resolve));
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** A `notify` handler posting to the stand-in: 2xx delivered, 410 dead, anything else retried (Retry-After honoured). */
export function webhookNotifyHandler(url: string): OutboxHandler<'notify'> {
  return {
    type: 'notify',
    async handle(delivery, ctx) {
      const effect: NotifyEffect = delivery.effect;
      const body = { to: effect.to, title: effect.title };
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': delivery.idempotencyKey },
        body: JSON.stringify(body),
        signal: ctx.signal,
      });
      const log = { request: { method: 'POST', url, body }, response: { status: res.status, body: await res.json() as unknown } };
      if (res.ok) return { status: 'delivered', log };
      if (res.status === 410) return { status: 'dead', error: 'HTTP 410: the receiver is gone', log };
      const retryAfter = res.headers.get('retry-after');
      return { status: 'retry', error: `HTTP ${res.status}`, ...(retryAfter ? { retryAfterMs: Number(retryAfter) * 1000 } : {}), log };
    },
  };
}
