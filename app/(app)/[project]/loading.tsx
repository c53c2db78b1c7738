/** One loading state for every project page while its server read is in flight. */
export default function ProjectLoading() {
  return (
    <div role="status" aria-live="polite" className="animate-pulse space-y-4 py-4">
      <span className="sr-only">Loading…</span>
      <div className="h-7 w-1/3 rounded bg-zinc-200 dark:bg-zinc-800" />
      <div className="h-4 w-2/3 rounded bg-zinc-200 dark:bg-zinc-800" />
      <div className="h-48 rounded bg-zinc-100 dark:bg-zinc-900" />
    </div>
  );
}
