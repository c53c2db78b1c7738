import { ActionForm, Field } from '@/components/ui/action-form';
import type { Monitor } from '@/server/pages/monitoring';
import { METRICS, METRIC_LABELS, TASKS } from '@/lib/monitoring/performance';
import { SCHEDULES, SCHEDULE_LABELS } from '@/lib/monitoring/windows';
import type { ActionResult } from '@/server/action';

type FormAction = (prev: unknown, payload: FormData) => Promise<ActionResult<unknown>>;

/** datetime-local's format, in UTC. */
export const localInput = (d: Date) => d.toISOString().slice(0, 16);

export function RunCheckForm({
  project,
  monitorId,
  action,
  from,
  to,
}: {
  project: string;
  monitorId: string;
  action: FormAction;
  from: Date;
  to: Date;
}) {
  return (
    <ActionForm action={action} hidden={{ project, monitorId }} submitLabel="Run check now" label="Run a check">
      <div className="grid gap-3 sm:grid-cols-2">
        <Field name="from" label="Window start (UTC)" type="datetime-local" defaultValue={localInput(from)} required />
        <Field name="to" label="Window end (UTC)" type="datetime-local" defaultValue={localInput(to)} required />
      </div>
    </ActionForm>
  );
}

type StoredDataset = { id: string; name: string; digest: string; rows: number };

export function ReferenceForms({
  project,
  monitorId,
  actions,
  from,
  to,
  stored,
}: {
  project: string;
  monitorId: string;
  actions: { window: FormAction; upload: FormAction; dataset: FormAction };
  from: Date;
  to: Date;
  stored: StoredDataset[];
}) {
  return (
    <div className="grid gap-6 lg:grid-cols-3">
      <div>
        <h3 className="mb-2 text-sm font-semibold text-zinc-900 dark:text-zinc-100">A window of logged predictions</h3>
        <ActionForm
          action={actions.window}
          hidden={{ project, monitorId }}
          submitLabel="Use this window"
          label="Reference window"
        >
          <Field
            name="from"
            label="Reference start (UTC)"
            type="datetime-local"
            defaultValue={localInput(from)}
            required
          />
          <Field name="to" label="Reference end (UTC)" type="datetime-local" defaultValue={localInput(to)} required />
        </ActionForm>
      </div>
      <div>
        <h3 className="mb-2 text-sm font-semibold text-zinc-900 dark:text-zinc-100">
          A dataset version (e.g. the training data)
        </h3>
        <ActionForm
          action={actions.upload}
          hidden={{ project, monitorId }}
          submitLabel="Upload as reference"
          label="Reference dataset"
          resetOnSuccess
        >
          <Field name="name" label="Dataset name" required placeholder="training-data" />
          <Field
            name="file"
            label="CSV file"
            type="file"
            required
            hint="Registered as a dataset version and kept row by row. Columns are features; prediction and actual columns give the baseline."
          />
        </ActionForm>
      </div>
      <div>
        <h3 className="mb-2 text-sm font-semibold text-zinc-900 dark:text-zinc-100">A dataset uploaded before</h3>
        {stored.length ? (
          <ActionForm
            action={actions.dataset}
            hidden={{ project, monitorId }}
            submitLabel="Use this dataset"
            label="Stored reference dataset"
          >
            <Field
              name="datasetId"
              label="Dataset version"
              options={stored.map((d) => ({
                value: d.id,
                label: `${d.name}@${d.digest.slice(0, 12)} (${d.rows} rows)`,
              }))}
            />
          </ActionForm>
        ) : (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            None yet: a CSV uploaded here is kept, and can be chosen again (or named in PUT
            /api/v1/models/&#123;name&#125;/reference as name@digest).
          </p>
        )}
      </div>
    </div>
  );
}

export function MonitorSettingsForm({
  project,
  monitor,
  action,
  registeredKeys,
}: {
  project: string;
  monitor: Monitor;
  action: FormAction;
  registeredKeys: string[];
}) {
  const task = monitor.task ?? 'classification';
  return (
    <ActionForm
      action={action}
      hidden={{ project, monitorId: monitor.id, version: monitor.version }}
      submitLabel="Save settings"
      label="Monitoring settings"
    >
      <div className="grid gap-3 sm:grid-cols-2">
        <Field
          name="schedule"
          label="Scheduled checks"
          defaultValue={monitor.schedule}
          options={SCHEDULES.map((s) => ({ value: s, label: SCHEDULE_LABELS[s] }))}
        />
        <Field
          name="task"
          label="Task"
          defaultValue={task}
          options={TASKS.map((t) => ({
            value: t,
            label: t === 'classification' ? 'Classification (accuracy, F1)' : 'Regression (MAE, RMSE)',
          }))}
        />
        <Field name="stage" label="Serving stage or alias" defaultValue={monitor.stage} required />
        <Field
          name="baselineSource"
          label="Performance baseline"
          defaultValue={monitor.baselineSource}
          options={[
            { value: 'reference', label: 'The reference rows with actuals' },
            { value: 'registered', label: 'The serving version’s registered metrics' },
          ]}
        />
        {METRICS[task].map((m) => (
          <Field
            key={m}
            name={`key_${m}`}
            label={`Registered metric for ${METRIC_LABELS[m]}`}
            defaultValue={monitor.baselineKeys[m] ?? ''}
            placeholder={m}
            hint={
              registeredKeys.length
                ? `The serving version has: ${registeredKeys.slice(0, 8).join(', ')}${registeredKeys.length > 8 ? ', …' : ''}`
                : 'The serving version has no metrics snapshot.'
            }
          />
        ))}
      </div>
    </ActionForm>
  );
}
