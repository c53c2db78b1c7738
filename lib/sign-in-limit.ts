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
 * The client's address: the first hop of X-Forwarded-For, else X-Real-IP. The first hop is what the client (or the
 * first proxy) claims, so a client can vary it; the per-email limit does not depend on it.
 */
export function clientIp(headers: { get(name: string): string | null }): string | null {
  const candidate = headers.get('x-forwarded-for')?.split(',')[0]?.trim() || headers.get('x-real-ip')?.trim() || '';
  return isIP(candidate) ? candidate.toLowerCase() : null;
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
