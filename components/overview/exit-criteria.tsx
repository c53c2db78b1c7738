import Link from 'next/link';
import type { Criterion } from '@/lib/overview/lifecycle';

/** A stage's exit criteria as checked from data, each linking to where the gap is closed. */
export function ExitCriteria({ project, label, criteria }: { project: string; label: string; criteria: Criterion[] }) {
  if (criteria.length === 0)
    return <p className="text-sm text-zinc-600 dark:text-zinc-400">This stage has no criterion the app can check.</p>;
  return (
    <ul aria-label={label} className="flex flex-col gap-1.5 text-sm">
      {criteria.map((c) => (
        <li key={c.id} className="flex items-center gap-2">
          <span
            aria-hidden
            className={c.met ? 'text-emerald-700 dark:text-emerald-400' : 'text-red-700 dark:text-red-400'}
          >
            {c.met ? '✓' : '✗'}
          </span>
          <span>
            <span className="sr-only">{c.met ? 'Met: ' : 'Not met: '}</span>
            {c.label}
          </span>
          <Link href={`/${project}/${c.href}`} className="text-xs text-indigo-700 underline dark:text-indigo-400">
            {c.detail}
          </Link>
        </li>
      ))}
    </ul>
  );
}
