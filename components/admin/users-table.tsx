'use client';

import { setAdminAction } from '@/app/(app)/admin/users/actions';
import { ActionForm } from '@/components/ui/action-form';
import { DataTable } from '@/components/ui/data-table';

type User = { id: string; name: string; email: string; isAdmin: boolean; createdAt: Date };

export function UsersTable({ users, currentUserId }: { users: User[]; currentUserId: string }) {
  return (
    <DataTable
      caption="Users"
      exportName="users"
      rows={users}
      rowKey={(u) => u.id}
      empty={{ title: 'No users', hint: 'Create the first user above.' }}
      columns={[
        { key: 'name', header: 'Name', value: (u) => u.name },
        { key: 'email', header: 'Email', value: (u) => u.email },
        {
          key: 'admin',
          header: 'Administrator',
          value: (u) => (u.isAdmin ? 'yes' : 'no'),
          render: (u) =>
            u.id === currentUserId ? (
              'yes (you)'
            ) : (
              <ActionForm
                action={setAdminAction}
                hidden={{ userId: u.id, isAdmin: String(!u.isAdmin) }}
                submitLabel={u.isAdmin ? `Remove admin from ${u.email}` : `Make ${u.email} admin`}
                submitVariant="secondary"
              />
            ),
        },
        { key: 'created', header: 'Created', value: (u) => u.createdAt },
      ]}
    />
  );
}
