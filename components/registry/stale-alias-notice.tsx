import { setAliasAction } from '@/app/(app)/[project]/models/actions';
import { ActionForm } from '@/components/ui/action-form';
import type { StaleAlias } from '@/lib/registry/stale-aliases';

/** Aliases a promotion left on an archived version, each with a button moving it to the version that took over. */
export function StaleAliasNotice({
  project,
  model,
  stale,
  canEdit,
}: {
  project: string;
  model: string;
  stale: StaleAlias[];
  canEdit: boolean;
}) {
  if (stale.length === 0) return null;
  return (
    <section
      aria-label="Aliases on archived versions"
      className="mb-8 space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
    >
      <h2 className="font-semibold">Aliases on archived versions</h2>
      <ul className="space-y-3">
        {stale.map((s) => (
          <li key={s.alias} className="flex flex-wrap items-center gap-x-4 gap-y-2">
            <span>
              <span className="font-mono">@{s.alias}</span> still points to version {s.version}, which is archived:
              clients loading{' '}
              <span className="font-mono">
                models:/{model}@{s.alias}
              </span>{' '}
              get the old model.
            </span>
            {canEdit && s.successor && (
              <ActionForm
                action={setAliasAction}
                hidden={{ project, name: model, alias: s.alias, version: s.successor.version }}
                label={`Move @${s.alias}`}
                submitLabel={`Move @${s.alias} to version ${s.successor.version} (${s.successor.stage})`}
                submitVariant="secondary"
              />
            )}
            {canEdit && !s.successor && <span>Point it at another version with Aliases below, or remove it.</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
