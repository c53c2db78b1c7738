import { ScrollArea } from '@/components/ui/scroll-area';
import Link from 'next/link';
import { StageBadge } from '@/components/registry/stage-badge';
import { EmptyState, logFromCodeAction } from '@/components/ui/empty-state';
import { PageHeader, Section } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import { getDataset, getDatasetUsage } from '@/db/queries/datasets';
import type { ColumnProfile } from '@/lib/datasets/profile';
import { uuidId } from '@/lib/ids';
import { orNotFound, paramsOrNotFound } from '@/server/not-found';
import { requireProjectAccess } from '@/server/project-page';

export default async function DatasetPage({ params }: { params: Promise<{ project: string; datasetId: string }> }) {
  const { project: slug, datasetId } = await params;
  const { project } = await requireProjectAccess(slug);
  const id = await paramsOrNotFound(uuidId, datasetId);
  const db = await getDb();
  const dataset = await orNotFound(getDataset(db, project.id, id));
  const usage = await getDatasetUsage(db, dataset.id);
  let profile: { num_rows?: number; columns?: ColumnProfile[] } = {};
  try {
    profile = JSON.parse(dataset.profile ?? '{}');
  } catch {
    // A client-reported profile need not be JSON; then there is simply no column table.
  }
  return (
    <>
      <PageHeader
        title={dataset.name}
        description={<code className="break-all text-xs">sha256 {dataset.digest}</code>}
      />
      <Section title="Shape and schema">
        <p className="mb-2 text-sm">
          {profile.num_rows ?? '?'} rows · {profile.columns?.length ?? '?'} columns · source{' '}
          {dataset.source || dataset.sourceType || 'unknown'}
        </p>
        {profile.columns?.length ? (
          <ScrollArea label="Columns of the dataset" className="overflow-x-auto">
            <table className="text-sm" aria-label="Columns">
              <thead>
                <tr>
                  {['Column', 'Type', 'Missing', 'Distinct'].map((h) => (
                    <th key={h} scope="col" className="px-2 py-1 text-left">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {profile.columns.map((c) => (
                  <tr key={c.name} className="border-t border-zinc-100 dark:border-zinc-800">
                    <td className="px-2 py-1 font-mono text-xs">{c.name}</td>
                    <td className="px-2 py-1">{c.type}</td>
                    <td className="px-2 py-1">{c.missing}</td>
                    <td className="px-2 py-1">{c.distinct}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollArea>
        ) : (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            {dataset.schema ? <code className="text-xs">{dataset.schema}</code> : 'No schema was reported.'}
          </p>
        )}
      </Section>
      <Section
        title="Built on this dataset"
        description="Runs that used this version, and the model versions registered from those runs."
      >
        {usage.runs.length === 0 ? (
          <EmptyState
            title="No run used this dataset yet"
            hint="Log it from training code with mlflow.log_input(dataset) so runs link here."
            action={logFromCodeAction(project.slug)}
          />
        ) : (
          <ul className="space-y-2 text-sm">
            {usage.runs.map(({ run }) => (
              <li key={run.id}>
                <Link
                  className="font-medium text-indigo-700 underline dark:text-indigo-400"
                  href={`/${project.slug}/runs/${run.id}`}
                >
                  {run.name}
                </Link>{' '}
                <span className="text-zinc-600 dark:text-zinc-400">({run.status.toLowerCase()})</span>
                {usage.modelVersions
                  .filter((v) => v.runId === run.id)
                  .map((v) => (
                    <span key={`${v.modelName}-${v.version}`} className="ml-2">
                      →{' '}
                      <Link
                        className="text-indigo-700 underline dark:text-indigo-400"
                        href={`/${project.slug}/models/${encodeURIComponent(v.modelName)}/versions/${v.version}`}
                      >
                        {v.modelName} v{v.version}
                      </Link>{' '}
                      <StageBadge stage={v.stage} />
                    </span>
                  ))}
              </li>
            ))}
          </ul>
        )}
      </Section>
    </>
  );
}
