import { Section } from '@/components/ui/page-header';
import type { MetricResult } from '@/lib/ab-tests/results';
import { MeansChart } from '@/components/charts/lazy-charts';
import { ResultsTable } from './results-table';

const role = (m: MetricResult) => (m.primary ? 'Primary metric' : m.guardrail ? 'Guardrail' : 'Secondary metric');

/** One metric: every variant's n, mean, sd and lifts, and the means with their confidence intervals. */
export function MetricSection({
  project,
  testName,
  metric,
}: {
  project: string;
  testName: string;
  metric: MetricResult;
}) {
  const good = metric.direction === 'increase' ? 'higher is better' : 'lower is better';
  const kind =
    metric.kind === 'conversion'
      ? 'conversion (share of units with 1), two-proportion z-test'
      : 'continuous, Welch t-test';
  const guard = metric.guardrail ? ' A guardrail fails when its whole 95% CI lies on the harmful side of zero.' : '';
  return (
    <Section title={`${role(metric)}: ${metric.name}`} description={`${kind}; ${good}.${guard}`}>
      <div className="flex flex-col gap-4">
        <MeansChart
          metric={metric.name}
          points={metric.variants.map((v) => ({
            key: v.variant,
            label: `${v.variant} · v${v.version}`,
            mean: v.mean,
            halfWidth: v.mean_ci_half_width,
            n: v.n,
          }))}
        />
        <ResultsTable project={project} testName={testName} metric={metric} />
      </div>
    </Section>
  );
}
