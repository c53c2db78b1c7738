import { redirect } from 'next/navigation';
import { ActionForm, Field } from '@/components/ui/action-form';
import { getDb } from '@/db/client';
import { countUsers } from '@/db/queries/users';
import { setupFirstAdmin } from '../actions';

export const metadata = { title: 'Create the first admin' };

export default async function SetupPage() {
  if ((await countUsers(await getDb())) > 0) redirect('/sign-in');
  return (
    <>
      <h1 className="text-lg font-semibold">Create the first admin</h1>
      <p className="mb-4 mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        Runboard has no users yet. This account will administer the instance: it creates users and projects.
      </p>
      <ActionForm action={setupFirstAdmin} submitLabel="Create admin and sign in">
        <Field name="name" label="Name" required autoComplete="name" />
        <Field name="email" label="Email" type="email" required autoComplete="email" />
        <Field
          name="password"
          label="Password"
          type="password"
          required
          autoComplete="new-password"
          hint="At least 8 characters."
        />
      </ActionForm>
    </>
  );
}
