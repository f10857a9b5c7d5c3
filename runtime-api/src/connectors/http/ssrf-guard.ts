import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { HostResolver } from '../connector-type.js';
import { ConnectorFailure } from '../connector-failure.js';
import { classifyAddress } from './ip-policy.js';

/** Where a request may go: the URL, and the one address it will connect to (resolved once, then pinned). */
export interface PinnedTarget {
  url: URL;
  /** Host name without brackets, as compared with allowHosts. */
  hostname: string;
  address: string;
  family: 4 | 6;
  /** True when allowHosts named the host, so the address policy did not apply. */
  allowListed: boolean;
}

/** The system resolver: every address of the name, in the order the OS gives them. */
export const systemResolver: HostResolver = async (hostname) => {
  const found = await lookup(hostname, { all: true, verbatim: true });
  return found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

function bare(host: string): string {
  return host.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
}

export function normalizeAllowHosts(allowHosts: readonly string[] | undefined): Set<string> {
  return new Set((allowHosts ?? []).map(bare));
}

/** The authority exactly as written, before the URL parser canonicalises it. */
function rawAuthority(raw: string): string | undefined {
  return /^[a-zA-Z][a-zA-Z0-9+.-]*:[/\\]{2}([^/?#\\]*)/.exec(raw.trim())?.[1];
}

function rawHost(authority: string): string {
  if (authority.startsWith('[')) return authority.slice(0, authority.indexOf(']') + 1);
  const colon = authority.lastIndexOf(':');
  return colon === -1 ? authority : authority.slice(0, colon);
}

/**
 * Checks what can be checked without DNS: http(s) only, no user-info, and no IPv4 address written in an
 * unusual spelling (decimal 2130706433, octal 0177.0.0.1, hex 0x7f.1, short 127.1, percent-encoded), which
 * the URL parser would quietly turn into a dotted quad — such spellings are how filters are dodged.
 */
export function parseTargetUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConnectorFailure('BATON_E_SSRF_URL_INVALID', { url: raw.slice(0, 200) });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConnectorFailure('BATON_E_SSRF_SCHEME', { scheme: url.protocol.replace(/:$/, '') });
  }
  const authority = rawAuthority(raw);
  if (url.username !== '' || url.password !== '' || authority === undefined || authority.includes('@')) {
    throw new ConnectorFailure('BATON_E_SSRF_USERINFO', {});
  }
  const written = bare(rawHost(authority));
  const canonical = bare(url.hostname);
  if (isIP(canonical) === 4 && written !== canonical) {
    throw new ConnectorFailure('BATON_E_SSRF_IP_SPELLING', { written, canonical });
  }
  return url;
}

/**
 * Resolves a host once and decides whether it may be reached. A host named in allowHosts may resolve to
 * anything (tests allow 127.0.0.1 this way); any other host must resolve only to global unicast addresses —
 * one private answer among public ones refuses the lot (DNS rebinding). The first address is pinned: the
 * connection goes to exactly the address that was checked.
 */
export async function pinHost(host: string, allowHosts: readonly string[] | undefined, resolve: HostResolver): Promise<Omit<PinnedTarget, 'url'>> {
  const hostname = bare(host);
  const allowListed = normalizeAllowHosts(allowHosts).has(hostname);
  let addresses: Array<{ address: string; family: 4 | 6 }>;
  const literal = isIP(hostname);
  if (literal !== 0) addresses = [{ address: hostname, family: literal === 6 ? 6 : 4 }];
  else {
    try {
      addresses = await resolve(hostname);
    } catch (err) {
      throw new ConnectorFailure('BATON_E_SSRF_UNRESOLVED', { host: hostname, reason: (err as NodeJS.ErrnoException).code ?? String(err) }, { retry: true });
    }
    if (addresses.length === 0) throw new ConnectorFailure('BATON_E_SSRF_UNRESOLVED', { host: hostname, reason: 'no address' }, { retry: true });
  }
  if (!allowListed) {
    for (const { address } of addresses) {
      const verdict = classifyAddress(address);
      if (!verdict.allowed) throw new ConnectorFailure('BATON_E_SSRF_BLOCKED', { host: hostname, address, range: verdict.range });
    }
  }
  const first = addresses[0]!;
  return { hostname, address: first.address, family: first.family, allowListed };
}

export async function pinTarget(raw: string, allowHosts: readonly string[] | undefined, resolve: HostResolver): Promise<PinnedTarget> {
  const url = parseTargetUrl(raw);
  return { url, ...(await pinHost(url.hostname, allowHosts, resolve)) };
}
