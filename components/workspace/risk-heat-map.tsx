'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { cn } from '@/components/ui/cn';
import type { HeatCell, RiskFilter, Severity } from '@/lib/risks';

const SEVERITY: Record<Severity, string> = {
  high: 'bg-red-600 text-white hover:bg-red-500 dark:bg-red-700 dark:hover:bg-red-600',
  medium: 'bg-amber-300 text-amber-950 hover:bg-amber-200 dark:bg-amber-600 dark:text-amber-50 dark:hover:bg-amber-500',
  low: 'bg-emerald-200 text-emerald-950 hover:bg-emerald-100 dark:bg-emerald-800 dark:text-emerald-50 dark:hover:bg-emerald-700',
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
          <span className="-rotate-90 whitespace-nowrap text-xs font-semibold uppercase tracking-wide text-zinc-600 dark:text-zinc-400">Likelihood</span>
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
                          SEVERITY[cell.severity],
                          pressed && 'ring-4 ring-indigo-500 ring-offset-2 dark:ring-offset-zinc-900',
                          cell.count === 0 && 'opacity-60',
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
        <button type="button" onClick={() => choose(null)} className="self-start pl-8 text-sm text-indigo-700 underline dark:text-indigo-400">
          Show all risks
        </button>
      )}
    </div>
  );
}
