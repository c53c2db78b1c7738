'use client';

import { usePathname, useSearchParams } from 'next/navigation';
import { useCallback, useState } from 'react';

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

/** A value kept in the URL: read once from it, then held locally (so controls respond at once) and written back. */
export function useUrlState<T>(
  parse: (p: URLSearchParams) => T,
  write: (p: URLSearchParams, value: T) => URLSearchParams,
) {
  const searchParams = useSearchParams();
  const replace = useReplaceSearchParams();
  const [value, setValue] = useState(() => parse(new URLSearchParams(searchParams.toString())));
  const update = useCallback(
    (next: T) => {
      setValue(next);
      replace((p) => write(p, next));
    },
    [replace, write],
  );
  return [value, update] as const;
}
