import { UrlPicker } from '@/components/ui/url-picker';

/** Picks the feature or metric a monitoring chart shows, keeping the page's other choices in the URL. */
export function ChartPicker({
  name,
  label,
  options,
  value,
  keep,
}: {
  name: string;
  label: string;
  options: { value: string; label: string }[];
  value: string;
  keep: Record<string, string | undefined>;
}) {
  return (
    <UrlPicker
      name={name}
      label={label}
      formLabel={`Choose the ${label.toLowerCase()}`}
      options={options}
      value={value}
      keep={keep}
      className="mb-3 flex flex-wrap items-end gap-2 text-sm"
      selectClassName="rounded-md border border-zinc-300 bg-white px-2 py-1 text-zinc-900 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-100"
    />
  );
}
