import type { Db } from '@/db/client';
import { getMonitoringSettings, recordWebhookDelivery } from '@/db/queries/monitoring';
import type { MonitoringAlert } from '@/db/schema';
import { describeErrorForLog } from '@/lib/log-error';
import { type OutboundOutcome, type PostJson, postJsonOutbound } from './outbound';

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
 * POSTs newly opened alerts to the project's webhook, if one is set, through the outbound policy. Never throws: a
 * slow or failing receiver must not fail the check that raised the alerts. Settings shows only the coarse outcome.
 */
export async function deliverNewAlerts(
  db: Db,
  project: { id: string; slug: string },
  model: string,
  alerts: readonly MonitoringAlert[],
  origin: string,
  post: PostJson = postJsonOutbound,
): Promise<OutboundOutcome | null> {
  if (alerts.length === 0) return null;
  let status: OutboundOutcome;
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
    status = await post(settings.webhookUrl, body);
  } catch (err) {
    console.warn('could not deliver the monitoring webhook', describeErrorForLog(err));
    status = 'failed';
  }
  if (status !== 'delivered') console.warn(`monitoring webhook for ${project.slug}: ${status}`);
  await recordWebhookDelivery(db, project.id, status).catch((err: unknown) =>
    console.warn('could not record the webhook delivery', describeErrorForLog(err)),
  );
  return status;
}
