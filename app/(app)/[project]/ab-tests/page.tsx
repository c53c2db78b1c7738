import { AbTestsTable } from '@/components/ab-tests/ab-tests-table';
import { CreateAbTestForm } from '@/components/ab-tests/create-ab-test-form';
import { DialogButton } from '@/components/ui/dialog';
import { registerVersionAction } from '@/components/registry/empty-actions';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader, Section } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import { listAbTests } from '@/db/queries/ab-tests';
import { getModelDetails, searchRegisteredModels } from '@/db/queries/registry';
import { roleAtLeast } from '@/lib/domain';
import { requireProjectAccess } from '@/server/project-page';

export const metadata = { title: 'A/B tests' };

export default async function AbTestsPage({ params }: { params: Promise<{ project: string }> }) {
  const { project, role } = await requireProjectAccess((await params).project);
  const db = await getDb();
  const [tests, models] = await Promise.all([
    listAbTests(db, project.id),
    searchRegisteredModels(db, project.id, { limit: 1000 }),
  ]);
  const { versions } = await getModelDetails(
    db,
    models.map((m) => m.id),
  );
  const choices = models
    .map((m) => ({
      name: m.name,
      versions: versions.filter((v) => v.modelId === m.id).map((v) => ({ version: v.version, stage: v.stage })),
    }))
    .filter((m) => m.versions.length >= 2);
  return (
    <>
      <PageHeader
        title="A/B tests"
        description="Serve two or more versions of a registered model side by side, each unit sticky to one version by hashing; compare their outcomes with confidence intervals, and ship the winner to Production."
        actions={
          roleAtLeast(role, 'editor') && (
            <DialogButton
              label="New A/B test"
              anchor="new-ab-test"
              title="Define an A/B test"
              description="The control (A) is usually the version in Production; every other variant is compared with it."
            >
              {choices.length > 0 ? (
                <CreateAbTestForm project={project.slug} models={choices} />
              ) : (
                <EmptyState
                  title="No model has two versions yet"
                  hint="Register at least two versions of a model (open a finished run and choose “Register as model version”); then compare them here."
                  action={registerVersionAction(project.slug)}
                />
              )}
            </DialogButton>
          )
        }
      />
      <Section title="Tests">
        <AbTestsTable
          project={project.slug}
          rows={tests.map((t) => ({
            id: t.id,
            name: t.name,
            modelName: t.modelName,
            variants: t.variants,
            primaryMetric: t.primaryMetric,
            status: t.status,
            shippedVariant: t.shippedVariant,
            assigned: t.assigned,
            startedAt: t.startedAt,
            stoppedAt: t.stoppedAt,
          }))}
        />
      </Section>
    </>
  );
}
