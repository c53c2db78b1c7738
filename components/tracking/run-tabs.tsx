'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { RUN_TABS, type RunTab } from '@/lib/tracking/run-tabs';

/** The run page's tabs; the chosen one lives in `?tab=` so a link or a reload opens it again. */
export function RunTabs({ active }: { active: RunTab }) {
  const router = useRouter();
  useEffect(() => {
    // Links from before the tabs point at the artifacts section as `#artifacts`, which the server never sees.
    if (window.location.hash === '#artifacts' && active !== 'artifacts') router.replace('?tab=artifacts#artifacts');
  }, [active, router]);
  return (
    <nav aria-label="Page tabs" className="mb-6 border-b border-zinc-200 dark:border-zinc-700">
      <ul className="flex flex-wrap gap-1">
        {RUN_TABS.map((t) => (
          <li key={t.key}>
            <Link
              href={`?tab=${t.key}`}
              scroll={false}
              aria-current={t.key === active ? 'page' : undefined}
              className="-mb-px block border-b-2 border-transparent px-3 py-2 text-sm text-zinc-700 hover:text-zinc-950 aria-[current=page]:border-indigo-600 aria-[current=page]:font-semibold aria-[current=page]:text-indigo-800 dark:text-zinc-300 dark:hover:text-white dark:aria-[current=page]:border-indigo-400 dark:aria-[current=page]:text-indigo-200"
            >
              {t.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
