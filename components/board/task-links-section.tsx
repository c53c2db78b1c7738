import Link from 'next/link';
import type { ReactNode } from 'react';
import { linkTaskAction, unlinkTaskAction } from '@/app/(app)/[project]/board/actions';
import { StatusBadge } from '@/components/tracking/badges';
import { ActionForm, Field } from '@/components/ui/action-form';
import { EmptyActionLink, logFromCodeAction } from '@/components/ui/empty-state';
import type { LinkedRun } from '@/lib/board/board-data';
import type { listLinkTargets, listTaskLinks } from '@/db/queries/task-links';

type Links = Awaited<ReturnType<typeof listTaskLinks>>;
type Targets = Awaited<ReturnType<typeof listLinkTargets>>;
type Kind = 'run' | 'risk' | 'metric' | 'subproblem';

function Group({
  title,
  empty,
  children,
  count,
}: {
  title: string;
  empty: string;
  children: ReactNode;
  count: number;
}) {
  return (
    <div>
      <h3 className="mb-1 text-sm font-semibold text-zinc-800 dark:text-zinc-100">{title}</h3>
      {count === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{empty}</p>
      ) : (
        <ul className="flex flex-col gap-1.5">{children}</ul>
      )}
    </div>
  );
}

function Item({
  canEdit,
  hidden,
  name,
  children,
}: {
  canEdit: boolean;
  hidden: Record<string, string>;
  name: string;
  children: ReactNode;
}) {
  return (
    <li className="flex flex-wrap items-center gap-2 text-sm">
      {children}
      {canEdit && (
        <ActionForm
          label={`Unlink ${name}`}
          action={unlinkTaskAction}
          hidden={hidden}
          submitLabel="Unlink"
          submitVariant="ghost"
          className="ml-auto"
        />
      )}
    </li>
  );
}

function LinkForm({
  kind,
  label,
  options,
  hidden,
}: {
  kind: Kind;
  label: string;
  options: Array<{ id: string; label: string }>;
  hidden: Record<string, string>;
}) {
  if (options.length === 0) return null;
  return (
    <ActionForm
      label={`Link a ${label}`}
      action={linkTaskAction}
      hidden={{ ...hidden, kind }}
      submitLabel="Link"
      submitVariant="secondary"
      className="max-w-md"
    >
      <Field
        name="targetId"
        label={`Link a ${label}`}
        options={options.map((o) => ({ value: o.id, label: o.label || o.id }))}
      />
    </ActionForm>
  );
}

/** Runs (with their live status), risks, success metrics and sub-problems this task works on. */
export function TaskLinksSection({
  project,
  taskId,
  runs,
  links,
  targets,
  canEdit,
}: {
  project: string;
  taskId: string;
  runs: LinkedRun[];
  links: Links;
  targets: Targets | null;
  canEdit: boolean;
}) {
  const base = { project, taskId };
  const unlinked = <T extends { id: string }>(all: T[], linked: Array<{ id: string }>) =>
    all.filter((o) => !linked.some((l) => l.id === o.id));
  return (
    <div className="flex flex-col gap-5">
      <Group
        title="Runs"
        count={runs.length}
        empty="No runs linked. Link the training runs that carry out this task to follow their status here."
      >
        {runs.map((r) => (
          <Item key={r.id} canEdit={canEdit} hidden={{ ...base, kind: 'run', targetId: r.id }} name={r.name || r.id}>
            <StatusBadge status={r.status} />
            <Link className="text-indigo-700 underline dark:text-indigo-300" href={`/${project}/runs/${r.id}`}>
              {r.name || r.id}
            </Link>
          </Item>
        ))}
      </Group>
      <Group title="Risks" count={links.risks.length} empty="No risks linked. Link the risk this task mitigates.">
        {links.risks.map((r) => (
          <Item key={r.id} canEdit={canEdit} hidden={{ ...base, kind: 'risk', targetId: r.id }} name={r.title}>
            <Link className="text-indigo-700 underline dark:text-indigo-300" href={`/${project}/risks/${r.id}`}>
              {r.title}
            </Link>
            <span className="text-xs text-zinc-600 dark:text-zinc-400">
              likelihood {r.likelihood}, impact {r.impact} · {r.status}
            </span>
          </Item>
        ))}
      </Group>
      <Group
        title="Success metrics"
        count={links.metrics.length}
        empty="No success metrics linked. Link the metric this task should move."
      >
        {links.metrics.map((m) => (
          <Item key={m.id} canEdit={canEdit} hidden={{ ...base, kind: 'metric', targetId: m.id }} name={m.name}>
            <Link className="text-indigo-700 underline dark:text-indigo-300" href={`/${project}/metrics/${m.id}`}>
              {m.name}
            </Link>
            <span className="text-xs text-zinc-600 dark:text-zinc-400">{m.kind}</span>
          </Item>
        ))}
      </Group>
      <Group
        title="Sub-problems"
        count={links.subProblems.length}
        empty="No sub-problems linked. Link the part of the problem tree this task addresses."
      >
        {links.subProblems.map((p) => (
          <Item
            key={p.linkId}
            canEdit={canEdit}
            hidden={{ ...base, kind: 'subproblem', targetId: String(p.linkId) }}
            name={p.title}
          >
            <Link className="text-indigo-700 underline dark:text-indigo-300" href={`/${project}/problem`}>
              {p.title}
            </Link>
            <span className="text-xs text-zinc-600 dark:text-zinc-400">{p.status.replace('_', ' ')}</span>
          </Item>
        ))}
      </Group>
      {canEdit && targets && Object.values(targets).every((list) => list.length === 0) && (
        <div className="border-t border-zinc-200 pt-4 dark:border-zinc-700">
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Nothing to link yet: log runs, add risks and success metrics, or break the problem down, and they can be
            linked here.
          </p>
          <div className="flex flex-wrap gap-2">
            {[
              logFromCodeAction(project),
              { href: `/${project}/risks#new-risk`, label: 'Add a risk' },
              { href: `/${project}/metrics#new-metric`, label: 'Define a success metric' },
              { href: `/${project}/problem#decomposition`, label: 'Add a sub-problem' },
            ].map((action) => (
              <EmptyActionLink key={action.href} action={action} />
            ))}
          </div>
        </div>
      )}
      {canEdit && targets && Object.values(targets).some((list) => list.length > 0) && (
        <div className="grid gap-4 border-t border-zinc-200 pt-4 md:grid-cols-2 dark:border-zinc-700">
          <LinkForm kind="run" label="run" options={unlinked(targets.runs, runs)} hidden={base} />
          <LinkForm kind="risk" label="risk" options={unlinked(targets.risks, links.risks)} hidden={base} />
          <LinkForm
            kind="metric"
            label="success metric"
            options={unlinked(targets.metrics, links.metrics)}
            hidden={base}
          />
          <LinkForm
            kind="subproblem"
            label="sub-problem"
            options={unlinked(targets.subProblems, links.subProblems)}
            hidden={base}
          />
        </div>
      )}
    </div>
  );
}
