'use client';

import { removeMemberAction, setMemberRoleAction } from '@/app/(app)/[project]/settings/actions';
import { ActionForm, Field } from '@/components/ui/action-form';
import { DataTable } from '@/components/ui/data-table';
import type { ProjectRole } from '@/lib/domain';

type Member = { userId: string; name: string; email: string; role: ProjectRole; createdAt: Date };
const ROLE_OPTIONS = [
  { value: 'viewer', label: 'Viewer' },
  { value: 'editor', label: 'Editor' },
  { value: 'owner', label: 'Owner' },
];

export function MembersTable({
  project,
  members,
  canManage,
}: {
  project: string;
  members: Member[];
  canManage: boolean;
}) {
  return (
    <DataTable
      caption="Project members"
      exportName={`${project}-members`}
      rows={members}
      rowKey={(m) => m.userId}
      empty={{ title: 'No members', hint: 'Add people by email above.' }}
      columns={[
        { key: 'name', header: 'Name', value: (m) => m.name },
        { key: 'email', header: 'Email', value: (m) => m.email },
        {
          key: 'role',
          header: 'Role',
          value: (m) => m.role,
          render: (m) =>
            canManage ? (
              <div className="flex flex-wrap items-end gap-2">
                <ActionForm
                  action={setMemberRoleAction}
                  hidden={{ project, userId: m.userId }}
                  submitLabel="Set role"
                  submitVariant="secondary"
                  className="flex-row items-end"
                >
                  <Field name="role" label={`Role of ${m.email}`} defaultValue={m.role} options={ROLE_OPTIONS} />
                </ActionForm>
                <ActionForm
                  action={removeMemberAction}
                  hidden={{ project, userId: m.userId }}
                  submitLabel="Remove"
                  submitVariant="danger"
                  confirm={`Remove ${m.email} from the project?`}
                />
              </div>
            ) : (
              m.role
            ),
        },
        { key: 'since', header: 'Member since', value: (m) => m.createdAt },
      ]}
    />
  );
}
