import { BoardTabs } from '@/components/board/board-tabs';
import { BurndownChart, BurnupChart, VelocityChart } from '@/components/charts/lazy-charts';
import { LiveRefresh } from '@/components/live/live-refresh';
import { DailyNumbersTable, VelocityTable } from '@/components/board/report-tables';
import { SprintPicker } from '@/components/board/sprint-picker';
import { SprintsTable } from '@/components/board/sprints-table';
import { ActionForm, Field } from '@/components/ui/action-form';
import { DialogButton } from '@/components/ui/dialog';
import { EditForm } from '@/components/ui/edit-form';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader, Section } from '@/components/ui/page-header';
import { DEFAULT_SPRINT_DAYS } from '@/lib/board/vocabulary';
import { TEXT_LIMITS } from '@/lib/text-limits';
import { loadSprintsPage } from '@/server/pages/board';
import { requireProjectAccess } from '@/server/project-page';
import { createSprintAction, updateSprintAction } from './actions';

export const metadata = { title: 'Sprints' };

export default async function SprintsPage({
  params,
  searchParams,
}: {
  params: Promise<{ project: string }>;
  searchParams: Promise<{ sprint?: string | string[] }>;
}) {
  const slug = (await params).project;
  const [page, { user }] = await Promise.all([
    loadSprintsPage(slug, (await searchParams).sprint),
    requireProjectAccess(slug),
  ]);
  const { project, canEdit, selected, series, velocity, average } = page;
  return (
    <>
      <PageHeader
        title="Sprints"
        description="Two-week sprints with a goal; closing one freezes its numbers and carries unfinished work over."
        actions={
          <div className="flex flex-wrap items-center gap-3">
            <LiveRefresh project={project} />
            {canEdit && (
              <DialogButton label="New sprint" title="Plan a sprint" anchor="new-sprint">
                <ActionForm
                  label="Plan a sprint"
                  action={createSprintAction}
                  hidden={{ project: project }}
                  submitLabel="Plan sprint"
                  resetOnSuccess
                >
                  <div className="grid gap-3 sm:grid-cols-2">
                    <Field name="name" label="Name" defaultValue={page.nextName} required />
                    <Field name="goal" label="Goal" placeholder="Beat the persistence baseline on rainy days" />
                    <Field name="startDate" label="Start" type="date" defaultValue={page.nextStart} required />
                    <Field
                      name="endDate"
                      label="End"
                      type="date"
                      hint={`Leave empty for two weeks (${DEFAULT_SPRINT_DAYS} days).`}
                    />
                  </div>
                </ActionForm>
              </DialogButton>
            )}
          </div>
        }
      />
      <BoardTabs project={project} active="sprints" />
      <Section id="all-sprints" title="All sprints">
        <SprintsTable project={project} sprints={page.rows} canEdit={canEdit} />
      </Section>
      {selected ? (
        <Section
          title="Burndown and burnup"
          description="From daily snapshots of the sprint's points. Cancelled work counts as neither remaining nor completed; scope changes show as their own line."
        >
          <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
            <SprintPicker sprints={page.sprints} value={selected.id} action={`/${project}/sprints`} />
            <p className="text-sm text-zinc-700 dark:text-zinc-300" aria-live="polite">
              {page.summary}
            </p>
          </div>
          <div className="grid gap-6 lg:grid-cols-2">
            <div>
              <h3 className="mb-1 text-sm font-semibold text-zinc-800 dark:text-zinc-100">Burndown</h3>
              <BurndownChart series={series} title={`Burndown of ${selected.name}`} />
            </div>
            <div>
              <h3 className="mb-1 text-sm font-semibold text-zinc-800 dark:text-zinc-100">Burnup</h3>
              <BurnupChart series={series} title={`Burnup of ${selected.name}`} />
            </div>
          </div>
          <details className="mt-4">
            <summary className="cursor-pointer text-sm font-medium text-zinc-800 dark:text-zinc-200">
              Daily numbers
            </summary>
            <div className="mt-2">
              <DailyNumbersTable project={project} sprint={selected.name} series={series} />
            </div>
          </details>
        </Section>
      ) : (
        <EmptyState
          title="No burndown yet"
          hint="Plan and start a sprint; its burndown and burnup are drawn here from daily snapshots."
          action={canEdit ? { href: '#new-sprint', label: 'Plan a sprint' } : undefined}
        />
      )}
      <Section
        title="Velocity"
        description={
          average === null
            ? 'Completed against committed points of the last six closed sprints.'
            : `Completed against committed points of the last six closed sprints; the last three average ${average} points.`
        }
      >
        {velocity.length > 0 && <VelocityChart points={velocity} average={average} />}
        <VelocityTable
          project={project}
          points={velocity}
          emptyAction={
            !canEdit
              ? undefined
              : page.rows.length
                ? { href: '#all-sprints', label: 'Close a sprint' }
                : { href: '#new-sprint', label: 'Plan a sprint' }
          }
        />
      </Section>
      {canEdit && selected && selected.status !== 'closed' && (
        <Section title={`Edit ${selected.name}`}>
          <EditForm
            key={selected.id}
            draft={{ user: user.id, project, entity: 'sprint', id: selected.id }}
            version={selected.version}
            label={`Edit ${selected.name}`}
            action={updateSprintAction}
            hidden={{ project: project, sprintId: selected.id }}
            submitLabel="Save sprint"
          >
            <div className="grid max-w-2xl gap-3 sm:grid-cols-2">
              <Field
                name="name"
                label="Name"
                defaultValue={selected.name}
                required
                maxLength={TEXT_LIMITS.sprint.name}
              />
              <Field name="goal" label="Goal" defaultValue={selected.goal} maxLength={TEXT_LIMITS.sprint.goal} />
              <Field name="startDate" label="Start" type="date" defaultValue={selected.startDate} required />
              <Field name="endDate" label="End" type="date" defaultValue={selected.endDate} required />
            </div>
          </EditForm>
        </Section>
      )}
    </>
  );
}
