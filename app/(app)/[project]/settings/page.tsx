import { MembersTable } from '@/components/project/members-table';
import { TokensSection } from '@/components/project/tokens-section';
import { ActionForm, Field } from '@/components/ui/action-form';
import { PageHeader, Section } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import { listMembers } from '@/db/queries/projects';
import { listApiTokens } from '@/db/queries/tokens';
import { LIFECYCLE_STAGES, STAGE_LABELS, roleAtLeast } from '@/lib/domain';
import { requireProjectAccess } from '@/server/project-page';
import { getProjectArtifactBytes } from '@/server/artifacts/files';
import { getArtifactStore } from '@/server/artifacts/store';
import { formatBytes } from '@/lib/format';
import { describeErrorForLog } from '@/lib/log-error';
import { getRequestOrigin } from '@/server/request-origin';
import { addMemberAction, changeStageAction, updateProjectDetails } from './actions';

export const metadata = { title: 'Settings' };

export default async function SettingsPage({ params }: { params: Promise<{ project: string }> }) {
  const { project, role, user } = await requireProjectAccess((await params).project);
  const db = await getDb();
  const [members, tokens, artifactBytes, origin] = await Promise.all([
    listMembers(db, project.id),
    listApiTokens(db, project.id, role === 'owner' ? undefined : user.id),
    getProjectArtifactBytes(project.slug).catch((err: unknown) => {
      console.error('artifact store unreadable', describeErrorForLog(err));
      return null;
    }),
    getRequestOrigin(),
  ]);
  const storeKind = getArtifactStore().kind;
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
          <Section id="details" title="Project details">
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
            id="stage"
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
        id="members"
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
      <TokensSection project={project.slug} origin={origin} tokens={tokens} isOwner={isOwner} />
      <Section
        id="storage"
        title="Storage and backups"
        description="Runs, models and settings live in the database; files that runs log (artifacts) live in the artifact store."
      >
        <dl className="grid gap-3 text-sm md:grid-cols-2">
          <div>
            <dt className="text-xs font-semibold uppercase tracking-wide text-zinc-500 dark:text-zinc-400">
              Artifacts of this project
            </dt>
            <dd className="mt-0.5">
              {artifactBytes === null ? 'The artifact store could not be read just now.' : formatBytes(artifactBytes)}
            </dd>
          </div>
          <div>
            <dt className="text-xs font-semibold uppercase tracking-wide text-zinc-500 dark:text-zinc-400">
              Artifact store
            </dt>
            <dd className="mt-0.5">{storeKind === 's3' ? 'S3 bucket' : 'Folder on the server’s disk'}</dd>
          </div>
        </dl>
        <p className="mt-3 text-sm text-zinc-600 dark:text-zinc-400">
          <code className="font-mono">npm run backup</code> saves the database only. Back up artifacts separately:{' '}
          {storeKind === 's3'
            ? 'use the bucket’s own tools (versioning, replication, aws s3 sync).'
            : 'copy the artifact folder (RUNBOARD_ARTIFACTS_URI, .data/artifacts by default) alongside the database backup.'}{' '}
          The README’s Backups section has the details.
        </p>
      </Section>
    </>
  );
}
