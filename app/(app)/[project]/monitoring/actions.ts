'use server';

import { z } from 'zod';
import { openRiskAndTask, transitionAlert } from '@/db/queries/alerts';
import { saveWebhookUrl, startMonitoring } from '@/db/queries/monitoring';
import { SCHEDULES } from '@/lib/monitoring/windows';
import { nameSchema } from '@/lib/validation';
import { DomainError } from '@/lib/errors';
import { versionField } from '@/lib/forms';
import { defineAction, revalidateProject } from '@/server/action';
import { checkOutboundUrl } from '@/server/outbound';
import { getRequestOrigin } from '@/server/request-origin';

const id = z.uuid('Unknown alert');

export const startMonitoringAction = defineAction(
  'editor',
  z.object({ model: nameSchema(250), schedule: z.enum(SCHEDULES, 'Choose a schedule') }),
  async ({ db, user, project, input }) => {
    await startMonitoring(db, user, project.id, input.model, input.schedule);
    revalidateProject(project.slug);
    return {
      ok: true,
      data: undefined,
      message: `Monitoring ${input.model}. Set its reference to start checking drift.`,
    };
  },
);

export const acknowledgeAlertAction = defineAction(
  'editor',
  z.object({ alertId: id }),
  async ({ db, user, project, input }) => {
    await transitionAlert(db, user, project.id, input.alertId, 'acknowledged');
    revalidateProject(project.slug);
    return { ok: true, data: undefined, message: 'Acknowledged.' };
  },
);

export const resolveAlertAction = defineAction(
  'editor',
  z.object({ alertId: id }),
  async ({ db, user, project, input }) => {
    await transitionAlert(db, user, project.id, input.alertId, 'resolved');
    revalidateProject(project.slug);
    return { ok: true, data: undefined, message: 'Resolved.' };
  },
);

/** One click: a drift risk in the register and a retrain task in the backlog, linked back to the alert. */
export const openRiskAndTaskAction = defineAction(
  'editor',
  z.object({ alertId: id, model: nameSchema(250) }),
  async ({ db, user, project, input }) => {
    const url = `${await getRequestOrigin()}/${project.slug}/monitoring/${encodeURIComponent(input.model)}`;
    const { created } = await openRiskAndTask(db, user, project.id, input.alertId, url);
    revalidateProject(project.slug);
    return { ok: true, data: undefined, message: created ? 'Risk and retrain task opened.' : 'Already opened.' };
  },
);

const webhookUrl = z
  .string()
  .trim()
  .max(2000, 'Use at most 2000 characters')
  .refine(
    (v) => v === '' || /^https?:\/\/[^\s]+$/i.test(v),
    'Enter an http(s) URL, or leave it empty to turn the webhook off',
  );

// One message whatever the reason (private, loopback, metadata, unresolvable): the owner learns nothing about
// the network behind Runboard.
const WEBHOOK_REFUSED =
  'Runboard sends webhooks only to public addresses. Use a URL that resolves to one, or ask your operator to allow this host (RUNBOARD_OUTBOUND_ALLOW_HOSTS).';

export const saveWebhookAction = defineAction(
  'owner',
  z.object({ url: webhookUrl, version: versionField }),
  async ({ db, user, project, input }) => {
    // Checked again at every delivery: a name that resolves publicly today may point inside tomorrow.
    if (input.url && !(await checkOutboundUrl(input.url)).ok) throw new DomainError('invalid', WEBHOOK_REFUSED, 'url');
    await saveWebhookUrl(db, user, project.id, input.version, input.url || null);
    revalidateProject(project.slug);
    return {
      ok: true,
      data: undefined,
      message: input.url ? 'Webhook saved: new alerts will be POSTed to it.' : 'Webhook turned off.',
    };
  },
);
