import Link from 'next/link';
import { EmptyState } from '@/components/ui/empty-state';
import type { Overview } from '@/db/queries/overview';
import { CATEGORY_LABELS } from '@/lib/risks/scoring';
import { LocalTime } from '@/components/ui/local-time';
import { formatDay } from '@/lib/format';
import { AlertGroupList } from '../monitoring/alert-groups';
import { formatValue } from '../success-metrics/chart-format';
import { Flag } from '../success-metrics/status-badge';

const linkClass = 'text-indigo-700 underline dark:text-indigo-400';

export function FlaggedRisks({ project, risks }: { project: string; risks: Overview['risks'] }) {
  return (
    <>
      <p className="mb-3 text-sm text-zinc-700 dark:text-zinc-300">
        {risks.openCount} open · {risks.criticalCount} critical · {risks.overdueCount} overdue for review ·{' '}
        <Link className={linkClass} href={`/${project}/risks`}>
          Risk register
        </Link>
      </p>
      {risks.flagged.length === 0 ? (
        <EmptyState
          title="No critical risks and no overdue reviews"
          hint="Keep the register current: assess new risks and review them by their dates."
          action={{ href: `/${project}/risks#new-risk`, label: 'Assess a risk' }}
        />
      ) : (
        <ul aria-label="Critical and overdue risks" className="flex flex-col gap-2">
          {risks.flagged.map((r) => (
            <li key={r.id} className="flex flex-wrap items-center gap-2 text-sm">
              <Link className={`font-medium ${linkClass}`} href={`/${project}/risks/${r.id}`}>
                {r.title}
              </Link>
              {r.critical && <Flag tone="red">Critical</Flag>}
              {r.overdue && <Flag tone="amber">Review overdue</Flag>}
              <span className="text-zinc-600 dark:text-zinc-400">
                {CATEGORY_LABELS[r.category]} · score {r.score}, residual {r.residual} · {r.ownerName ?? 'no owner'}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function Progress({ label, done, total, unit }: { label: string; done: number; total: number; unit: string }) {
  return (
    <div className="flex flex-col gap-1 text-sm">
      <span>
        {label}: {done} of {total} {unit}
      </span>
      <progress
        aria-label={label}
        value={done}
        max={Math.max(total, 1)}
        className="h-2 w-full overflow-hidden rounded [&::-webkit-progress-bar]:bg-zinc-200 [&::-webkit-progress-value]:bg-emerald-600 dark:[&::-webkit-progress-bar]:bg-zinc-700"
      />
    </div>
  );
}

export function SprintProgress({ project, sprint }: { project: string; sprint: Overview['sprint'] }) {
  if (!sprint)
    return (
      <EmptyState
        title="No active sprint"
        hint="Plan and start a sprint on the board; its progress shows here."
        action={{ href: `/${project}/sprints#new-sprint`, label: 'Plan a sprint' }}
      />
    );
  return (
    <div className="flex flex-col gap-3">
      <p className="text-sm">
        <Link className={`font-medium ${linkClass}`} href={`/${project}/board`}>
          {sprint.name}
        </Link>{' '}
        <span className="text-zinc-600 dark:text-zinc-400">
          {formatDay(sprint.startDate)} → {formatDay(sprint.endDate)}
          {sprint.goal && ` · ${sprint.goal}`}
        </span>
      </p>
      <Progress label="Tasks done" done={sprint.doneTasks} total={sprint.tasks} unit="tasks" />
      <Progress label="Points done" done={sprint.donePoints} total={sprint.points} unit="points" />
    </div>
  );
}

export function OpenAlerts({ project, alerts }: { project: string; alerts: Overview['alerts'] }) {
  return (
    <>
      <p className="mb-3 text-sm text-zinc-700 dark:text-zinc-300">
        {alerts.open} open · {alerts.acknowledged} acknowledged ·{' '}
        <Link className={linkClass} href={`/${project}/monitoring`}>
          Monitoring
        </Link>
      </p>
      {alerts.groups.length === 0 ? (
        <EmptyState
          title="No open alerts"
          hint="Drift and performance checks raise alerts here when a monitored model needs attention."
          action={{ href: `/${project}/monitoring#start-monitoring`, label: 'Monitor a model' }}
        />
      ) : (
        <AlertGroupList project={project} groups={alerts.groups} />
      )}
    </>
  );
}

export function ProductionModels({ project, models }: { project: string; models: Overview['production'] }) {
  if (models.length === 0)
    return (
      <EmptyState
        title="Nothing in Production yet"
        hint="Register a version from a run and promote it to Production in Models."
        action={{ href: `/${project}/models`, label: 'Open Models' }}
      />
    );
  return (
    <ul aria-label="Production models" className="flex flex-col gap-2">
      {models.map((m) => (
        <li key={`${m.model}-${m.version}`} className="text-sm">
          <Link
            className={`font-medium ${linkClass}`}
            href={`/${project}/models/${encodeURIComponent(m.model)}/versions/${m.version}`}
          >
            {m.model} version {m.version}
          </Link>
          <span className="text-zinc-600 dark:text-zinc-400">
            {m.promotedAt && (
              <>
                {' '}
                · in Production since <LocalTime value={m.promotedAt} dateOnly />
              </>
            )}
          </span>
          {Object.keys(m.metrics).length === 0 ? (
            <p className="text-xs text-zinc-600 dark:text-zinc-400">No metrics were logged with this version.</p>
          ) : (
            <dl className="mt-2 grid grid-cols-2 gap-x-4 gap-y-1 text-xs sm:grid-cols-3">
              {Object.entries(m.metrics)
                .slice(0, 6)
                .map(([k, v]) => (
                  <div key={k} className="min-w-0">
                    <dt className="truncate text-zinc-600 dark:text-zinc-400" title={k}>
                      {k}
                    </dt>
                    <dd className="font-medium tabular-nums text-zinc-900 dark:text-zinc-100">{formatValue(v)}</dd>
                  </div>
                ))}
            </dl>
          )}
        </li>
      ))}
    </ul>
  );
}
