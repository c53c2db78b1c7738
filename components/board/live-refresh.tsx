'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef } from 'react';
import { LiveBadge } from './live-badge';
import { useLiveEvents } from './use-live-events';

/**
 * For server-rendered board pages (backlog, sprints, a task): re-renders the page when someone changes
 * the board, and every `pollMs` while a linked run is still running.
 */
export function LiveRefresh({ project, pollMs }: { project: string; pollMs?: number }) {
  const router = useRouter();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const state = useLiveEvents(project, (change) => {
    if (change === null) return;
    // Several events often arrive together (a sprint close moves many cards): refresh once.
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => router.refresh(), 150);
  });
  useEffect(() => {
    if (!pollMs) return;
    const id = setInterval(() => router.refresh(), pollMs);
    return () => clearInterval(id);
  }, [pollMs, router]);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  return <LiveBadge state={state} />;
}
