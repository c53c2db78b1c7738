'use client';

import { useEffect, useEffectEvent, useState } from 'react';

export type LiveChange = { projectId: string; entity: 'task' | 'sprint' | 'board'; id: string; version?: number };
export type LiveState = 'connecting' | 'live' | 'offline';

/**
 * Follows the project's Server-Sent Events. `onChange(null)` after every (re)connect, so the caller
 * refetches once and nothing missed while disconnected stays missing.
 */
export function useLiveEvents(project: string | undefined, onChange: (change: LiveChange | null) => void): LiveState {
  const [state, setState] = useState<LiveState>('connecting');
  const handle = useEffectEvent(onChange);
  useEffect(() => {
    if (!project) return;
    const source = new EventSource(`/api/projects/${encodeURIComponent(project)}/events`);
    source.addEventListener('ready', () => {
      setState('live');
      handle(null);
    });
    source.addEventListener('change', (event) => {
      try {
        handle(JSON.parse((event as MessageEvent<string>).data) as LiveChange);
      } catch {
        handle(null);
      }
    });
    // EventSource retries by itself (the server asks for 2 s); CLOSED means it gave up (e.g. signed out).
    source.addEventListener('error', () =>
      setState(source.readyState === EventSource.CLOSED ? 'offline' : 'connecting'),
    );
    return () => source.close();
  }, [project]);
  return state;
}
