// The one outbound policy for server-side requests to URLs that users type (alert webhooks today). Without it a
// project owner could make Runboard call 127.0.0.1, the cloud metadata service or the office network and read the
// answer back: an internal port scanner. Every such request goes through checkOutboundUrl, then connects to the
// exact address that was checked (a second DNS answer cannot swap it), follows no redirect, gives up quickly, and
// reports only a coarse outcome.
import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { type LookupFunction, isIP } from 'node:net';
import {
  type AllowList,
  addressRange,
  isAllowListed,
  outboundTarget,
  parseAllowList,
} from '@/lib/security/outbound-address';

export type Resolve = (host: string) => Promise<{ address: string; family: number }[]>;
export type OutboundOptions = {
  /** Private hosts the operator allows; defaults to RUNBOARD_OUTBOUND_ALLOW_HOSTS. */
  allow?: AllowList;
  resolve?: Resolve;
  connectTimeoutMs?: number;
  totalTimeoutMs?: number;
};
export type OutboundCheck =
  | { ok: true; url: URL; host: string; address: string; family: 4 | 6 }
  | { ok: false; reason: 'not-http' | 'unresolvable' | 'refused'; detail: string };
/** All the caller (and so the project owner) learns; the detail goes to the operator's log only. */
export type OutboundOutcome = 'delivered' | 'refused by policy' | 'failed';
export type PostJson = (url: string, body: unknown) => Promise<OutboundOutcome>;

export const OUTBOUND_CONNECT_TIMEOUT_MS = 3000;
export const OUTBOUND_TOTAL_TIMEOUT_MS = 5000;

const systemResolve: Resolve = (host) => dnsLookup(host, { all: true, verbatim: true });
const allowListFromEnv = () => parseAllowList(process.env.RUNBOARD_OUTBOUND_ALLOW_HOSTS);

/**
 * Resolves the URL's host and checks every address it resolves to: one private answer among public ones refuses
 * the URL, so a name cannot point half its records inside.
 */
export async function checkOutboundUrl(text: string, options: OutboundOptions = {}): Promise<OutboundCheck> {
  const target = outboundTarget(text);
  if (!target) return { ok: false, reason: 'not-http', detail: 'not an http(s) URL' };
  const { url, host } = target;
  const allow = options.allow ?? allowListFromEnv();
  let addresses: { address: string; family: number }[];
  if (isIP(host)) addresses = [{ address: host, family: isIP(host) }];
  else {
    try {
      addresses = await (options.resolve ?? systemResolve)(host);
    } catch (err) {
      return { ok: false, reason: 'unresolvable', detail: err instanceof Error ? err.message : String(err) };
    }
  }
  if (addresses.length === 0) return { ok: false, reason: 'unresolvable', detail: `${host} has no address` };
  for (const { address } of addresses) {
    const range = addressRange(address);
    if (range !== 'unicast' && !isAllowListed(allow, host, address))
      return { ok: false, reason: 'refused', detail: `${host} resolves to ${address} (${range})` };
  }
  const first = addresses[0]!;
  return { ok: true, url, host, address: first.address, family: first.family === 6 ? 6 : 4 };
}

/** A lookup that always answers the checked address, whatever DNS would say now. */
function pinnedLookup(address: string, family: 4 | 6): LookupFunction {
  return (_host, opts, callback) => {
    if (opts.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
}

/**
 * POSTs JSON to a checked URL: connects to the checked address only, never follows a redirect, reads nothing
 * of the answer but its status, and gives up after the connect and total timeouts.
 */
export async function postJsonOutbound(
  text: string,
  body: unknown,
  options: OutboundOptions = {},
): Promise<OutboundOutcome> {
  const check = await checkOutboundUrl(text, options);
  if (!check.ok) {
    console.warn(`outbound request refused: ${check.detail}`);
    return check.reason === 'refused' ? 'refused by policy' : 'failed';
  }
  const { url, host, address, family } = check;
  const payload = JSON.stringify(body);
  const connectMs = options.connectTimeoutMs ?? OUTBOUND_CONNECT_TIMEOUT_MS;
  const totalMs = options.totalTimeoutMs ?? OUTBOUND_TOTAL_TIMEOUT_MS;
  const tls = url.protocol === 'https:';
  return new Promise<OutboundOutcome>((resolve) => {
    let done = false;
    const timers: NodeJS.Timeout[] = [];
    const settle = (outcome: OutboundOutcome, detail?: string) => {
      if (done) return;
      done = true;
      timers.forEach(clearTimeout);
      if (detail) console.warn(`outbound request to ${host} failed: ${detail}`);
      resolve(outcome);
      req.destroy();
    };
    const req = (tls ? https.request : http.request)(url, {
      method: 'POST',
      agent: false,
      lookup: pinnedLookup(address, family),
      // TLS still checks the certificate against the URL's host name, not against the pinned address.
      servername: tls && !isIP(host) ? host : undefined,
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(payload),
        'user-agent': 'Runboard-monitoring',
      },
    });
    timers.push(setTimeout(() => settle('failed', `no answer within ${totalMs} ms`), totalMs));
    req.on('socket', (socket) => {
      const connect = setTimeout(() => settle('failed', `no connection within ${connectMs} ms`), connectMs);
      timers.push(connect);
      socket.once(tls ? 'secureConnect' : 'connect', () => clearTimeout(connect));
    });
    // Only the status is read: the body is never buffered, however large or slow it is.
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      settle(status >= 200 && status < 300 ? 'delivered' : 'failed', status >= 300 ? `HTTP ${status}` : undefined);
    });
    req.on('error', (err) => settle('failed', err.message));
    req.end(payload);
  });
}
