import type { ReactNode } from 'react';

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-4">
      <p className="mb-6 text-center text-xl font-bold tracking-tight text-indigo-700 dark:text-indigo-400">Runboard</p>
      <div className="rounded-xl border border-zinc-200 bg-white p-6 shadow-sm dark:border-zinc-700 dark:bg-zinc-900">
        {children}
      </div>
    </main>
  );
}
