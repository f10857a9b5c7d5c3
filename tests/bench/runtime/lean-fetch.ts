import { Agent, request } from 'node:http';

/**
 * A fetch for the load generator over node:http with kept-alive sockets. The benchmark's client shares the
 * 2-core machine with the server and PostgreSQL, as pgbench's client does; undici's fetch costs it about
 * 1.4 ms of CPU per request (its streams and WHATWG objects), which is taken from the system under test.
 * pgbench is a small C client for the same reason. Enough of fetch for @baton/client's JSON calls.
 */
export function leanFetch(maxSockets: number): (input: string, init: RequestInit) => Promise<Response> {
  const agent = new Agent({ keepAlive: true, maxSockets, scheduling: 'lifo' });
  return (input, init) =>
    new Promise<Response>((resolve, reject) => {
      const headers: Record<string, string> = {};
      new Headers(init.headers).forEach((value, name) => (headers[name] = value));
      const body = typeof init.body === 'string' ? init.body : undefined;
      if (init.body !== undefined && init.body !== null && body === undefined) throw new Error('leanFetch sends string bodies only');
      if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
      const req = request(input, { method: init.method ?? 'GET', headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(res.headers)) if (typeof value === 'string') responseHeaders.set(name, value);
          const status = res.statusCode ?? 0;
          const noBody = status === 204 || status === 304;
          resolve(new Response(noBody ? null : Buffer.concat(chunks), { status, headers: responseHeaders }));
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
}
