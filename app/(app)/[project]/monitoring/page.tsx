import { AlertFilterLinks, parseAlertFilter } from '@/components/monitoring/alert-filter';
import { toAlertTableRows } from '@/components/monitoring/alert-rows';
import { AlertsTable } from '@/components/monitoring/alerts-table';
import { MonitorsTable } from '@/components/monitoring/monitors-table';
import { ActionForm, Field } from '@/components/ui/action-form';
import { PageHeader, Section } from '@/components/ui/page-header';
import { ScrollArea } from '@/components/ui/scroll-area';
import { getDb } from '@/db/client';
import { listAlerts } from '@/db/queries/alerts';
import { getMonitoringSettings, listMonitors } from '@/db/queries/monitoring';
import { searchRegisteredModels } from '@/db/queries/registry';
import { roleAtLeast } from '@/lib/domain';
import { formatTimestamp } from '@/lib/format';
import { SCHEDULES, SCHEDULE_LABELS } from '@/lib/monitoring/windows';
import { requireProjectAccess } from '@/server/project-page';
import { getRequestOrigin } from '@/server/request-origin';
import {
  acknowledgeAlertAction,
  openRiskAndTaskAction,
  resolveAlertAction,
  saveWebhookAction,
  startMonitoringAction,
} from './actions';

export const metadata = { title: 'Monitoring' };

const referenceLabel = (m: { referenceKind: string; referenceFrom: Date | null; referenceTo: Date | null }) =>
  m.referenceKind === 'window'
    ? `${formatTimestamp(m.referenceFrom?.getTime())} – ${formatTimestamp(m.referenceTo?.getTime())}`
    : m.referenceKind === 'dataset'
      ? 'Uploaded dataset'
      : 'Not set';

export default async function MonitoringPage({
  params,
  searchParams,
}: {
  params: Promise<{ project: string }>;
  searchParams: Promise<{ alerts?: string | string[] }>;
}) {
  const { project, role } = await requireProjectAccess((await params).project);
  const filter = parseAlertFilter((await searchParams).alerts);
  const db = await getDb();
  const [monitors, alerts, models, settings, origin] = await Promise.all([
    listMonitors(db, project.id),
    listAlerts(db, project.id, { filter }),
    searchRegisteredModels(db, project.id, { limit: 500 }),
    getMonitoringSettings(db, project.id),
    getRequestOrigin(),
  ]);
  const canEdit = roleAtLeast(role, 'editor');
  const unmonitored = models.filter((m) => !monitors.some((x) => x.monitor.modelId === m.id));
  const example = monitors[0]?.modelName ?? unmonitored[0]?.name ?? 'my-model';
  return (
    <>
      <PageHeader
        title="Monitoring"
        description="Models in production: logged predictions, drift of each feature against a reference, quality against its baseline, and the alerts that raise themselves."
      />
      <Section
        title="Monitored models"
        description="Each monitored model is a registered model; predictions are tied to the version in the stage or alias they were logged against."
      >
        <MonitorsTable
          project={project.slug}
          rows={monitors.map((m) => ({
            id: m.monitor.id,
            model: m.modelName,
            stage: m.monitor.stage,
            servingVersion: m.servingVersion,
            predictions: m.predictions,
            schedule: m.monitor.schedule,
            reference: referenceLabel(m.monitor),
            lastWindowEnd: m.lastCheck?.windowEnd ?? null,
            datasetDrift: m.lastCheck?.datasetDrift ?? null,
            drifted: m.lastCheck?.drifted ?? [],
            openAlerts: m.openAlerts,
          }))}
        />
      </Section>
      <Section
        title="Alerts"
        description="One alert per model, kind and feature (or metric): a new finding updates it. Open → acknowledged → resolved."
      >
        <AlertFilterLinks basePath={`/${project.slug}/monitoring`} current={filter} />
        <AlertsTable
          project={project.slug}
          rows={toAlertTableRows(alerts)}
          canEdit={canEdit}
          actions={{
            acknowledge: acknowledgeAlertAction,
            resolve: resolveAlertAction,
            openRiskAndTask: openRiskAndTaskAction,
          }}
          exportName={`${project.slug}-alerts`}
        />
      </Section>
      <div className="grid gap-6 lg:grid-cols-2">
        {canEdit && (
          <Section
            title="Start monitoring"
            description="Pick a registered model; logging predictions through the API starts monitoring it too."
          >
            {unmonitored.length ? (
              <ActionForm
                action={startMonitoringAction}
                hidden={{ project: project.slug }}
                submitLabel="Start monitoring"
                label="Start monitoring"
              >
                <Field
                  name="model"
                  label="Registered model"
                  options={unmonitored.map((m) => ({ value: m.name, label: m.name }))}
                />
                <Field
                  name="schedule"
                  label="Scheduled checks"
                  defaultValue="daily"
                  options={SCHEDULES.map((s) => ({ value: s, label: SCHEDULE_LABELS[s] }))}
                />
              </ActionForm>
            ) : (
              <p className="text-sm text-zinc-600 dark:text-zinc-400">
                Every registered model is monitored. Register a model version from a run (Experiments → run → Register)
                to add another.
              </p>
            )}
          </Section>
        )}
        <Section
          title="Alert webhook"
          description="Optional: new alerts are POSTed as JSON to this URL (5 s timeout; failures are shown here, never retried)."
        >
          {roleAtLeast(role, 'owner') ? (
            <ActionForm
              action={saveWebhookAction}
              hidden={{ project: project.slug, version: settings.version }}
              submitLabel="Save webhook"
              label="Alert webhook"
            >
              <Field
                name="url"
                label="Webhook URL"
                type="url"
                defaultValue={settings.webhookUrl ?? ''}
                placeholder="https://hooks.example.com/runboard"
                hint="Leave empty to turn it off."
              />
            </ActionForm>
          ) : (
            <p className="text-sm text-zinc-700 dark:text-zinc-300">
              {settings.webhookUrl
                ? 'A webhook is set (owners can change it).'
                : 'No webhook is set; a project owner can add one.'}
            </p>
          )}
          <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400" role="status">
            {settings.lastDeliveryAt
              ? `Last delivery ${formatTimestamp(settings.lastDeliveryAt.getTime())}: ${settings.lastDeliveryStatus}`
              : 'Nothing delivered yet.'}
          </p>
        </Section>
      </div>
      <Section
        title="Log predictions from a service"
        description="With a project token (Settings → API tokens). Batches of up to 10,000 rows; all or nothing; ids already logged are skipped."
      >
        <ScrollArea
          as="pre"
          label="Example requests"
          className="overflow-x-auto rounded-md bg-zinc-100 p-3 text-xs text-zinc-800 dark:bg-zinc-800 dark:text-zinc-100"
        >
          {`curl -X POST ${origin}/api/v1/models/${encodeURIComponent(example)}/predictions?stage=Production \\
  -H "Authorization: Bearer $RUNBOARD_TOKEN" -H "Content-Type: application/json" \\
  -d '[{"id": "req-1", "timestamp": "2024-05-01T10:00:00Z", "features": {"temp_max": 21.3, "weather": "sun"}, "prediction": "dry"}]'
curl -X POST ${origin}/api/v1/models/${encodeURIComponent(example)}/actuals -H "Authorization: Bearer $RUNBOARD_TOKEN" \\
  -H "Content-Type: application/json" -d '[{"id": "req-1", "actual": "rain"}]'`}
        </ScrollArea>
      </Section>
    </>
  );
}
