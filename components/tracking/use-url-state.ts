'use client';

import { usePathname, useSearchParams } from 'next/navigation';
import { useCallback } from 'react';

/**
 * For view state that needs no new server data (selection, chart settings): rewrites the query string
 * in place. Next.js syncs useSearchParams with history.replaceState without a server round trip.
 */
export function useReplaceSearchParams() {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const replace = useCallback(
    (update: (p: URLSearchParams) => URLSearchParams | void) => {
      const next = new URLSearchParams(searchParams.toString());
      const result = update(next) ?? next;
      const qs = result.toString();
      window.history.replaceState(null, '', qs ? `${pathname}?${qs}` : pathname);
    },
    [pathname, searchParams],
  );
  return { searchParams, replace };
}
