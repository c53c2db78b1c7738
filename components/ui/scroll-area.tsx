'use client';

import { type ReactNode, useEffect, useState } from 'react';

/**
 * A box that scrolls when its content does not fit (wide tables, long code). While it overflows it joins
 * the tab order, so people without a mouse can scroll it with the arrow keys (WCAG 2.1.1); a box that
 * fits stays out of the way.
 */
export function ScrollArea({
  as: Tag = 'div',
  label,
  className,
  children,
}: {
  as?: 'div' | 'pre';
  label: string;
  className?: string;
  children: ReactNode;
}) {
  const [box, setBox] = useState<HTMLElement | null>(null);
  const [overflows, setOverflows] = useState(false);
  useEffect(() => {
    if (!box) return;
    const measure = () => setOverflows(box.scrollWidth > box.clientWidth || box.scrollHeight > box.clientHeight);
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    if (box.firstElementChild) observer.observe(box.firstElementChild);
    measure();
    return () => observer.disconnect();
  }, [box]);
  return (
    <Tag ref={setBox} role="group" aria-label={label} tabIndex={overflows ? 0 : undefined} className={className}>
      {children}
    </Tag>
  );
}
