import { ActionForm, Field } from '@/components/ui/action-form';
import { PageHeader } from '@/components/ui/page-header';
import { NameAndSlugFields } from '@/components/project/name-and-slug-fields';
import { requireSessionUser } from '@/server/session';
import { createProjectAction } from '../actions';

export const metadata = { title: 'New project' };

export default async function NewProjectPage() {
  await requireSessionUser();
  return (
    <main className="mx-auto w-full max-w-2xl p-6">
      <PageHeader
        title="New project"
        description="One ML problem: its statement, lifecycle stage, members and everything the team builds for it."
      />
      <ActionForm action={createProjectAction} submitLabel="Create project">
        <NameAndSlugFields />
        <Field
          name="problemStatement"
          label="Problem statement"
          multiline
          placeholder="Predict which customers will cancel in the next 30 days so the retention team can act first."
        />
      </ActionForm>
    </main>
  );
}
