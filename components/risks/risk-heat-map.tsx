'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { cn } from '@/components/ui/cn';
import type { HeatCell, RiskFilter, Severity } from '@/lib/risks/scoring';

// Text on every fill keeps 4.5:1 in both themes, hovered too.
const SEVERITY: Record<Severity, string> = {
  high: 'bg-red-700 text-white hover:bg-red-600 dark:bg-red-800 dark:hover:bg-red-700',
  medium: 'bg-amber-300 text-amber-950 hover:bg-amber-200 dark:bg-amber-800 dark:text-amber-50 dark:hover:bg-amber-700',
  low: 'bg-emerald-200 text-emerald-950 hover:bg-emerald-100 dark:bg-emerald-800 dark:text-emerald-50 dark:hover:bg-emerald-700',
};
// A cell with no open risk keeps its severity hue, paler, instead of fading its text below contrast.
const EMPTY: Record<Severity, string> = {
  high: 'border border-dashed border-red-400 bg-red-50 text-red-900 hover:bg-red-100 dark:border-red-700 dark:bg-red-950 dark:text-red-200 dark:hover:bg-red-900',
  medium:
    'border border-dashed border-amber-400 bg-amber-50 text-amber-900 hover:bg-amber-100 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200 dark:hover:bg-amber-900',
  low: 'border border-dashed border-emerald-400 bg-emerald-50 text-emerald-900 hover:bg-emerald-100 dark:border-emerald-700 dark:bg-emerald-950 dark:text-emerald-200 dark:hover:bg-emerald-900',
};

/** The 3×3 likelihood × impact grid; a cell filters the register below through the URL (?l=…&i=…). */
export function RiskHeatMap({ grid, selected }: { grid: HeatCell[][]; selected: RiskFilter }) {
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  const choose = (cell: HeatCell | null) => {
    const params = new URLSearchParams(search);
    const same = cell && selected.likelihood === cell.likelihood && selected.impact === cell.impact;
    params.delete('l');
    params.delete('i');
    if (cell && !same) {
      params.set('l', cell.likelihood);
      params.set('i', cell.impact);
    }
    const qs = params.toString();
    router.push(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
  };
  const impacts = grid[0]?.map((c) => c.impact) ?? [];
  return (
    <div className="flex flex-col gap-2">
      <div className="flex items-stretch gap-2">
        <div className="flex w-6 items-center justify-center">
          <span className="-rotate-90 whitespace-nowrap text-xs font-semibold uppercase tracking-wide text-zinc-600 dark:text-zinc-400">
            Likelihood
          </span>
        </div>
        <table className="border-separate border-spacing-1" aria-label="Risk heat map: likelihood by impact">
          <thead>
            <tr>
              <td />
              {impacts.map((i) => (
                <th key={i} scope="col" className="px-1 text-xs font-medium text-zinc-600 dark:text-zinc-400">
                  {i}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {grid.map((row) => (
              <tr key={row[0]!.likelihood}>
                <th scope="row" className="pr-1 text-right text-xs font-medium text-zinc-600 dark:text-zinc-400">
                  {row[0]!.likelihood}
                </th>
                {row.map((cell) => {
                  const pressed = selected.likelihood === cell.likelihood && selected.impact === cell.impact;
                  return (
                    <td key={cell.impact}>
                      <button
                        type="button"
                        aria-pressed={pressed}
                        aria-label={`Likelihood ${cell.likelihood}, impact ${cell.impact}: ${cell.count} open ${cell.count === 1 ? 'risk' : 'risks'}, score ${cell.score}`}
                        onClick={() => choose(cell)}
                        className={cn(
                          'flex h-16 w-20 flex-col items-center justify-center rounded-md text-lg font-semibold focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500',
                          cell.count === 0 ? EMPTY[cell.severity] : SEVERITY[cell.severity],
                          pressed && 'ring-4 ring-indigo-500 ring-offset-2 dark:ring-offset-zinc-900',
                        )}
                      >
                        {cell.count}
                        <span className="text-[10px] font-normal">score {cell.score}</span>
                      </button>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="pl-8 text-xs font-semibold uppercase tracking-wide text-zinc-600 dark:text-zinc-400">Impact →</p>
      {(selected.likelihood || selected.impact) && (
        <button
          type="button"
          onClick={() => choose(null)}
          className="self-start pl-8 text-sm text-indigo-700 underline dark:text-indigo-400"
        >
          Show all risks
        </button>
      )}
    </div>
  );
}
