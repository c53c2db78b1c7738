import { ModelsTable } from '@/components/registry/models-table';
import { ActionForm, Field } from '@/components/ui/action-form';
import { DialogButton } from '@/components/ui/dialog';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import { getModelDetails, searchRegisteredModels } from '@/db/queries/registry';
import { roleAtLeast } from '@/lib/domain';
import { requireProjectAccess } from '@/server/project-page';
import { createModelAction } from './actions';

export const metadata = { title: 'Models' };

export default async function ModelsPage({ params }: { params: Promise<{ project: string }> }) {
  const { project, role } = await requireProjectAccess((await params).project);
  const db = await getDb();
  const models = await searchRegisteredModels(db, project.id, { limit: 1000 });
  const { versions, aliases } = await getModelDetails(
    db,
    models.map((m) => m.id),
  );
  const rows = models.map((m) => {
    const own = versions.filter((v) => v.modelId === m.id);
    return {
      name: m.name,
      description: m.description,
      versions: own.length,
      latest: own.at(-1)?.version ?? null,
      production: own.filter((v) => v.stage === 'Production').map((v) => v.version),
      staging: own.filter((v) => v.stage === 'Staging').map((v) => v.version),
      aliases: aliases.filter((a) => a.modelId === m.id).map((a) => `@${a.alias} → v${a.version}`),
      updatedAt: m.updatedAt,
    };
  });
  return (
    <>
      <PageHeader
        title="Models"
        description="Registered models and their versions: which one serves in Production, which are staged, and how they got there."
        actions={
          roleAtLeast(role, 'editor') && (
            <DialogButton
              label="New model"
              anchor="new-model"
              title="Register a model"
              description="Versions come from runs: open a run and choose “Register as model version”, or call the MLflow registry API."
            >
              <ActionForm
                label="Register a model"
                action={createModelAction}
                hidden={{ project: project.slug }}
                submitLabel="Create model"
                resetOnSuccess
              >
                <Field name="name" label="Model name" required placeholder="rain-tomorrow" />
                <Field name="description" label="Description" multiline />
              </ActionForm>
            </DialogButton>
          )
        }
      />
      <ModelsTable project={project.slug} rows={rows} />
    </>
  );
}
