'use server';

import { z } from 'zod';
import { runDriftCheck } from '@/db/queries/drift-checks';
import { getMonitorById, updateMonitorSettings } from '@/db/queries/monitoring';
import { setReferenceDataset, setReferenceWindow, uploadReferenceCsv } from '@/db/queries/monitoring-reference';
import { parseTimestamp } from '@/lib/monitoring/ingest';
import { METRICS, TASKS } from '@/lib/monitoring/performance';
import { SCHEDULES } from '@/lib/monitoring/windows';
import { nameSchema } from '@/lib/validation';
import { rowVersion } from '@/lib/forms';
import { defineAction, revalidateProject } from '@/server/action';
import { deliverNewAlerts } from '@/server/alert-webhook';
import { getRequestOrigin } from '@/server/request-origin';

const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
const monitorId = z.uuid('Unknown monitored model');
/** A datetime-local value, read as UTC (the page says so next to the field). */
const utcTime = z.string().transform((v, ctx) => {
  const d = parseTimestamp(v.trim());
  if (!d) {
    ctx.addIssue({ code: 'custom', message: 'Enter a date and time' });
    return z.NEVER;
  }
  return d;
});
const window = z
  .object({ monitorId, from: utcTime, to: utcTime })
  .refine((w) => w.from < w.to, { message: 'Must be after the start', path: ['to'] });

export const runCheckAction = defineAction('editor', window, async ({ db, user, project, input }) => {
  const { check, newAlerts } = await runDriftCheck(db, user, project.id, input.monitorId, {
    start: input.from,
    end: input.to,
  });
  const { model } = await getMonitorById(db, project.id, input.monitorId);
  await deliverNewAlerts(db, project, model.name, newAlerts, await getRequestOrigin());
  revalidateProject(project.slug);
  if (check.status === 'empty')
    return { ok: true, data: undefined, message: 'No predictions in that window: nothing to check.' };
  if (check.status === 'failed') return { ok: false, message: check.error ?? 'The check failed.' };
  const drifted = check.features.filter((f) => f.drifted).length;
  return {
    ok: true,
    data: undefined,
    message: `Checked ${check.currentRows} predictions: ${drifted} of ${check.features.length} features drifted${check.datasetDrift ? ' (dataset drift)' : ''}; ${newAlerts.length} new alert${newAlerts.length === 1 ? '' : 's'}.`,
  };
});

export const setReferenceWindowAction = defineAction('editor', window, async ({ db, user, project, input }) => {
  const summary = await setReferenceWindow(db, user, project.id, input.monitorId, input.from, input.to);
  revalidateProject(project.slug);
  return { ok: true, data: undefined, message: `Reference set: ${summary.rows} logged predictions.` };
});

export const setReferenceDatasetAction = defineAction(
  'editor',
  z.object({ monitorId, datasetId: z.uuid('Choose a dataset version') }),
  async ({ db, user, project, input }) => {
    const summary = await setReferenceDataset(db, user, project.id, input.monitorId, input.datasetId);
    revalidateProject(project.slug);
    return { ok: true, data: undefined, message: `Reference set: ${summary.rows} rows of ${summary.name}.` };
  },
);

export const uploadReferenceAction = defineAction(
  'editor',
  z.object({
    monitorId,
    name: nameSchema(200),
    file: z
      .instanceof(File, { message: 'Choose a CSV file' })
      .refine((f) => f.size > 0, 'The file is empty')
      .refine((f) => f.size <= MAX_UPLOAD_BYTES, 'The file is larger than 20 MB'),
  }),
  async ({ db, user, project, input }) => {
    const summary = await uploadReferenceCsv(db, user, project.id, input.monitorId, {
      name: input.name,
      csv: await input.file.text(),
      source: input.file.name,
    });
    revalidateProject(project.slug);
    return {
      ok: true,
      data: undefined,
      message: `Registered ${summary.name} (sha256 ${summary.digest.slice(0, 12)}…) and set its ${summary.rows} rows as the reference.`,
    };
  },
);

const metricKey = z.string().trim().max(250, 'Use at most 250 characters').optional();

export const updateMonitorSettingsAction = defineAction(
  'editor',
  z.object({
    monitorId,
    version: rowVersion,
    schedule: z.enum(SCHEDULES, 'Choose a schedule'),
    task: z.enum(TASKS, 'Choose classification or regression'),
    stage: z.string().trim().min(1, 'Required').max(255, 'Use at most 255 characters'),
    baselineSource: z.enum(['reference', 'registered'], 'Choose a baseline'),
    key_accuracy: metricKey,
    key_f1: metricKey,
    key_mae: metricKey,
    key_rmse: metricKey,
  }),
  async ({ db, user, project, input }) => {
    const keys = { accuracy: input.key_accuracy, f1: input.key_f1, mae: input.key_mae, rmse: input.key_rmse };
    const baselineKeys = Object.fromEntries(METRICS[input.task].flatMap((m) => (keys[m] ? [[m, keys[m]]] : [])));
    await updateMonitorSettings(db, user, project.id, input.monitorId, input.version, {
      schedule: input.schedule,
      task: input.task,
      stage: input.stage,
      baselineSource: input.baselineSource,
      baselineKeys,
    });
    revalidateProject(project.slug);
    return { ok: true, data: undefined, message: 'Settings saved.' };
  },
);
