import { buttonClass } from '@/components/ui/button';

/** A GET form that puts one choice into the URL (keeping the others), so a chart view can be shared. */
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
    <form
      method="get"
      className="mb-3 flex flex-wrap items-end gap-2 text-sm"
      aria-label={`Choose the ${label.toLowerCase()}`}
    >
      {Object.entries(keep).map(([k, v]) => (v ? <input key={k} type="hidden" name={k} value={v} /> : null))}
      <label className="flex flex-col gap-1">
        <span className="font-medium text-zinc-800 dark:text-zinc-200">{label}</span>
        <select
          name={name}
          defaultValue={value}
          className="rounded-md border border-zinc-300 bg-white px-2 py-1 text-zinc-900 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-100"
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className={buttonClass('secondary')}>
        Show
      </button>
    </form>
  );
}
