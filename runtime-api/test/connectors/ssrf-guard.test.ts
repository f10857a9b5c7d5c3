import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectorFailure } from '../../src/connectors/connector-failure.js';
import type { HostResolver } from '../../src/connectors/connector-type.js';
import { createConnectorHttp, joinUrl } from '../../src/connectors/http/connector-http.js';
import { classifyExchange, parseRetryAfter } from '../../src/connectors/http/http-outcome.js';
import { classifyAddress } from '../../src/connectors/http/ip-policy.js';
import { Redactor } from '../../src/connectors/http/redactor.js';
import { parseTargetUrl, pinHost } from '../../src/connectors/http/ssrf-guard.js';
import { fillTemplate, truncateUtf8 } from '../../src/connectors/text-templates.js';
import { HttpStandIn, sendJson } from '../stand-ins/http-stand-in.js';

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConnectorFailure) return err.code;
    throw err;
  }
  return 'accepted';
}

async function asyncCodeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ConnectorFailure) return err.code;
    throw err;
  }
  return 'accepted';
}

describe('the address policy', () => {
  const refused = [
    ['127.0.0.1', 'loopback'], ['127.255.0.9', 'loopback'], ['10.1.2.3', 'private'], ['172.16.0.1', 'private'], ['192.168.1.1', 'private'],
    ['169.254.169.254', 'cloud metadata'], ['169.254.1.1', 'linkLocal'], ['100.100.100.200', 'cloud metadata'], ['100.64.0.1', 'carrierGradeNat'],
    ['224.0.0.1', 'multicast'], ['0.0.0.0', 'unspecified'], ['255.255.255.255', 'broadcast'], ['192.0.2.10', 'reserved'], ['198.18.0.1', 'reserved'],
    ['::1', 'loopback'], ['::', 'unspecified'], ['fe80::1', 'linkLocal'], ['fc00::1', 'uniqueLocal'], ['fd00:ec2::254', 'cloud metadata'],
    ['ff02::1', 'multicast'], ['::ffff:127.0.0.1', 'IPv4-mapped IPv6'], ['::ffff:7f00:1', 'IPv4-mapped IPv6'], ['::ffff:a9fe:a9fe', 'IPv4-mapped IPv6'],
    ['::7f00:1', 'IPv4-compatible IPv6'], ['::a9fe:a9fe', 'IPv4-compatible IPv6'], ['64:ff9b::7f00:1', 'rfc6052'], ['64:ff9b::a9fe:a9fe', 'rfc6052'], ['2002:7f00:1::', '6to4'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'teredo'], ['[::1]', 'loopback'], ['fe80::1%eth0', 'linkLocal'],
  ] as const;

  it.each(refused)('refuses %s (%s)', (address, range) => {
    expect(classifyAddress(address)).toEqual({ allowed: false, range });
  });

  it.each(['8.8.8.8', '1.1.1.1', '203.208.60.1', '2606:4700:4700::1111', '2400:3200::1'])('allows global unicast %s', (address) => {
    expect(classifyAddress(address)).toEqual({ allowed: true });
  });
});

describe('URL checks before any DNS', () => {
  it.each([
    ['http://2130706433/', 'decimal'],
    ['http://0177.0.0.1/', 'octal'],
    ['http://0x7f000001/', 'hex'],
    ['http://0x7f.0.0.1/', 'hex dotted'],
    ['http://127.1/', 'short'],
    ['http://127.0.0.%31/', 'percent-encoded'],
    ['http://017700000001/', 'octal whole'],
    ['http://0251.0376.0251.0376/', 'octal metadata'],
  ])('refuses the IPv4 spelling %s (%s)', (url) => {
    expect(codeOf(() => parseTargetUrl(url))).toBe('BATON_E_SSRF_IP_SPELLING');
  });

  it.each(['ftp://example.com/x', 'file:///etc/passwd', 'gopher://example.com/', 'javascript:alert(1)', 'data:text/plain,hi', 'ws://example.com/'])('refuses the scheme of %s', (url) => {
    expect(codeOf(() => parseTargetUrl(url))).toBe('BATON_E_SSRF_SCHEME');
  });

  it.each(['http://user:pass@example.com/', 'http://user@example.com/', 'https://example.com@169.254.169.254/', 'http://:@example.com/'])('refuses user-info in %s', (url) => {
    expect(codeOf(() => parseTargetUrl(url))).toBe('BATON_E_SSRF_USERINFO');
  });

  it('accepts ordinary URLs and canonical addresses', () => {
    expect(parseTargetUrl('https://oapi.dingtalk.com/robot/send').hostname).toBe('oapi.dingtalk.com');
    expect(parseTargetUrl('http://127.0.0.1:8080/x').hostname).toBe('127.0.0.1');
    expect(parseTargetUrl('http://[::1]:8080/x').hostname).toBe('[::1]');
    expect(codeOf(() => parseTargetUrl('not a url'))).toBe('BATON_E_SSRF_URL_INVALID');
  });

  it('keeps paths on baseUrl\'s origin', () => {
    expect(joinUrl('https://crm.example.com/api/', '/customers/1')).toBe('https://crm.example.com/api/customers/1');
    expect(joinUrl('https://crm.example.com/api', 'customers?x=1')).toBe('https://crm.example.com/api/customers?x=1');
    expect(codeOf(() => joinUrl('https://crm.example.com/api', '//evil.example/x'))).toBe('BATON_E_SSRF_ORIGIN_CHANGED');
    expect(codeOf(() => joinUrl('https://crm.example.com/api', 'http://169.254.169.254/latest'))).toBe('BATON_E_SSRF_ORIGIN_CHANGED');
    // Template values are percent-encoded: they cannot add segments, a query or a host.
    expect(fillTemplate('/customers/{{id}}', { id: '../../admin?x=@evil.example' }, 'url', 'crm')).toBe('/customers/..%2F..%2Fadmin%3Fx%3D%40evil.example');
  });
});

describe('resolution: once, checked, pinned', () => {
  const map = (table: Record<string, string[]>): HostResolver & { calls: string[] } => {
    const calls: string[] = [];
    const resolve = async (host: string) => {
      calls.push(host);
      const found = table[host];
      if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
      return found.map((address) => ({ address, family: address.includes(':') ? (6 as const) : (4 as const) }));
    };
    return Object.assign(resolve, { calls });
  };

  it('refuses names that resolve to internal addresses, even one among public ones (rebinding)', async () => {
    const resolve = map({ 'evil.test': ['10.0.0.5'], 'meta.test': ['169.254.169.254'], 'mixed.test': ['93.184.216.34', '127.0.0.1'], 'v6.test': ['::ffff:10.0.0.1'], 'ok.test': ['93.184.216.34'] });
    for (const host of ['evil.test', 'meta.test', 'mixed.test', 'v6.test']) expect(await asyncCodeOf(pinHost(host, [], resolve))).toBe('BATON_E_SSRF_BLOCKED');
    expect(await pinHost('ok.test', [], resolve)).toMatchObject({ address: '93.184.216.34', family: 4, allowListed: false });
    expect(await asyncCodeOf(pinHost('nowhere.test', [], resolve))).toBe('BATON_E_SSRF_UNRESOLVED');
  });

  it('lets allowHosts name an internal host explicitly, and nothing else', async () => {
    const resolve = map({ 'intranet.test': ['10.0.0.5'] });
    expect(await pinHost('intranet.test', ['INTRANET.test.'], resolve)).toMatchObject({ address: '10.0.0.5', allowListed: true });
    expect(await pinHost('127.0.0.1', ['127.0.0.1'], resolve)).toMatchObject({ address: '127.0.0.1', allowListed: true });
    expect(await asyncCodeOf(pinHost('127.0.0.2', ['127.0.0.1'], resolve))).toBe('BATON_E_SSRF_BLOCKED');
  });
});

describe('the guarded client against a real listener', () => {
  let listener: HttpStandIn;
  const secret = 'tok-SECRET-4242';
  const resolver = (answers: Record<string, string[][]>) => {
    const calls: string[] = [];
    const fn: HostResolver = async (host) => {
      calls.push(host);
      const queue = answers[host];
      if (!queue || queue.length === 0) throw Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' });
      const next = queue.length > 1 ? queue.shift()! : queue[0]!;
      return next.map((address) => ({ address, family: 4 as const }));
    };
    return Object.assign(fn, { calls });
  };
  const client = (options: { allowHosts?: string[]; resolve?: HostResolver; timeoutMs?: number; baseUrl?: string } = {}) =>
    createConnectorHttp({
      baseUrl: options.baseUrl,
      allowHosts: options.allowHosts ?? ['127.0.0.1'],
      timeoutMs: options.timeoutMs ?? 2000,
      resolve: options.resolve ?? resolver({}),
      idempotencyKey: 'effect-key-1',
      redactor: new Redactor([secret]),
      signal: new AbortController().signal,
    });

  beforeAll(async () => {
    listener = await HttpStandIn.start((req, res) => {
      if (req.path === '/redirect') {
        res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/iam/security-credentials/' });
        res.end();
        return;
      }
      if (req.path === '/slow') return; // never answers
      if (req.path === '/busy') return sendJson(res, 429, { error: 'slow down' }, { 'retry-after': '7' });
      sendJson(res, 200, { ok: true, echo: req.headers.authorization ?? null });
    });
  });
  afterAll(() => listener.close());

  it('reaches no listener with any SSRF form, even with 127.0.0.1 allowed', async () => {
    const port = listener.port;
    const rebinding = resolver({ 'evil.test': [['127.0.0.1']], 'mixed.test': [['93.184.216.34', '127.0.0.1']] });
    const corpus = [
      `http://2130706433:${port}/`,
      `http://0177.0.0.1:${port}/`,
      `http://0x7f000001:${port}/`,
      `http://0x7f.0.0.1:${port}/`,
      `http://127.1:${port}/`,
      `http://127.0.0.%31:${port}/`,
      `http://[::ffff:127.0.0.1]:${port}/`,
      `http://[::ffff:7f00:1]:${port}/`,
      `http://[::1]:${port}/`,
      `http://evil.test:${port}/`,
      `http://mixed.test:${port}/`,
      `http://user:pass@127.0.0.1:${port}/`,
      `http://127.0.0.1:${port}@evil.test/`,
      `ftp://127.0.0.1:${port}/`,
      `file:///etc/passwd`,
    ];
    const before = listener.requests.length;
    const http = client({ resolve: rebinding });
    for (const url of corpus) {
      const code = await asyncCodeOf(http.request({ method: 'GET', url }));
      expect(code, url).toMatch(/^BATON_E_SSRF_/);
    }
    expect(listener.requests.length - before).toBe(0);
  });

  it('does not follow a redirect to the metadata address: one request, answered 302, dead', async () => {
    const before = listener.requests.length;
    const exchange = await client().request({ method: 'GET', url: `${listener.url}/redirect` });
    expect(exchange.status).toBe(302);
    expect(listener.requests.length - before).toBe(1);
    const verdict = classifyExchange(exchange, new Date());
    expect(verdict).toMatchObject({ status: 'dead', code: 'BATON_E_PEER_REDIRECT' });
  });

  it('resolves once per request and connects to the checked address, whatever DNS says next', async () => {
    const resolve = resolver({ 'pinned.test': [['127.0.0.1'], ['10.9.9.9']] });
    const exchange = await client({ allowHosts: ['pinned.test'], resolve }).request({ method: 'GET', url: `http://pinned.test:${listener.port}/ok` });
    expect(exchange.status).toBe(200);
    expect(resolve.calls).toEqual(['pinned.test']);
    expect(listener.requests.at(-1)!.headers.host).toBe(`pinned.test:${listener.port}`);
  });

  it('sends the idempotency key, times out, honours Retry-After, and keeps secrets out of the log', async () => {
    const http = client({ baseUrl: listener.url });
    const ok = await http.request({ method: 'POST', url: `/ok?access_token=${secret}`, headers: { authorization: `Bearer ${secret}` }, json: { note: `x ${secret} y` } });
    expect(listener.requests.at(-1)!.headers['idempotency-key']).toBe('effect-key-1');
    expect(JSON.stringify(ok.log)).not.toContain(secret);
    expect(ok.log.request?.headers?.authorization).toBe('[redacted]');
    expect(await asyncCodeOf(client({ timeoutMs: 200 }).request({ method: 'GET', url: `${listener.url}/slow` }))).toBe('BATON_E_PEER_TIMEOUT');
    const busy = classifyExchange(await http.request({ method: 'GET', url: '/busy' }), new Date());
    expect(busy).toMatchObject({ status: 'retry', retryAfterMs: 7000 });
    expect(parseRetryAfter(new Date(Date.UTC(2030, 0, 1, 0, 0, 30)).toUTCString(), new Date(Date.UTC(2030, 0, 1)))).toBe(30_000);
  });

  it('cuts UTF-8 on a character boundary', () => {
    const text = '离职'.repeat(2000);
    const cut = truncateUtf8(text, 4096);
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(4096);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut).not.toContain('\uFFFD');
  });
});
