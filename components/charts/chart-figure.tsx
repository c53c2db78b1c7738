'use client';

import type { ReactElement } from 'react';
import { ResponsiveContainer } from 'recharts';

/** A labelled figure whose chart fills it: size the figure with `className`. */
export function ChartFigure({
  label,
  className,
  children,
}: {
  label: string;
  className: string;
  children: ReactElement;
}) {
  return (
    <figure aria-label={label} className={className}>
      <ResponsiveContainer>{children}</ResponsiveContainer>
    </figure>
  );
}
