'use client';

import { useRouter } from 'next/navigation';
import { startTransition, useEffect } from 'react';
import { Button } from '@/components/ui/button';

/** One failure page for every project page: a failed read says so and offers a retry, not Next's default. */
export default function ProjectError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const router = useRouter();
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div role="alert" className="mx-auto max-w-xl py-16 text-center">
      <h1 className="text-xl font-semibold">This page could not be loaded</h1>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
        Something went wrong while reading the project&apos;s data (the database may be briefly unavailable). Nothing
        was changed.
        {error.digest ? (
          <>
            {' '}
            Reference: <code className="text-xs">{error.digest}</code>
          </>
        ) : null}
      </p>
      <Button
        className="mt-6"
        // reset() alone re-renders with the same failed server payload; refresh re-runs the read.
        onClick={() =>
          startTransition(() => {
            router.refresh();
            reset();
          })
        }
      >
        Try again
      </Button>
    </div>
  );
}
