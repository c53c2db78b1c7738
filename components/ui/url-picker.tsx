import { buttonClass } from '@/components/ui/button';

/** A GET form that puts one choice into the URL (keeping the others), so the view can be shared. */
export function UrlPicker({
  name,
  label,
  formLabel,
  options,
  value,
  keep = {},
  action,
  className,
  selectClassName,
}: {
  name: string;
  label: string;
  formLabel: string;
  options: { value: string; label: string }[];
  value: string;
  keep?: Record<string, string | undefined>;
  action?: string;
  className: string;
  selectClassName: string;
}) {
  return (
    <form method="get" action={action} className={className} aria-label={formLabel}>
      {Object.entries(keep).map(([k, v]) => (v ? <input key={k} type="hidden" name={k} value={v} /> : null))}
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium text-zinc-800 dark:text-zinc-200">{label}</span>
        <select name={name} defaultValue={value} className={selectClassName}>
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
