import { UrlPicker } from '@/components/ui/url-picker';

/** Narrows the report's methodology to one experiment; the choice lives in the URL so the view can be shared. */
export function ExperimentFilter({ experiments, value }: { experiments: string[]; value: string | null }) {
  return (
    <UrlPicker
      name="experiment"
      label="Experiment"
      formLabel="Filter the report by experiment"
      options={[{ value: '', label: 'All experiments with runs' }, ...experiments.map((e) => ({ value: e, label: e }))]}
      value={value ?? ''}
      className="mb-4 flex flex-wrap items-end gap-2"
      selectClassName="rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm text-zinc-900 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-100"
    />
  );
}
