'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

/** Re-reads the server-rendered parts of a page (status, latest values, new keys) while a run is live. */
export function LiveRefresh({ everyMs = 5000 }: { everyMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), everyMs);
    return () => clearInterval(timer);
  }, [router, everyMs]);
  return (
    <p role="status" className="text-xs text-sky-700 dark:text-sky-300">
      Live: this run is still running; the page updates by itself.
    </p>
  );
}
