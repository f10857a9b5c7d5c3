import ipaddr from 'ipaddr.js';
import { isIP } from 'node:net';

/** Why an address may not be reached, or null when it is global unicast. */
export type AddressVerdict = { allowed: true } | { allowed: false; range: string };

// The cloud metadata endpoints are link-local / unique-local already; named so the refusal says what it is.
const METADATA = new Set(['169.254.169.254', 'fd00:ec2::254', '100.100.100.200']);

/**
 * Only global unicast addresses pass (an allow-list, so a range nobody thought of is refused too): loopback,
 * RFC 1918 private, link-local, CGNAT (100.64/10), multicast, unspecified, broadcast, reserved and
 * documentation ranges, unique-local IPv6, and every IPv6 form that embeds or tunnels an IPv4 address
 * (IPv4-mapped ::ffff:0:0/96, IPv4-compatible ::/96, SIIT, NAT64 64:ff9b::/96, 6to4 2002::/16, Teredo) are refused.
 */
export function classifyAddress(address: string): AddressVerdict {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (isIP(bare) === 0) return { allowed: false, range: 'not an IP address' };
  if (METADATA.has(bare.toLowerCase())) return { allowed: false, range: 'cloud metadata' };
  const parsed = ipaddr.parse(bare);
  if (parsed.kind() === 'ipv6') {
    const v6 = parsed as ipaddr.IPv6;
    const range = v6.range();
    if (range === 'loopback' || range === 'unspecified') return { allowed: false, range };
    // ::ffff:0:0/96 and ::/96 (IPv4-compatible, deprecated) are how "::127.0.0.1" sneaks past a v4 check.
    if (v6.isIPv4MappedAddress()) return { allowed: false, range: 'IPv4-mapped IPv6' };
    if (v6.parts.slice(0, 6).every((p) => p === 0)) return { allowed: false, range: 'IPv4-compatible IPv6' };
    return range === 'unicast' ? { allowed: true } : { allowed: false, range };
  }
  const range = (parsed as ipaddr.IPv4).range();
  return range === 'unicast' ? { allowed: true } : { allowed: false, range };
}
