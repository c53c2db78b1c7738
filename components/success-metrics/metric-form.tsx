'use client';

import { useState } from 'react';
import { createMetricAction, updateMetricAction } from '@/app/(app)/[project]/metrics/actions';
import { ActionForm, Field } from '@/components/ui/action-form';
import { EditForm } from '@/components/ui/edit-form';
import {
  DIRECTION_LABELS,
  KIND_LABELS,
  METRIC_DIRECTIONS,
  METRIC_KINDS,
  METRIC_SOURCES,
  type MetricDirection,
  type MetricSource,
  SOURCE_LABELS,
  type SuccessMetricInput,
} from '@/lib/success-metrics/status';
import { TEXT_LIMITS } from '@/lib/text-limits';

export type MetricDefaults = { id: string; version: number; kind: string } & Omit<SuccessMetricInput, 'kind'>;

type Options = { members: Array<{ userId: string; name: string }>; keys: string[]; models: string[] };

const num = (v: number | null | undefined) => (v === null || v === undefined ? '' : v);

/** Define or edit a success metric; the fields follow the chosen direction and source. */
export function MetricForm({
  user,
  project,
  existing,
  defaultDeadline,
  options,
}: {
  /** Who is editing: their drafts are kept apart from other people's in a shared browser. */
  user?: string;
  project: string;
  existing?: MetricDefaults;
  defaultDeadline: string;
  options: Options;
}) {
  const [direction, setDirection] = useState<MetricDirection>(existing?.direction ?? 'higher_better');
  const [source, setSource] = useState<MetricSource>(existing?.source ?? 'manual');
  const fields = (
    <>
      <div
        className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3"
        onChange={(e) => {
          const el = e.target;
          if (!(el instanceof HTMLSelectElement)) return;
          if (el.name === 'direction') setDirection(el.value as MetricDirection);
          if (el.name === 'source') setSource(el.value as MetricSource);
        }}
      >
        <Field
          name="name"
          label="Metric name"
          defaultValue={existing?.name}
          required
          placeholder="latency p95"
          maxLength={TEXT_LIMITS.metric.name}
        />
        <Field
          name="kind"
          label="Kind"
          defaultValue={existing?.kind ?? 'model'}
          options={METRIC_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
        />
        <Field
          name="direction"
          label="Direction"
          defaultValue={direction}
          options={METRIC_DIRECTIONS.map((d) => ({ value: d, label: DIRECTION_LABELS[d] }))}
        />
        {direction !== 'binary' && (
          <Field
            name="startValue"
            label="Start value"
            type="text"
            defaultValue={num(existing?.startValue)}
            hint="Where it stands today; the plan runs from here."
          />
        )}
        {(direction === 'higher_better' || direction === 'lower_better') && (
          <Field name="target" label="Target" type="text" defaultValue={num(existing?.target)} required />
        )}
        {direction === 'range' && (
          <>
            <Field
              name="rangeMin"
              label="Lowest acceptable"
              type="text"
              defaultValue={num(existing?.rangeMin)}
              required
            />
            <Field
              name="rangeMax"
              label="Highest acceptable"
              type="text"
              defaultValue={num(existing?.rangeMax)}
              required
            />
          </>
        )}
        <Field name="unit" label="Unit" defaultValue={existing?.unit} placeholder="ms" />
        <Field
          name="deadline"
          label="Deadline"
          type="date"
          defaultValue={existing?.deadline ?? defaultDeadline}
          required
        />
        <Field
          name="ownerId"
          label="Owner"
          defaultValue={existing?.ownerId ?? ''}
          options={[
            { value: '', label: 'Nobody yet' },
            ...options.members.map((m) => ({ value: m.userId, label: m.name })),
          ]}
        />
        <Field
          name="source"
          label="Value comes from"
          defaultValue={source}
          options={METRIC_SOURCES.map((s) => ({ value: s, label: SOURCE_LABELS[s] }))}
        />
        {source !== 'manual' && (
          <Field
            name="sourceKey"
            label="Metric key"
            defaultValue={existing?.sourceKey ?? ''}
            required
            hint={
              source === 'monitoring'
                ? 'One of accuracy, f1, mae, rmse (what drift checks measure).'
                : options.keys.length
                  ? `Logged keys: ${options.keys.slice(0, 12).join(', ')}`
                  : 'No run has logged a metric yet.'
            }
          />
        )}
        {(source === 'production_model' || source === 'monitoring') && (
          <Field
            name="sourceModel"
            label="Registered model"
            defaultValue={existing?.sourceModel ?? ''}
            required
            hint={
              options.models.length
                ? `Models: ${options.models.slice(0, 12).join(', ')}`
                : 'No model is registered yet.'
            }
          />
        )}
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="isPrimary" defaultChecked={existing?.isPrimary ?? true} className="h-4 w-4" />{' '}
        Primary metric (project success needs every primary metric achieved)
      </label>
      <Field
        name="description"
        label="Description"
        defaultValue={existing?.description}
        multiline
        maxLength={TEXT_LIMITS.metric.description}
      />
    </>
  );
  if (existing)
    return (
      <EditForm
        draft={{ user: user ?? '', project, entity: 'success-metric', id: existing.id }}
        version={existing.version}
        action={updateMetricAction}
        hidden={{ project, id: existing.id }}
        label="Edit success metric"
        submitLabel="Save metric"
      >
        {fields}
      </EditForm>
    );
  return (
    <ActionForm
      action={createMetricAction}
      hidden={{ project }}
      label="Define a success metric"
      submitLabel="Add metric"
      resetOnSuccess
      onSuccess={() => {
        setDirection('higher_better');
        setSource('manual');
      }}
    >
      {fields}
    </ActionForm>
  );
}
