import Link from 'next/link';
import { ArtifactCompare } from '@/components/artifacts/artifact-compare';
import { CompareExplorer } from '@/components/tracking/compare-explorer';
import type { CompareRun } from '@/components/tracking/compare-types';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader, Section } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import { listExperiments } from '@/db/queries/experiments';
import { listMetricKeys } from '@/db/queries/run-metrics';
import { getRunsData } from '@/db/queries/run-search';
import { getPrimaryRunMetricKey } from '@/db/queries/success-metrics';
import { listRunsByIds } from '@/db/queries/runs';
import { parseCompareRuns } from '@/lib/tracking/compare-view';
import { assignRunColors } from '@/lib/tracking/run-colors';
import { requireProjectAccess } from '@/server/project-page';
import { listCommonArtifactPaths } from '@/server/artifacts/common-paths';

export const metadata = { title: 'Compare runs' };

export default async function ComparePage({
  params,
  searchParams,
}: {
  params: Promise<{ project: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { project } = await requireProjectAccess((await params).project);
  const raw = (await searchParams).runs;
  const wanted = parseCompareRuns(new URLSearchParams({ runs: Array.isArray(raw) ? raw.join(',') : (raw ?? '') }));
  const db = await getDb();
  const found = await listRunsByIds(db, project.id, wanted);
  // The URL's order decides colours, so a shared link shows every run in the same colour.
  const byId = new Map(found.map((r) => [r.id, r]));
  const ordered = wanted.flatMap((id) => byId.get(id) ?? []);
  const [data, metricKeys, experiments, artifactPaths, primaryMetric] = await Promise.all([
    getRunsData(
      db,
      ordered.map((r) => r.id),
    ),
    listMetricKeys(
      db,
      ordered.map((r) => r.id),
    ),
    listExperiments(db, project.id),
    listCommonArtifactPaths(project.slug, ordered),
    getPrimaryRunMetricKey(db, project.id),
  ]);
  const colors = assignRunColors(ordered.map((r) => r.id));
  const names = new Map(experiments.map((e) => [e.id, e.name]));
  const runs: CompareRun[] = ordered.map((r) => {
    const d = data.get(r.id)!;
    return {
      id: r.id,
      name: r.name,
      status: r.status,
      approach: r.approach,
      experimentName: names.get(r.experimentId) ?? String(r.experimentId),
      startTime: r.startTime,
      color: colors.get(r.id)!,
      params: Object.fromEntries(d.params.map((p) => [p.key, p.value])),
      tags: Object.fromEntries(d.tags.map((t) => [t.key, t.value])),
      metrics: Object.fromEntries(d.metrics.map((m) => [m.key, { latest: m.value, min: m.minValue, max: m.maxValue }])),
    };
  });
  const missing = wanted.length - runs.length;
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-zinc-600 dark:text-zinc-400">
        <Link href={`/${project.slug}/experiments`} className="hover:underline">
          Experiments
        </Link>{' '}
        /{' '}
        <Link href={`/${project.slug}/runs`} className="hover:underline">
          All runs
        </Link>{' '}
        / Compare
      </nav>
      <PageHeader
        title={`Compare ${runs.length} ${runs.length === 1 ? 'run' : 'runs'}`}
        description={
          missing > 0
            ? `${missing} of the runs in this link no longer exist in this project and are left out.`
            : 'Share this page’s URL: it keeps the runs and every choice below.'
        }
      />
      {runs.length === 0 ? (
        <EmptyState
          title="No runs to compare"
          hint="Open All runs or an experiment, tick the runs you want side by side, then press Compare."
          action={{ href: `/${project.slug}/runs`, label: 'Choose runs' }}
        />
      ) : (
        <>
          <CompareExplorer project={project.slug} runs={runs} metricKeys={metricKeys} primaryMetric={primaryMetric} />
          <Section title="Artifacts" description="A file every compared run logged, side by side.">
            {artifactPaths ? (
              <ArtifactCompare project={project.slug} runs={runs} paths={artifactPaths} />
            ) : (
              <p role="alert" className="text-sm text-red-700 dark:text-red-400">
                The artifact store could not be read just now; reload the page to try again.
              </p>
            )}
          </Section>
        </>
      )}
    </>
  );
}
