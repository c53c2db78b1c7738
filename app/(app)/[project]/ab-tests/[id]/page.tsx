import Link from 'next/link';
import { ApiHelp } from '@/components/ab-tests/api-help';
import { DecisionPanel } from '@/components/ab-tests/decision-panel';
import { LiftChart } from '@/components/charts/lazy-charts';
import { MetricSection } from '@/components/ab-tests/metric-section';
import { SrmBanner } from '@/components/ab-tests/srm-banner';
import { StatusBadge } from '@/components/ab-tests/status-badge';
import { EmptyActionLink, logFromCodeAction } from '@/components/ui/empty-state';
import { PageHeader, Section } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import { getAbTestDaily, getAbTestDailyExposures } from '@/db/queries/ab-ingest';
import { getAbTestConfig, getAbTestResults, getDecider } from '@/db/queries/ab-tests';
import { describeMetricOutcome, formatPValue } from '@/lib/ab-tests/format';
import { LIFT_CHART_MIN_UNITS, cumulativeLift } from '@/lib/ab-tests/lift-series';
import { describeShipWarnings, shipWarnings } from '@/lib/ab-tests/results';
import { roleAtLeast } from '@/lib/domain';
import { LocalTime } from '@/components/ui/local-time';
import { uuidId } from '@/lib/ids';
import { orNotFound, paramsOrNotFound } from '@/server/not-found';
import { requireProjectAccess } from '@/server/project-page';

export const metadata = { title: 'A/B test' };

export default async function AbTestPage({
  params,
  searchParams,
}: {
  params: Promise<{ project: string; id: string }>;
  searchParams: Promise<{ metric?: string }>;
}) {
  const { project: slug, id } = await params;
  const { project, role } = await requireProjectAccess(slug);
  const db = await getDb();
  const config = await orNotFound(getAbTestConfig(db, project.id, await paramsOrNotFound(uuidId, id)));
  const { test, modelName } = config;
  const results = await getAbTestResults(db, config);
  const primary = results.metrics.find((m) => m.primary)!;
  const wanted = (await searchParams).metric;
  const charted = results.metrics.find((m) => m.name === wanted) ?? primary;
  const treatments = results.variants.slice(1).map((v) => v.key);
  const [daily, exposures, decider] = await Promise.all([
    getAbTestDaily(db, test.id, charted.name),
    getAbTestDailyExposures(db, test.id),
    getDecider(db, test.decidedBy),
  ]);
  const lift = cumulativeLift(daily, exposures, results.control, treatments, charted.kind, LIFT_CHART_MIN_UNITS);
  const totalWeight = results.variants.reduce((s, v) => s + v.weight, 0);
  const modelHref = `/${project.slug}/models/${encodeURIComponent(modelName)}`;
  const noData = results.variants.every((v) => v.assigned === 0) && primary.variants.every((v) => v.n === 0);
  return (
    <>
      <PageHeader
        title={test.name}
        description={test.description || undefined}
        actions={<StatusBadge status={test.status} shipped={test.shippedVariant} />}
      />
      <SrmBanner results={results} />
      <Section title="Setup">
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium">Model</dt>
          <dd>
            <Link className="text-indigo-700 underline dark:text-indigo-400" href={modelHref}>
              {modelName}
            </Link>
          </dd>
          <dt className="font-medium">Variants</dt>
          <dd>
            <ul aria-label="Variants">
              {results.variants.map((v) => (
                <li key={v.key}>
                  {v.key}: version {v.version}
                  {v.key === results.control ? ' (control)' : ''} — {Math.round((v.weight / totalWeight) * 100)}% of
                  traffic, {v.assigned.toLocaleString('en-US')} units assigned
                </li>
              ))}
            </ul>
          </dd>
          <dt className="font-medium">Started</dt>
          <dd>{test.startedAt ? <LocalTime value={test.startedAt} /> : 'Not yet (draft)'}</dd>
          <dt className="font-medium">Stopped</dt>
          <dd>{test.stoppedAt ? <LocalTime value={test.stoppedAt} /> : '—'}</dd>
          <dt className="font-medium">Sample-ratio check</dt>
          <dd>
            {results.srm.note ?? (
              <>
                χ² = {results.srm.chi2.toFixed(2)}, {formatPValue(results.srm.p_value)} —{' '}
                {results.srm.flagged ? 'mismatch (flagged at p < 0.001)' : 'no mismatch detected'}
              </>
            )}
          </dd>
        </dl>
      </Section>
      {noData && (
        <Section
          id="send-traffic"
          title="Send traffic"
          description="Nothing has arrived yet. Call these from the serving path with a project API token (Settings → API tokens, editor role)."
        >
          <ApiHelp testId={test.id} metric={primary.name} />
          <EmptyActionLink action={logFromCodeAction(project.slug)} />
        </Section>
      )}
      <Section
        title="Outcome"
        description={`Primary metric ${primary.name}, each variant against the control (${results.control}), α = 0.05 two-sided.`}
      >
        <ul aria-label="Outcome per variant" className="mb-4 flex flex-col gap-1 text-sm">
          {treatments.map((t) => (
            <li key={t}>{describeMetricOutcome(primary, t, results.control)}</li>
          ))}
        </ul>
        <nav aria-label="Metric of the lift chart" className="mb-2 flex flex-wrap gap-2 text-sm">
          {results.metrics.map((m) => (
            <Link
              key={m.name}
              href={`?metric=${encodeURIComponent(m.name)}`}
              aria-current={m.name === charted.name ? 'page' : undefined}
              className="rounded-full border border-zinc-300 px-3 py-1 aria-[current=page]:border-indigo-600 aria-[current=page]:bg-indigo-600 aria-[current=page]:text-white dark:border-zinc-600"
            >
              {m.name}
            </Link>
          ))}
        </nav>
        <LiftChart
          metric={charted.name}
          points={lift}
          treatments={treatments}
          minUnits={LIFT_CHART_MIN_UNITS}
          emptyAction={noData ? { href: '#send-traffic', label: 'Send traffic' } : undefined}
        />
      </Section>
      {results.metrics.map((m) => (
        <MetricSection key={m.name} project={project.slug} testName={test.name} metric={m} />
      ))}
      <Section title="Decision">
        {test.shippedVariant || (test.status === 'stopped' && test.decidedAt) ? (
          <div className="mb-4 text-sm" role="status">
            <p className="font-semibold">
              {test.shippedVariant
                ? `Shipped ${test.shippedVariant} (version ${results.variants.find((v) => v.key === test.shippedVariant)?.version}) to Production`
                : 'Stopped without shipping'}
              {test.decidedAt && (
                <>
                  {' '}
                  on <LocalTime value={test.decidedAt} />
                </>
              )}
              {decider ? ` by ${decider.name}` : ''}.
            </p>
            {test.decisionReason && <p className="mt-1 text-zinc-700 dark:text-zinc-300">{test.decisionReason}</p>}
            {test.shippedVariant && (
              <Link className="mt-1 inline-block text-indigo-700 underline dark:text-indigo-400" href={modelHref}>
                See {modelName} in the registry
              </Link>
            )}
          </div>
        ) : null}
        {roleAtLeast(role, 'editor') && !test.shippedVariant ? (
          <DecisionPanel
            project={project.slug}
            id={test.id}
            version={test.version}
            status={test.status}
            options={results.variants.map((v) => ({
              key: v.key,
              version: v.version,
              isControl: v.key === results.control,
              warning: describeShipWarnings(shipWarnings(results, v.key)),
              summary: v.key === results.control ? '' : `${describeMetricOutcome(primary, v.key, results.control)}.`,
            }))}
          />
        ) : (
          !test.shippedVariant && (
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              Editors decide: ship a variant to Production, or stop the test.
            </p>
          )
        )}
      </Section>
    </>
  );
}
