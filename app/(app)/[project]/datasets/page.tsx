import { DatasetsTable } from '@/components/registry/datasets-table';
import { ActionForm, Field } from '@/components/ui/action-form';
import { DialogButton } from '@/components/ui/dialog';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import { listDatasets } from '@/db/queries/datasets';
import { roleAtLeast } from '@/lib/domain';
import { requireProjectAccess } from '@/server/project-page';
import { uploadDatasetAction } from './actions';

export const metadata = { title: 'Datasets' };

function shape(profile: string | null) {
  try {
    const p = JSON.parse(profile ?? '{}') as { num_rows?: number; num_columns?: number };
    return { rows: p.num_rows ?? null, columns: p.num_columns ?? null };
  } catch {
    return { rows: null, columns: null };
  }
}

export default async function DatasetsPage({ params }: { params: Promise<{ project: string }> }) {
  const { project, role } = await requireProjectAccess((await params).project);
  const datasets = await listDatasets(await getDb(), project.id);
  return (
    <>
      <PageHeader
        title="Datasets"
        description="Dataset versions: a name and a content hash. Runs that logged them (MLflow log_input) and models built from those runs are linked."
        actions={
          roleAtLeast(role, 'editor') && (
            <DialogButton
              label="New dataset version"
              anchor="new-dataset"
              title="Register a dataset version"
              description="Upload a CSV: Runboard hashes the exact bytes (SHA-256) and infers columns and types."
            >
              <ActionForm
                label="Register a dataset version"
                action={uploadDatasetAction}
                hidden={{ project: project.slug }}
                submitLabel="Upload and register"
                resetOnSuccess
              >
                <Field name="name" label="Dataset name" required placeholder="seattle-weather" />
                <Field name="file" label="CSV file" type="file" required />
                <Field name="source" label="Source (optional)" placeholder="s3://bucket/weather.csv" />
              </ActionForm>
            </DialogButton>
          )
        }
      />
      <DatasetsTable
        project={project.slug}
        rows={datasets.map((d) => ({
          id: d.id,
          name: d.name,
          digest: d.digest,
          source: d.source,
          sourceType: d.sourceType,
          createdAt: d.createdAt,
          ...shape(d.profile),
        }))}
      />
    </>
  );
}
