import { AlertGroupsTable } from '@/components/monitoring/alert-groups-table';
import { MonitorsTable } from '@/components/monitoring/monitors-table';
import { ActionForm, Field } from '@/components/ui/action-form';
import { PageHeader, Section } from '@/components/ui/page-header';
import { EmptyActionLink } from '@/components/ui/empty-state';
import { CodeBlock } from '@/components/ui/code-block';
import { SCHEDULES, SCHEDULE_LABELS } from '@/lib/monitoring/windows';
import { loadMonitoringPage } from '@/server/pages/monitoring';
import { saveWebhookAction, startMonitoringAction } from './actions';

export const metadata = { title: 'Monitoring' };

export default async function MonitoringPage({ params }: { params: Promise<{ project: string }> }) {
  const page = await loadMonitoringPage((await params).project);
  const { project, canEdit, unmonitored, webhook, origin } = page;
  const example = encodeURIComponent(page.exampleModel);
  // Viewers have no Start monitoring form; they get how predictions arrive instead.
  const startAction = canEdit
    ? { href: '#start-monitoring', label: 'Start monitoring' }
    : { href: '#log-predictions', label: 'Log predictions' };
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
        <MonitorsTable project={project} rows={page.monitors} emptyAction={startAction} />
      </Section>
      <Section
        title="Alerts"
        description="Open and acknowledged alerts, one row per model and kind. Each model's page lists them one by one, with acknowledge, resolve and open risk & task, and keeps the resolved ones."
      >
        <AlertGroupsTable
          project={project}
          groups={page.alertGroups}
          emptyAction={page.monitors.length === 0 ? startAction : undefined}
        />
      </Section>
      <div className="grid gap-6 lg:grid-cols-2">
        {canEdit && (
          <Section
            id="start-monitoring"
            title="Start monitoring"
            description="Pick a registered model; logging predictions through the API starts monitoring it too."
          >
            {unmonitored.length ? (
              <ActionForm
                action={startMonitoringAction}
                hidden={{ project }}
                submitLabel="Start monitoring"
                label="Start monitoring"
              >
                <Field
                  name="model"
                  label="Registered model"
                  options={unmonitored.map((name) => ({ value: name, label: name }))}
                />
                <Field
                  name="schedule"
                  label="Scheduled checks"
                  defaultValue="daily"
                  options={SCHEDULES.map((s) => ({ value: s, label: SCHEDULE_LABELS[s] }))}
                />
              </ActionForm>
            ) : (
              <div>
                <p className="text-sm text-zinc-600 dark:text-zinc-400">
                  {page.monitors.length
                    ? 'Every registered model is monitored. Register another model to monitor it too.'
                    : 'No model is registered yet: register one, then start monitoring it here.'}
                </p>
                <EmptyActionLink action={{ href: `/${project}/models#new-model`, label: 'New model' }} />
              </div>
            )}
          </Section>
        )}
        <Section
          title="Alert webhook"
          description="Optional: new alerts are POSTed as JSON to this URL (5 s timeout; failures are shown here, never retried)."
        >
          {page.canOwn ? (
            <ActionForm
              action={saveWebhookAction}
              hidden={{ project, version: webhook.version }}
              submitLabel="Save webhook"
              label="Alert webhook"
            >
              <Field
                name="url"
                label="Webhook URL"
                type="url"
                defaultValue={webhook.url ?? ''}
                placeholder="https://hooks.example.com/runboard"
                hint="Leave empty to turn it off."
              />
            </ActionForm>
          ) : (
            <p className="text-sm text-zinc-700 dark:text-zinc-300">
              {webhook.url
                ? 'A webhook is set (owners can change it).'
                : 'No webhook is set; a project owner can add one.'}
            </p>
          )}
          <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400" role="status">
            {webhook.lastDelivery}
          </p>
        </Section>
      </div>
      <Section
        id="log-predictions"
        title="Log predictions from a service"
        description="With a project token (Settings → API tokens). Batches of up to 10,000 rows; all or nothing; ids already logged are skipped."
      >
        <CodeBlock
          label="Example requests"
          code={`curl -X POST ${origin}/api/v1/models/${example}/predictions?stage=Production \\
  -H "Authorization: Bearer $RUNBOARD_TOKEN" -H "Content-Type: application/json" \\
  -d '[{"id": "req-1", "timestamp": "2024-05-01T10:00:00Z", "features": {"temp_max": 21.3, "weather": "sun"}, "prediction": "dry"}]'
curl -X POST ${origin}/api/v1/models/${example}/actuals -H "Authorization: Bearer $RUNBOARD_TOKEN" \\
  -H "Content-Type: application/json" -d '[{"id": "req-1", "actual": "rain"}]'`}
        />
      </Section>
    </>
  );
}
