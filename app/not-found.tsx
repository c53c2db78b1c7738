import Link from 'next/link';

export const metadata = { title: 'Not found' };

// Replaces Next's built-in 404, whose inline body colours ignore the theme (black text on the dark header).
export default function NotFound() {
  return (
    <main className="mx-auto w-full max-w-xl p-6">
      <h1 className="text-2xl font-semibold text-zinc-900 dark:text-zinc-50">Not found</h1>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
        This page does not exist, or you are not a member of its project.
      </p>
      <Link href="/" className="mt-4 inline-block text-sm text-indigo-700 underline dark:text-indigo-400">
        Back to your projects
      </Link>
    </main>
  );
}
