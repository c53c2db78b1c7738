import { isIP } from 'node:net';

// Failed sign-ins allowed per fixed window: per email (guessing one account's password) and per client address
// (trying many accounts). The window starts at a key's first failure; when it has passed, counting starts again.
export const SIGN_IN_WINDOW_SECONDS = 15 * 60;
export const SIGN_IN_LIMITS = { email: 5, ip: 30 } as const;

export type SignInKeys = { email: string; ip: string | null };
export type AttemptCounter = { key: string; failures: number; windowStartedAt: Date };
export type SignInVerdict = { limited: false } | { limited: true; retryAt: Date };

/** The counter keys of one attempt; no address (none forwarded, or not an IP) means only the email is limited. */
export function signInKeys(email: string, ip: string | null): SignInKeys {
  return { email: `email:${email.trim().toLowerCase()}`, ip: ip ? `ip:${ip}` : null };
}

/**
 * Set by this server on every request from the TCP connection itself (server/http-server.ts), overwriting any
 * value a client sends: `next start` hands the app no socket address, only an X-Forwarded-For it fills in
 * when the client sent none.
 */
export const PEER_ADDRESS_HEADER = 'x-runboard-peer-address';

/** How many reverse proxies in front of the server append to X-Forwarded-For (RUNBOARD_TRUSTED_PROXY_HOPS). */
export function trustedProxyHops(value: string | undefined): number {
  const hops = Number(value ?? 0);
  return Number.isInteger(hops) && hops >= 0 && hops <= 10 ? hops : 0;
}

const asIp = (candidate: string | undefined) => {
  const ip = candidate?.trim() ?? '';
  return isIP(ip) ? ip.toLowerCase() : null;
};

/**
 * The client's address. With no trusted proxy it is the connection's peer: X-Forwarded-For is whatever the client
 * wrote, so it cannot be believed. Behind `hops` proxies, each of which appends the address it was reached from,
 * the client is the `hops`-th address from the right; anything further left was written by the client.
 */
export function clientIp(headers: { get(name: string): string | null }, hops: number): string | null {
  if (hops === 0) return asIp(headers.get(PEER_ADDRESS_HEADER) ?? undefined);
  const forwarded = headers.get('x-forwarded-for')?.split(',') ?? [];
  // Fewer entries than hops: the request did not come through every proxy, so the nearest one's address stands.
  if (forwarded.length < hops) return asIp(headers.get(PEER_ADDRESS_HEADER) ?? undefined);
  return asIp(forwarded[forwarded.length - hops]);
}

function limitOf(key: string): number {
  return key.startsWith('email:') ? SIGN_IN_LIMITS.email : SIGN_IN_LIMITS.ip;
}

/**
 * Counters already include the attempt being judged (it is counted before the password is checked), so an attempt
 * is refused once a counter passes its limit; it may retry when the latest of those windows ends.
 */
export function signInVerdict(counters: readonly AttemptCounter[]): SignInVerdict {
  let retryAt: Date | null = null;
  for (const c of counters) {
    if (c.failures <= limitOf(c.key)) continue;
    const end = new Date(c.windowStartedAt.getTime() + SIGN_IN_WINDOW_SECONDS * 1000);
    if (!retryAt || end > retryAt) retryAt = end;
  }
  return retryAt ? { limited: true, retryAt } : { limited: false };
}

export function retryMessage(retryAt: Date, now: Date): string {
  const minutes = Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 60_000));
  return `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
}
