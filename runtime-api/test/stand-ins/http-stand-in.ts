import http, { type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as a stand-in received it. */
export interface RecordedRequest {
  method: string;
  /** Path and query as sent. */
  url: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
  json: unknown;
}

export type StandInHandler = (request: RecordedRequest, response: ServerResponse) => void | Promise<void>;

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  response.end(text);
}

/**
 * A real HTTP server on 127.0.0.1 (an ephemeral port) standing in for an external system: it records every
 * request and answers through a handler the test can swap (e.g. "down" for a while, then up again).
 */
export class HttpStandIn {
  readonly requests: RecordedRequest[] = [];
  handler: StandInHandler;
  private constructor(
    private readonly server: http.Server,
    handler: StandInHandler,
  ) {
    this.handler = handler;
  }

  static async start(handler: StandInHandler): Promise<HttpStandIn> {
    let standIn: HttpStandIn | undefined;
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const url = new URL(req.url ?? '/', 'http://stand-in');
        let json: unknown;
        try {
          json = body === '' ? undefined : JSON.parse(body);
        } catch {
          json = undefined;
        }
        const recorded: RecordedRequest = { method: req.method ?? 'GET', url: req.url ?? '/', path: url.pathname, query: url.searchParams, headers: req.headers, body, json };
        standIn!.requests.push(recorded);
        Promise.resolve(standIn!.handler(recorded, res)).catch((err: unknown) => {
          if (!res.headersSent) sendJson(res, 500, { error: String(err) });
        });
      });
    });
    standIn = new HttpStandIn(server, handler);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return standIn;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** http://127.0.0.1:<port> */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
