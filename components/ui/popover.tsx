'use client';

import { type ReactNode, useEffect, useRef } from 'react';

/**
 * A panel behind a <details> summary (menus, pickers). On top of what <details> gives for free (Enter or
 * Space on the summary toggles it), Escape closes it and returns focus to the summary; a click outside
 * closes it too.
 */
export function Popover({
  summary,
  summaryClassName,
  className,
  children,
}: {
  summary: ReactNode;
  summaryClassName?: string;
  className?: string;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const closeIfOutside = (e: PointerEvent) => {
      const details = ref.current;
      if (details?.open && !details.contains(e.target as Node)) details.open = false;
    };
    document.addEventListener('pointerdown', closeIfOutside);
    return () => document.removeEventListener('pointerdown', closeIfOutside);
  }, []);
  return (
    <details
      ref={ref}
      className={className}
      onKeyDown={(e) => {
        const details = ref.current;
        if (e.key !== 'Escape' || !details?.open) return;
        e.preventDefault();
        details.open = false;
        details.querySelector('summary')?.focus();
      }}
    >
      <summary className={summaryClassName}>{summary}</summary>
      {children}
    </details>
  );
}
