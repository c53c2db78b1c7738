import type { DbHandle } from '@/db/client';
import { LIVE_CHANNEL, invalidatesTokens, parseLiveEvent } from '@/db/queries/live-events';
import { type TokenCaller, authenticateApiToken, hashToken } from '@/db/queries/tokens';
import { describeErrorForLog } from '@/lib/log-error';

/**
 * A safety net only: access changes empty the cache at once through NOTIFY. Shorter than the minute at which
 * authenticateApiToken records last use, so a token in steady use still shows as used within the last minute or two.
 */
export const TOKEN_CACHE_TTL_MS = 30_000;
const MAX_ENTRIES = 10_000;

export type TokenCache = {
  /** authenticateApiToken, answered from memory while the token's user, role and project are known unchanged. */
  authenticate: (token: string) => Promise<TokenCaller | null>;
  size: () => number;
  close: () => Promise<void>;
};

/**
 * Per database handle: API-token authentications that succeeded, keyed by the token's hash. Every instance LISTENs
 * on the live-events channel and drops everything on any event that can change a token's answer (revocation,
 * membership, role, admin flag, user deletion, project change), so a revocation committed anywhere is refused
 * everywhere from the next request on. Until the LISTEN is in place, and whenever it fails, nothing is cached.
 */
export function createTokenCache(
  handle: Pick<DbHandle, 'db' | 'listen'>,
  opts: { ttlMs?: number; now?: () => number } = {},
): TokenCache {
  const ttl = opts.ttlMs ?? TOKEN_CACHE_TTL_MS;
  const now = opts.now ?? Date.now;
  const entries = new Map<string, { caller: TokenCaller; expires: number }>();
  // Bumped by every invalidation: a lookup that started before one must not store its (possibly stale) answer.
  let generation = 0;
  const drop = () => {
    generation++;
    entries.clear();
  };
  let listening: Promise<() => Promise<void>> | null = null;
  const listen = () =>
    (listening ??= handle
      .listen(
        LIVE_CHANNEL,
        (payload) => {
          const event = parseLiveEvent(payload);
          if (!event || invalidatesTokens(event)) drop();
        },
        drop,
      )
      .catch((err: unknown) => {
        listening = null;
        throw err;
      }));

  return {
    async authenticate(token) {
      try {
        await listen();
      } catch (err) {
        console.error('token cache cannot listen; authenticating without it', describeErrorForLog(err));
        return authenticateApiToken(handle.db, token);
      }
      const key = hashToken(token);
      const hit = entries.get(key);
      if (hit && hit.expires > now()) return hit.caller;
      const started = generation;
      const caller = await authenticateApiToken(handle.db, token);
      if (caller && started === generation) {
        if (entries.size >= MAX_ENTRIES) entries.clear();
        entries.set(key, { caller, expires: now() + ttl });
      } else entries.delete(key);
      return caller;
    },
    size: () => entries.size,
    async close() {
      const pending = listening;
      listening = null;
      drop();
      if (pending) await (await pending.catch(() => async () => {}))();
    },
  };
}

const globalForCache = globalThis as unknown as { runboardTokenCaches?: WeakMap<object, TokenCache> };

/** The token cache of a database handle (one per process in the app: the shared handle's). */
export function tokenCacheFor(handle: Pick<DbHandle, 'db' | 'listen'>): TokenCache {
  const caches = (globalForCache.runboardTokenCaches ??= new WeakMap());
  let cache = caches.get(handle);
  if (!cache) {
    cache = createTokenCache(handle);
    caches.set(handle, cache);
  }
  return cache;
}
