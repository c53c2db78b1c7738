import { cookies } from 'next/headers';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { QueryProvider } from '@/components/shell/query-provider';
import { KeyboardShortcuts } from '@/components/shell/keyboard-shortcuts';
import { ProjectSwitcher } from '@/components/shell/project-switcher';
import { SignOutButton } from '@/components/shell/sign-out-button';
import { ThemeToggle } from '@/components/shell/theme-toggle';
import { TimeZoneNote } from '@/components/ui/local-time';
import { getDb } from '@/db/client';
import { listProjectsForUser } from '@/db/queries/projects';
import { countUsers } from '@/db/queries/users';
import { getSessionUser, redirectToSignIn } from '@/server/session';

export default async function AppLayout({ children }: { children: ReactNode }) {
  const db = await getDb();
  const user = await getSessionUser();
  if (!user) {
    if ((await countUsers(db)) === 0) redirect('/setup');
    return redirectToSignIn();
  }
  const projects = await listProjectsForUser(db, user);
  const theme = (await cookies()).get('theme')?.value === 'dark' ? 'dark' : 'light';
  return (
    <div className="flex min-h-screen flex-col">
      <header className="no-print flex flex-wrap items-center gap-x-4 gap-y-2 border-b border-zinc-200 bg-white px-4 py-2 dark:border-zinc-800 dark:bg-zinc-900">
        <Link href="/" className="font-bold tracking-tight text-indigo-700 dark:text-indigo-400">
          Runboard
        </Link>
        <ProjectSwitcher projects={projects.map((p) => ({ slug: p.slug, name: p.name }))} />
        <nav aria-label="Account" className="ml-auto flex flex-wrap items-center gap-2 text-sm">
          {user.isAdmin && (
            <Link href="/admin/users" className="rounded px-2 py-1 hover:bg-zinc-100 dark:hover:bg-zinc-800">
              Users
            </Link>
          )}
          <KeyboardShortcuts />
          <ThemeToggle initial={theme} />
          <span className="text-zinc-600 dark:text-zinc-400" title={user.email}>
            {user.name}
          </span>
          <SignOutButton />
        </nav>
      </header>
      <div className="flex min-w-0 flex-1">
        <QueryProvider>{children}</QueryProvider>
      </div>
      <footer className="no-print border-t border-zinc-200 px-4 py-2 text-xs text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
        <TimeZoneNote />
      </footer>
    </div>
  );
}
