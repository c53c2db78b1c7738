import type { AbResults } from '@/lib/ab-tests/results';

/** Shown when the assigned units do not follow the configured split: something drops or duplicates units. */
export function SrmBanner({ results }: { results: AbResults }) {
  if (!results.srm.flagged) return null;
  const total = results.variants.reduce((s, v) => s + v.weight, 0);
  const observed = results.variants.map((v) => `${v.key} ${v.assigned.toLocaleString('en-US')}`).join(' / ');
  const expected = results.variants.map((v) => `${Math.round((v.weight / total) * 100)}%`).join(' / ');
  return (
    <div
      role="alert"
      className="mb-6 rounded-lg border border-red-300 bg-red-50 p-4 text-sm text-red-950 dark:border-red-800 dark:bg-red-950/50 dark:text-red-100"
    >
      <p className="font-semibold">Sample-ratio mismatch: these results are not to be trusted.</p>
      <p className="mt-1">
        Units assigned {observed} against a configured split of {expected} (χ² = {results.srm.chi2.toFixed(2)}, p{' '}
        {results.srm.p_value < 0.0001 ? '< 0.0001' : `= ${results.srm.p_value.toFixed(4)}`}). A split this far off by
        chance is very unlikely (p &lt; 0.001), so something loses or duplicates units of one variant — a crash, a
        redirect, a filter or a caching layer in the serving path. Find the cause before acting on the lifts below;
        shipping now asks for confirmation.
      </p>
    </div>
  );
}
