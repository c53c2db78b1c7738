'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import {
  addCheckIn,
  createSuccessMetric,
  deleteSuccessMetric,
  getSuccessMetric,
  updateSuccessMetric,
} from '@/db/queries/success-metrics';
import { DomainError } from '@/lib/errors';
import {
  METRIC_DIRECTIONS,
  METRIC_KINDS,
  METRIC_SOURCES,
  parseCheckInValue,
  todayUtc,
} from '@/lib/success-metrics/status';
import { TEXT_LIMITS } from '@/lib/text-limits';
import { nameSchema } from '@/lib/validation';
import {
  checkbox,
  dateField,
  optionalDate,
  optionalNumber,
  optionalText,
  ownerField,
  textField,
  uuidField,
  versionField,
} from '@/lib/forms';
import { defineAction, revalidateProject } from '@/server/action';

const definition = z.object({
  name: nameSchema(TEXT_LIMITS.metric.name),
  description: textField(TEXT_LIMITS.metric.description),
  kind: z.enum(METRIC_KINDS, 'Choose business, model or guardrail'),
  direction: z.enum(METRIC_DIRECTIONS, 'Choose a direction'),
  unit: textField(TEXT_LIMITS.metric.unit),
  isPrimary: checkbox,
  startValue: optionalNumber,
  target: optionalNumber,
  rangeMin: optionalNumber,
  rangeMax: optionalNumber,
  deadline: dateField,
  ownerId: ownerField,
  source: z.enum(METRIC_SOURCES, 'Choose where the value comes from'),
  sourceKey: optionalText(TEXT_LIMITS.metric.sourceKey),
  sourceModel: optionalText(TEXT_LIMITS.metric.sourceModel),
});

type Definition = z.output<typeof definition>;
// Fields that do not apply to the chosen direction or source are dropped, so a hidden leftover never counts.
const normalise = (d: Definition) => ({
  ...d,
  target: d.direction === 'higher_better' || d.direction === 'lower_better' ? d.target : null,
  rangeMin: d.direction === 'range' ? d.rangeMin : null,
  rangeMax: d.direction === 'range' ? d.rangeMax : null,
  startValue: d.direction === 'binary' ? 0 : d.startValue,
  sourceKey: d.source === 'manual' ? null : d.sourceKey,
  sourceModel: d.source === 'production_model' || d.source === 'monitoring' ? d.sourceModel : null,
});

export const createMetricAction = defineAction('editor', definition, async ({ db, user, project, input }) => {
  const metric = await createSuccessMetric(db, user, project.id, normalise(input));
  revalidateProject(project.slug);
  return { ok: true, data: { id: metric.id }, message: `Success metric ${metric.name} created.` };
});

export const updateMetricAction = defineAction(
  'editor',
  definition.extend({ id: uuidField('metric'), version: versionField }),
  async ({ db, user, project, input, base }) => {
    const { id, version, ...rest } = input;
    let saved;
    try {
      const loaded = base && normalise({ ...rest, ...base });
      saved = await updateSuccessMetric(db, user, project.id, id, version, normalise(rest), loaded);
    } catch (err) {
      // Show the other person's saved values at once; the message says what they are.
      if (err instanceof DomainError && err.kind === 'conflict') revalidateProject(project.slug);
      throw err;
    }
    revalidateProject(project.slug);
    return { ok: true, data: { version: saved.version }, message: 'Saved.' };
  },
);

export const deleteMetricAction = defineAction(
  'editor',
  z.object({ id: uuidField('metric') }),
  async ({ db, user, project, input }) => {
    await deleteSuccessMetric(db, user, project.id, input.id);
    revalidateProject(project.slug);
    redirect(`/${project.slug}/metrics`);
  },
);

export const checkInAction = defineAction(
  'editor',
  z.object({
    id: uuidField('metric'),
    value: z.string().max(100, 'Enter a number'),
    note: textField(500),
    recordedOn: optionalDate,
  }),
  async ({ db, user, project, input }) => {
    const metric = await getSuccessMetric(db, project.id, input.id);
    const value = parseCheckInValue(metric.direction, input.value);
    if (value === null)
      throw new DomainError('invalid', metric.direction === 'binary' ? 'Enter yes or no' : 'Enter a number', 'value');
    const today = todayUtc(Date.now());
    if (input.recordedOn && input.recordedOn > today)
      throw new DomainError('invalid', 'Choose today or an earlier day', 'recordedOn');
    // A back-dated check-in counts at noon UTC of its day; today's (or an undated one) counts now.
    const recordedAt =
      input.recordedOn && input.recordedOn < today ? new Date(`${input.recordedOn}T12:00:00Z`) : undefined;
    await addCheckIn(db, user, project.id, input.id, { value, note: input.note, recordedAt });
    revalidateProject(project.slug);
    return { ok: true, data: undefined, message: `Checked in ${input.value.trim()}.` };
  },
);
