import type { Db } from '@/db/client';
import { getMonitoringSettings, recordWebhookDelivery } from '@/db/queries/monitoring';
import type { MonitoringAlert } from '@/db/schema';
import { describeErrorForLog } from '@/lib/log-error';

export const WEBHOOK_TIMEOUT_MS = 5000;

export type AlertEvent = {
  event: 'monitoring.alert.opened';
  project: string;
  model: string;
  alerts: {
    id: string;
    kind: string;
    subject: string;
    severity: string;
    message: string;
    window_end: string | null;
    url: string;
  }[];
};

/**
 * POSTs newly opened alerts to the project's webhook, if one is set. Never throws: a slow or failing
 * receiver must not fail the check that raised the alerts; the outcome is logged and shown in Settings.
 */
export async function deliverNewAlerts(
  db: Db,
  project: { id: string; slug: string },
  model: string,
  alerts: readonly MonitoringAlert[],
  origin: string,
  fetchImpl: typeof fetch = fetch,
): Promise<string | null> {
  if (alerts.length === 0) return null;
  let status: string;
  try {
    const settings = await getMonitoringSettings(db, project.id);
    if (!settings.webhookUrl) return null;
    const url = `${origin}/${project.slug}/monitoring/${encodeURIComponent(model)}`;
    const body: AlertEvent = {
      event: 'monitoring.alert.opened',
      project: project.slug,
      model,
      alerts: alerts.map((a) => ({
        id: a.id,
        kind: a.kind,
        subject: a.subject,
        severity: a.severity,
        message: a.message,
        window_end: a.lastWindowEnd?.toISOString() ?? null,
        url,
      })),
    };
    const res = await fetchImpl(settings.webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Runboard-monitoring' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      redirect: 'manual',
    });
    status = res.ok ? `delivered (HTTP ${res.status})` : `failed: HTTP ${res.status}`;
  } catch (err) {
    const reason =
      err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')
        ? `timed out after ${WEBHOOK_TIMEOUT_MS / 1000} s`
        : err instanceof Error
          ? err.message
          : String(err);
    status = `failed: ${reason}`;
  }
  if (status.startsWith('failed')) console.warn(`monitoring webhook for ${project.slug}: ${status}`);
  await recordWebhookDelivery(db, project.id, status).catch((err: unknown) =>
    console.warn('could not record the webhook delivery', describeErrorForLog(err)),
  );
  return status;
}
