import type { ServerResponse } from 'node:http';
import { Webhook } from 'standardwebhooks';
import { HttpStandIn, sendJson, type RecordedRequest } from './http-stand-in.js';

export type ReceiverMode =
  | { kind: 'up' }
  | { kind: 'down'; status: number; retryAfter?: string }
  | { kind: 'gone' }
  | { kind: 'redirect'; location: string }
  | { kind: 'reset' };

/**
 * A webhook receiver that does what a careful one does: verifies the Standard Webhooks signature with the
 * shared secret (the `standardwebhooks` package, 5-minute window) and applies each `webhook-id` once, so a
 * redelivery is acknowledged without a second effect.
 */
export class WebhookReceiver {
  mode: ReceiverMode = { kind: 'up' };
  /** Effects applied: one per distinct webhook-id. */
  readonly applied: Array<{ id: string; event: Record<string, unknown> }> = [];
  readonly rejectedSignatures: RecordedRequest[] = [];

  private constructor(
    readonly http: HttpStandIn,
    private readonly secret: string,
  ) {}

  static async start(secret: string): Promise<WebhookReceiver> {
    let receiver: WebhookReceiver | undefined;
    const http = await HttpStandIn.start((req, res) => receiver!.handle(req, res));
    receiver = new WebhookReceiver(http, secret);
    return receiver;
  }

  get url(): string {
    return `${this.http.url}/hooks/baton`;
  }

  /** The deliveries that reached the receiver (whatever it answered). */
  get requests(): RecordedRequest[] {
    return this.http.requests;
  }

  private handle(req: RecordedRequest, res: ServerResponse): void {
    const mode = this.mode;
    if (mode.kind === 'reset') {
      res.socket?.destroy();
      return;
    }
    if (mode.kind === 'down') {
      sendJson(res, mode.status, { error: 'maintenance' }, mode.retryAfter ? { 'retry-after': mode.retryAfter } : {});
      return;
    }
    if (mode.kind === 'gone') {
      sendJson(res, 410, { error: 'this endpoint was removed' });
      return;
    }
    if (mode.kind === 'redirect') {
      res.writeHead(302, { location: mode.location });
      res.end();
      return;
    }
    try {
      new Webhook(this.secret).verify(req.body, req.headers as Record<string, string>);
    } catch {
      this.rejectedSignatures.push(req);
      sendJson(res, 401, { error: 'bad signature' });
      return;
    }
    const id = String(req.headers['webhook-id']);
    if (!this.applied.some((a) => a.id === id)) this.applied.push({ id, event: req.json as Record<string, unknown> });
    sendJson(res, 200, { ok: true });
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
