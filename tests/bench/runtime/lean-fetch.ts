import { Agent, request, type IncomingHttpHeaders } from 'node:http';

/**
 * A fetch for the load generator over node:http with kept-alive sockets. The benchmark's client shares the
 * 2-core machine with the server and PostgreSQL, as pgbench's client does; undici's fetch costs it about
 * 1.4 ms of CPU per request (its streams and WHATWG objects), which is taken from the system under test.
 * pgbench is a small C client for the same reason. Enough of fetch for @baton/client's JSON calls: plain
 * header records in, and a small Response-like answer out (ok, status, headers.get, text, json,
 * arrayBuffer) instead of a WHATWG Response, whose construction alone cost ~0.1 ms per request.
 */
export function leanFetch(maxSockets: number): (input: string, init: RequestInit) => Promise<Response> {
  const agent = new Agent({ keepAlive: true, maxSockets, scheduling: 'lifo' });
  return (input, init) =>
    new Promise<Response>((resolve, reject) => {
      const headers = headerRecord(init.headers);
      const body = typeof init.body === 'string' ? init.body : undefined;
      if (init.body !== undefined && init.body !== null && body === undefined) throw new Error('leanFetch sends string bodies only');
      if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
      const req = request(input, { method: init.method ?? 'GET', headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve(leanResponse(res.statusCode ?? 0, res.statusMessage ?? '', res.headers, Buffer.concat(chunks))));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
}

function headerRecord(init: RequestInit['headers']): Record<string, string> {
  if (init === undefined) return {};
  if (init instanceof Headers || Array.isArray(init)) {
    const out: Record<string, string> = {};
    new Headers(init).forEach((value, name) => (out[name] = value));
    return out;
  }
  return { ...(init as Record<string, string>) };
}

/** What @baton/client reads of a Response; the body is read once, as fetch's is. */
function leanResponse(status: number, statusText: string, headers: IncomingHttpHeaders, bytes: Buffer): Response {
  const header = (name: string) => {
    const value = headers[name.toLowerCase()];
    return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
  };
  const text = async () => bytes.toString('utf8');
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText,
    headers: { get: header, has: (name: string) => header(name) !== null },
    body: null,
    text,
    json: async () => JSON.parse(await text()) as unknown,
    arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
  } as unknown as Response;
}
