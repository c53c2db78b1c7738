import type { RunStatus } from './vocabulary';

/** The run page's tabs, in the order they are shown; the key is what `?tab=` holds. */
export const RUN_TABS = [
  { key: 'overview', label: 'Overview' },
  { key: 'charts', label: 'Charts' },
  { key: 'data', label: 'Params, metrics & tags' },
  { key: 'artifacts', label: 'Artifacts' },
] as const;
export type RunTab = (typeof RUN_TABS)[number]['key'];

const isRunTab = (v: string | undefined): v is RunTab => RUN_TABS.some((t) => t.key === v);

/**
 * The tab to show: the one in the URL; else the artifacts tab for a shared file link (`?artifact=`);
 * else Charts for a run that ran (finished or still running), Overview for one that failed, was
 * killed or is only scheduled, where what went in matters more than its curves.
 */
export function pickRunTab(
  search: { tab?: string | string[]; artifact?: string | string[] },
  status: RunStatus,
): RunTab {
  const tab = [search.tab].flat()[0];
  if (isRunTab(tab)) return tab;
  if (search.artifact !== undefined) return 'artifacts';
  return status === 'FINISHED' || status === 'RUNNING' ? 'charts' : 'overview';
}
