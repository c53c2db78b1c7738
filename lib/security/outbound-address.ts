// Which addresses a server-side request to a user-typed URL may reach. Pure: server/outbound.ts resolves names
// and connects. Classification is ipaddr.js's (a maintained table of IANA special-purpose ranges that also
// parses the short, decimal, octal and hex IPv4 forms and unwraps IPv4-mapped/compatible IPv6), not ours.
import ipaddr from 'ipaddr.js';

/** An operator's list of private hosts Runboard may call anyway: host names, addresses and CIDR ranges. */
export type AllowList = { hosts: Set<string>; ranges: [ipaddr.IPv4 | ipaddr.IPv6, number][] };

const NAT64 = ipaddr.parseCIDR('64:ff9b::/96');
// Deprecated IPv4-compatible IPv6 (::a.b.c.d, RFC 4291 §2.5.5.1): no public service uses it, so none is public.
const IPV4_COMPATIBLE = ipaddr.parseCIDR('::/96');

/**
 * The address's special-purpose range, 'unicast' for an ordinary public address. IPv4 inside IPv6
 * (::ffff:a.b.c.d and the well-known NAT64 prefix 64:ff9b::/96) is judged by its IPv4 address.
 */
export function addressRange(address: string): string {
  const ip = ipaddr.process(address);
  if (ip.kind() === 'ipv6' && ip.match(NAT64)) {
    const bytes = ip.toByteArray().slice(12);
    return ipaddr.fromByteArray(bytes).range();
  }
  const range = ip.range();
  return range === 'unicast' && ip.kind() === 'ipv6' && ip.match(IPV4_COMPATIBLE) ? 'ipv4Compatible' : range;
}

/** True for an address anyone on the internet could reach: no loopback, private, link-local, metadata, … */
export const isPublicAddress = (address: string): boolean =>
  ipaddr.isValid(address) && addressRange(address) === 'unicast';

/** `chat.internal, 10.0.0.5, 10.1.0.0/16` → an allow list; blanks and repeated commas are ignored. */
export function parseAllowList(text: string | undefined): AllowList {
  const list: AllowList = { hosts: new Set(), ranges: [] };
  for (const raw of (text ?? '').split(',')) {
    const entry = raw
      .trim()
      .toLowerCase()
      .replace(/^\[|\]$/g, '');
    if (!entry) continue;
    if (entry.includes('/') && ipaddr.isValidCIDR(entry)) list.ranges.push(ipaddr.parseCIDR(entry));
    else if (ipaddr.isValid(entry))
      list.ranges.push([ipaddr.parse(entry), ipaddr.parse(entry).kind() === 'ipv4' ? 32 : 128]);
    else list.hosts.add(entry.replace(/\.$/, ''));
  }
  return list;
}

/** Whether the operator allowed this host name, or this address (by itself or within a listed range). */
export function isAllowListed(list: AllowList, host: string, address: string): boolean {
  if (list.hosts.has(host.toLowerCase().replace(/\.$/, ''))) return true;
  const ip = ipaddr.process(address);
  return list.ranges.some(([net, bits]) => net.kind() === ip.kind() && ip.match(net, bits));
}

/** The http(s) URL and its host (IPv6 without brackets), or null for anything else. */
export function outboundTarget(text: string): { url: URL; host: string } | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  // The WHATWG parser has already turned 2130706433, 0x7f.1, 017700000001 and 127.1 into 127.0.0.1.
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return host ? { url, host } : null;
}
