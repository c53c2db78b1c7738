import { StaleAliasNotice } from '@/components/registry/stale-alias-notice';
import { TransitionTimeline } from '@/components/registry/transition-timeline';
import { VersionCompare } from '@/components/registry/version-compare';
import { VersionsTable } from '@/components/registry/versions-table';
import { ActionForm, Field } from '@/components/ui/action-form';
import { PageHeader, Section } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import { getModelDetails, getRegisteredModel, listModelTransitions } from '@/db/queries/registry';
import { roleAtLeast } from '@/lib/domain';
import { findStaleAliases } from '@/lib/registry/stale-aliases';
import { orNotFound } from '@/server/not-found';
import { requireProjectAccess } from '@/server/project-page';
import { rollbackAction, setAliasAction, updateModelDescriptionAction } from '../actions';

export default async function ModelPage({
  params,
  searchParams,
}: {
  params: Promise<{ project: string; name: string }>;
  searchParams: Promise<{ compare?: string | string[]; metric?: string }>;
}) {
  const { project: slug, name: rawName } = await params;
  const name = decodeURIComponent(rawName);
  const { project, role } = await requireProjectAccess(slug);
  const db = await getDb();
  const model = await orNotFound(getRegisteredModel(db, project.id, name));
  const [{ versions, aliases }, timeline] = await Promise.all([
    getModelDetails(db, [model.id]),
    listModelTransitions(db, model.id),
  ]);
  const canEdit = roleAtLeast(role, 'editor');
  const { compare, metric } = await searchParams;
  const compared = [compare ?? []]
    .flat()
    .flatMap((c) => c.split(','))
    .map(Number)
    .filter((n) => versions.some((v) => v.version === n));
  const selected = compared.length >= 2 ? versions.filter((v) => compared.includes(v.version)) : versions;
  const hidden = { project: project.slug, name: model.name };
  const production = versions.find((v) => v.stage === 'Production');
  return (
    <>
      <PageHeader title={model.name} description={model.description || 'No description yet.'} />
      <StaleAliasNotice
        project={project.slug}
        model={model.name}
        stale={findStaleAliases(versions, aliases, timeline)}
        canEdit={canEdit}
      />
      <Section
        id="versions"
        title="Versions"
        description="Move a version to another stage from its Actions menu; with “archive the current holder” the version in that stage moves to Archived."
      >
        <VersionsTable
          project={project.slug}
          model={model.name}
          canEdit={canEdit}
          rows={versions.map((v) => ({
            version: v.version,
            stage: v.stage,
            runId: v.runId,
            description: v.description,
            metrics: v.metrics,
            createdAt: v.createdAt,
            aliases: aliases.filter((a) => a.version === v.version).map((a) => a.alias),
          }))}
        />
      </Section>
      {canEdit && versions.length > 0 && (
        <div className="grid gap-6 md:grid-cols-2">
          <Section
            title="Roll back Production"
            description={
              production
                ? `Now in Production: version ${production.version}. Roll back returns Production to the version that held it before.`
                : 'No version is in Production.'
            }
          >
            <ActionForm
              action={rollbackAction}
              hidden={hidden}
              submitLabel="Roll back"
              submitVariant="danger"
              resetOnSuccess
            >
              <Field
                name="reason"
                label="Reason for the roll back"
                required
                placeholder="Precision dropped on last week's traffic"
              />
            </ActionForm>
          </Section>
          <Section
            title="Aliases"
            description="A free name (e.g. champion) that points at one version; clients can load a model by alias."
          >
            <ActionForm action={setAliasAction} hidden={hidden} submitLabel="Set alias" resetOnSuccess>
              <Field name="alias" label="Alias" required placeholder="champion" />
              <Field
                name="version"
                label="Version"
                options={versions.map((v) => ({ value: String(v.version), label: `Version ${v.version}` }))}
              />
            </ActionForm>
          </Section>
        </div>
      )}
      <Section
        title="Compare versions"
        description="Metrics and params as they were when each version was registered; differences are highlighted."
      >
        <VersionCompare
          project={project.slug}
          model={model.name}
          allVersions={versions.map((v) => v.version)}
          selected={compared}
          metric={metric}
          versions={selected.map((v) => ({ version: v.version, stage: v.stage, metrics: v.metrics, params: v.params }))}
        />
      </Section>
      <Section
        title="Timeline"
        description="Every stage change, roll back and alias move: who, when, from, to and why."
      >
        <TransitionTimeline entries={timeline} />
      </Section>
      {canEdit && (
        <Section title="Description">
          <ActionForm action={updateModelDescriptionAction} hidden={hidden} submitLabel="Save description">
            <Field name="description" label="Description" defaultValue={model.description} multiline />
          </ActionForm>
        </Section>
      )}
    </>
  );
}
