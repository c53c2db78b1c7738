import { notFound } from 'next/navigation';
import { UsersTable } from '@/components/admin/users-table';
import { ActionForm, Field } from '@/components/ui/action-form';
import { PageHeader, Section } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import { listUsers } from '@/db/queries/users';
import { requireSessionUser } from '@/server/session';
import { createUserAction, resetPasswordAction } from './actions';

export const metadata = { title: 'Users' };

export default async function UsersPage() {
  const user = await requireSessionUser();
  if (!user.isAdmin) notFound();
  const users = await listUsers(await getDb());
  return (
    <main className="mx-auto w-full max-w-5xl p-6">
      <PageHeader
        title="Users"
        description="Accounts on this Runboard. Project owners then add people to their projects by email."
      />
      <div className="grid gap-6 md:grid-cols-2">
        <Section title="Create user">
          <ActionForm action={createUserAction} submitLabel="Create user" resetOnSuccess>
            <Field name="name" label="Name" required />
            <Field name="email" label="Email" type="email" required />
            <Field
              name="password"
              label="Initial password"
              type="password"
              required
              autoComplete="new-password"
              hint="At least 8 characters; share it privately."
            />
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="isAdmin" /> Instance administrator
            </label>
          </ActionForm>
        </Section>
        <Section title="Reset a password">
          <ActionForm action={resetPasswordAction} submitLabel="Reset password" resetOnSuccess>
            <Field name="email" label="Email of the user" type="email" required />
            <Field name="password" label="New password" type="password" required autoComplete="new-password" />
          </ActionForm>
        </Section>
      </div>
      <Section title="All users">
        <UsersTable users={users} currentUserId={user.id} />
      </Section>
    </main>
  );
}
