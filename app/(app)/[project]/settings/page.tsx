import { MembersTable } from '@/components/project/members-table';
import { TokensSection } from '@/components/project/tokens-section';
import { ActionForm, Field } from '@/components/ui/action-form';
import { PageHeader, Section } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import { listMembers } from '@/db/queries/projects';
import { listApiTokens } from '@/db/queries/tokens';
import { LIFECYCLE_STAGES, STAGE_LABELS, roleAtLeast } from '@/lib/domain';
import { requireProjectAccess } from '@/server/project-page';
import { addMemberAction, changeStageAction, updateProjectDetails } from './actions';

export const metadata = { title: 'Settings' };

export default async function SettingsPage({ params }: { params: Promise<{ project: string }> }) {
  const { project, role, user } = await requireProjectAccess((await params).project);
  const db = await getDb();
  const [members, tokens] = await Promise.all([
    listMembers(db, project.id),
    listApiTokens(db, project.id, role === 'owner' ? undefined : user.id),
  ]);
  const canEdit = roleAtLeast(role, 'editor');
  const isOwner = role === 'owner';
  const slug = { project: project.slug };
  return (
    <>
      <PageHeader
        title="Settings"
        description={
          canEdit ? undefined : 'You are a viewer in this project: you can read everything here but change nothing.'
        }
      />
      {canEdit && (
        <>
          <Section title="Project details">
            {/* The hidden version follows each save, so the next save is checked against the latest one. */}
            <ActionForm
              action={updateProjectDetails}
              hidden={{ ...slug, version: project.version }}
              submitLabel="Save details"
            >
              <Field name="name" label="Name" defaultValue={project.name} required />
              <Field
                name="problemStatement"
                label="Problem statement"
                defaultValue={project.problemStatement}
                multiline
              />
            </ActionForm>
          </Section>
          <Section
            title="Lifecycle stage"
            description={`Now: ${STAGE_LABELS[project.stage]}. Every change is kept in the stage history.`}
          >
            <ActionForm action={changeStageAction} hidden={slug} submitLabel="Change stage" resetOnSuccess>
              <Field
                name="stage"
                label="New stage"
                defaultValue={project.stage}
                options={LIFECYCLE_STAGES.map((s) => ({ value: s, label: STAGE_LABELS[s] }))}
              />
              <Field name="reason" label="Reason" placeholder="Baseline run finished; moving to evaluation." />
            </ActionForm>
          </Section>
        </>
      )}
      <Section
        title="Members"
        description="Viewers read, editors change the project's work, owners also manage members and all tokens."
      >
        {isOwner && (
          <ActionForm
            action={addMemberAction}
            hidden={slug}
            submitLabel="Add member"
            resetOnSuccess
            className="mb-4 max-w-md"
          >
            <Field name="email" label="Email" type="email" required />
            <Field
              name="role"
              label="Role"
              defaultValue="viewer"
              options={[
                { value: 'viewer', label: 'Viewer' },
                { value: 'editor', label: 'Editor' },
                { value: 'owner', label: 'Owner' },
              ]}
            />
          </ActionForm>
        )}
        <MembersTable project={project.slug} members={members} canManage={isOwner} />
      </Section>
      <TokensSection project={project.slug} tokens={tokens} isOwner={isOwner} />
    </>
  );
}
