'use client';

import { usePathname, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * For view state that needs no new server data (selection, chart settings): rewrites the query string
 * in place with history.replaceState, which Next.js syncs with useSearchParams without a server round trip.
 * The current query string is read at write time, so quick successive writes never undo each other.
 */
export function useReplaceSearchParams() {
  const pathname = usePathname();
  const replace = useCallback(
    (update: (p: URLSearchParams) => URLSearchParams | void) => {
      const next = new URLSearchParams(window.location.search);
      const qs = (update(next) ?? next).toString();
      window.history.replaceState(window.history.state, '', qs ? `${pathname}?${qs}` : pathname);
    },
    [pathname],
  );
  return replace;
}

/**
 * A value kept in the URL: read from it, then held locally (so controls respond at once) and written back.
 * Back and Forward move the URL without this component writing it, so the value follows the URL again then.
 * Updates may be functions of the latest value, so callbacks built on them can stay stable.
 */
export function useUrlState<T>(
  parse: (p: URLSearchParams) => T,
  write: (p: URLSearchParams, value: T) => URLSearchParams,
) {
  const searchParams = useSearchParams();
  const replace = useReplaceSearchParams();
  const [value, setValue] = useState(() => parse(new URLSearchParams(searchParams.toString())));
  const latest = useRef(value);
  useEffect(() => {
    const follow = () => {
      const next = parse(new URLSearchParams(window.location.search));
      latest.current = next;
      setValue(next);
    };
    window.addEventListener('popstate', follow);
    return () => window.removeEventListener('popstate', follow);
  }, [parse]);
  const update = useCallback(
    (next: T | ((current: T) => T)) => {
      const resolved = next instanceof Function ? next(latest.current) : next;
      latest.current = resolved;
      setValue(resolved);
      replace((p) => write(p, resolved));
    },
    [replace, write],
  );
  return [value, update] as const;
}
