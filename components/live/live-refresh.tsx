'use client';

import { useRouter } from 'next/navigation';
import { type ReactNode, useEffect, useRef } from 'react';
import { LiveBadge } from './live-badge';
import { useLiveEvents } from './use-live-events';

/**
 * For server-rendered pages: re-renders the page when a project event says its data changed (given a
 * `project`, with a badge showing the connection), and every `pollMs` for what events do not carry (live runs).
 */
export function LiveRefresh({
  project,
  pollMs,
  children,
}: {
  project?: string;
  pollMs?: number;
  children?: ReactNode;
}) {
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
  return (
    <>
      {project ? <LiveBadge state={state} /> : null}
      {children}
    </>
  );
}
