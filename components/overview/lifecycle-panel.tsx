import { changeStageAction } from '@/app/(app)/[project]/settings/actions';
import { LifecycleStepper } from '@/components/project/lifecycle-stepper';
import { StageHistory } from '@/components/project/stage-history';
import { EmptyActionLink, logFromCodeAction } from '@/components/ui/empty-state';
import { ActionForm, Field } from '@/components/ui/action-form';
import type { Overview } from '@/db/queries/overview';
import { LIFECYCLE_STAGES, STAGE_LABELS } from '@/lib/domain';
import { GAIN_APPROACHES, reasonHint } from '@/lib/overview/lifecycle';
import { ExitCriteria } from './exit-criteria';
import { GainsTable } from './gains-table';
import { IterationGainsChart } from '@/components/charts/lazy-charts';

/** Stage stepper, what the current stage still needs, the move form, iterations and where the gains came from. */
export function LifecyclePanel({
  project,
  lifecycle,
  canEdit,
}: {
  project: string;
  lifecycle: Overview['lifecycle'];
  canEdit: boolean;
}) {
  const { stage } = lifecycle;
  const next = LIFECYCLE_STAGES[LIFECYCLE_STAGES.indexOf(stage) + 1];
  const unmet = lifecycle.criteria[stage].filter((c) => !c.met);
  const gainRows = lifecycle.gains.map((g) => ({
    iteration: `Iteration ${g.iteration}`,
    runs: g.runs,
    total: g.total,
    ...Object.fromEntries(GAIN_APPROACHES.map((a) => [a, g.shares[a] * 100])),
  })) as Array<{
    iteration: string;
    runs: number;
    total: number;
    'data-centric': number;
    'model-centric': number;
    hybrid: number;
    unspecified: number;
  }>;
  return (
    <div className="flex flex-col gap-5">
      <LifecycleStepper stage={stage} />
      <div className="grid gap-5 lg:grid-cols-2">
        <div>
          <h3 className="mb-2 text-sm font-semibold">To leave {STAGE_LABELS[stage]}</h3>
          <ExitCriteria
            project={project}
            label={`Exit criteria of ${STAGE_LABELS[stage]}`}
            criteria={lifecycle.criteria[stage]}
          />
        </div>
        {canEdit && (
          <ActionForm
            action={changeStageAction}
            hidden={{ project }}
            label="Move the project"
            submitLabel="Move stage"
            resetOnSuccess
          >
            <Field
              name="stage"
              label="Move to"
              // From Monitor, what monitoring finds starts the next iteration in Improve.
              defaultValue={next ?? 'improve'}
              options={LIFECYCLE_STAGES.filter((s) => s !== stage).map((s) => ({ value: s, label: STAGE_LABELS[s] }))}
            />
            <Field name="reason" label="Reason" hint={reasonHint(unmet.length)} />
          </ActionForm>
        )}
      </div>
      <div>
        <h3 className="mb-2 text-sm font-semibold">
          Iteration {lifecycle.iterations}
          {lifecycle.gainMetric ? ` · where ${lifecycle.gainMetric.name} gains came from` : ''}
        </h3>
        {lifecycle.gainMetric && lifecycle.gains.some((g) => g.total > 0) ? (
          <>
            <IterationGainsChart metric={lifecycle.gainMetric.name} rows={gainRows} />
            <GainsTable project={project} rows={gainRows} />
          </>
        ) : (
          <>
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              {lifecycle.gainMetric
                ? `No run has improved ${lifecycle.gainMetric.name} yet; tag runs with their approach (runboard.approach) to see which one moves it.`
                : 'Read a primary success metric from a run metric to see the data-centric and model-centric share of its gains per iteration.'}
            </p>
            <EmptyActionLink
              action={
                lifecycle.gainMetric
                  ? logFromCodeAction(project)
                  : { href: `/${project}/metrics`, label: 'Open Success metrics' }
              }
            />
          </>
        )}
      </div>
      <div>
        <h3 className="mb-2 text-sm font-semibold">Stage history</h3>
        <StageHistory rows={lifecycle.changes} />
      </div>
    </div>
  );
}
