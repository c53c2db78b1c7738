import { redirect } from 'next/navigation';
import { ActionForm, Field } from '@/components/ui/action-form';
import { getDb } from '@/db/client';
import { countUsers } from '@/db/queries/users';
import { safeNextPath } from '@/lib/security/next-path';
import { getSessionUser } from '@/server/session';
import { signIn } from '../actions';

export const metadata = { title: 'Sign in' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  if ((await countUsers(await getDb())) === 0) redirect('/setup');
  const { next } = await searchParams;
  if (await getSessionUser()) redirect(safeNextPath(next));
  return (
    <>
      <h1 className="mb-4 text-lg font-semibold">Sign in</h1>
      <ActionForm action={signIn} submitLabel="Sign in" hidden={next ? { next } : undefined}>
        <Field name="email" label="Email" type="email" required autoComplete="email" />
        <Field name="password" label="Password" type="password" required autoComplete="current-password" />
      </ActionForm>
      <p className="mt-4 text-xs text-zinc-600 dark:text-zinc-400">
        No account? Ask an administrator of this Runboard to create one.
      </p>
    </>
  );
}
