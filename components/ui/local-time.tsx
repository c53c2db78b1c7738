'use client';

import { useSyncExternalStore } from 'react';
import { formatDate, formatDateTime } from '@/lib/format';

const subscribeNever = () => () => {};
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
// The server does not know the reader's zone: it renders UTC, and the browser re-renders after hydration.
const serverZone = () => 'UTC';

/** The reader's time zone ("Europe/Paris"); "UTC" while rendering on the server. */
export function useTimeZone(): string {
  return useSyncExternalStore(subscribeNever, browserZone, serverZone);
}

/** An instant in the one date format, in the reader's time zone, with the zone in its tooltip. */
export function LocalTime({ value, dateOnly = false }: { value: Date | number; dateOnly?: boolean }) {
  const zone = useTimeZone();
  const ms = typeof value === 'number' ? value : value.getTime();
  return (
    <time dateTime={new Date(ms).toISOString()} title={`${formatDateTime(ms, 'UTC')} UTC · shown in ${zone}`}>
      {dateOnly ? formatDate(ms, zone) : formatDateTime(ms, zone)}
    </time>
  );
}

/** A line saying which time zone the dates on the page are shown in. */
export function TimeZoneNote() {
  return <span>Times are shown in your time zone, {useTimeZone()}.</span>;
}
