'use client';

import { useId, useState } from 'react';
import { createAbTestAction } from '@/app/(app)/[project]/ab-tests/actions';
import { ActionForm, Field, useFieldErrors } from '@/components/ui/action-form';
import { Button } from '@/components/ui/button';
import type { ModelStage } from '@/lib/registry/vocabulary';

export type ModelChoice = { name: string; versions: { version: number; stage: ModelStage }[] };

const KINDS = [
  { value: 'conversion', label: 'Conversion (0 or 1 per unit, e.g. prediction correct)' },
  { value: 'continuous', label: 'Continuous (any number, e.g. revenue or latency)' },
];
const DIRECTIONS = [
  { value: 'increase', label: 'Higher is better' },
  { value: 'decrease', label: 'Lower is better' },
];

/** Production (if any) against the newest other version; else the two newest. */
function defaultChoice(model: ModelChoice) {
  const newestFirst = [...model.versions].sort((a, b) => b.version - a.version);
  const production = newestFirst.find((v) => v.stage === 'Production');
  const challenger = newestFirst.find((v) => v.version !== production?.version);
  const picked = production ? [production.version, challenger?.version] : newestFirst.slice(0, 2).map((v) => v.version);
  const chosen = picked.filter((v): v is number => v !== undefined);
  return { chosen, control: production?.version ?? Math.min(...chosen) };
}

function ErrorText({ name }: { name: string }) {
  const errors = useFieldErrors(name);
  return errors ? <p className="text-xs text-red-700 dark:text-red-400">{errors.join(' ')}</p> : null;
}

function VersionPicker({ model }: { model: ModelChoice }) {
  const initial = defaultChoice(model);
  const [chosen, setChosen] = useState<number[]>(initial.chosen);
  const [control, setControl] = useState(initial.control);
  const invalid = Boolean(useFieldErrors('variants'));
  return (
    <fieldset className="flex flex-col gap-2" aria-invalid={invalid || undefined}>
      <legend className="text-sm font-medium">
        Versions to compare (two or more; weights are relative, 50 and 50 split evenly)
      </legend>
      {model.versions.map(({ version, stage }) => {
        const on = chosen.includes(version);
        return (
          <div
            key={version}
            className="flex flex-wrap items-end gap-4 rounded-md border border-zinc-200 p-2 dark:border-zinc-700"
          >
            <label className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                name="variants"
                value={version}
                checked={on}
                onChange={(e) =>
                  setChosen((c) => (e.target.checked ? [...c, version] : c.filter((v) => v !== version)))
                }
              />
              Version {version}
              {stage !== 'None' && <span className="text-xs text-zinc-600 dark:text-zinc-400">({stage})</span>}
            </label>
            <label className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name="control"
                value={version}
                checked={control === version}
                disabled={!on}
                onChange={() => setControl(version)}
              />
              Control (A) for version {version}
            </label>
            {on && (
              <div className="w-40">
                <Field
                  name={`weight.${version}`}
                  label={`Weight of version ${version}`}
                  type="number"
                  defaultValue={50}
                />
              </div>
            )}
          </div>
        );
      })}
      <ErrorText name="variants" />
    </fieldset>
  );
}

function Guardrail({ row, index, onRemove }: { row: number; index: number; onRemove: () => void }) {
  return (
    <div className="grid gap-3 rounded-md border border-zinc-200 p-3 sm:grid-cols-[1fr_1fr_1fr_auto] dark:border-zinc-700">
      <Field name={`guardrails.${row}.name`} label={`Guardrail ${index + 1} metric`} placeholder="latency_ms" />
      <Field
        name={`guardrails.${row}.kind`}
        label={`Guardrail ${index + 1} kind`}
        options={KINDS}
        defaultValue="continuous"
      />
      <Field
        name={`guardrails.${row}.direction`}
        label={`Guardrail ${index + 1} good direction`}
        options={DIRECTIONS}
        defaultValue="decrease"
      />
      <Button variant="ghost" className="self-end" onClick={onRemove}>
        Remove guardrail {index + 1}
      </Button>
    </div>
  );
}

export function CreateAbTestForm({ project, models }: { project: string; models: ModelChoice[] }) {
  const [modelName, setModelName] = useState(models[0]?.name ?? '');
  const [rows, setRows] = useState<number[]>([]);
  const [next, setNext] = useState(0);
  const modelId = useId();
  const model = models.find((m) => m.name === modelName) ?? models[0]!;
  return (
    <ActionForm
      action={createAbTestAction}
      hidden={{ project }}
      submitLabel="Create A/B test"
      label="Define an A/B test"
      className="max-w-3xl"
    >
      <Field name="name" label="Test name" required placeholder="ranker v3 vs v2, checkout" />
      <Field
        name="description"
        label="Hypothesis (optional)"
        multiline
        placeholder="Version 3 ranks in-stock items higher, so more visitors buy."
      />
      <div className="flex flex-col gap-1">
        <label htmlFor={modelId} className="text-sm font-medium text-zinc-800 dark:text-zinc-200">
          Registered model
        </label>
        <select
          id={modelId}
          name="model"
          value={model.name}
          onChange={(e) => setModelName(e.target.value)}
          className="w-full rounded-md border border-zinc-300 bg-white px-2.5 py-1.5 text-sm dark:border-zinc-600 dark:bg-zinc-900"
        >
          {models.map((m) => (
            <option key={m.name} value={m.name}>
              {m.name} ({m.versions.length} versions)
            </option>
          ))}
        </select>
        <ErrorText name="model" />
      </div>
      <VersionPicker key={model.name} model={model} />
      <fieldset className="grid gap-3 sm:grid-cols-3">
        <legend className="mb-1 text-sm font-medium">Primary metric: the one the decision rests on</legend>
        <Field name="primaryName" label="Primary metric" required placeholder="converted" />
        <Field name="primaryKind" label="Kind" options={KINDS} defaultValue="conversion" />
        <Field name="primaryDirection" label="Good direction" options={DIRECTIONS} defaultValue="increase" />
      </fieldset>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">Guardrails (optional): metrics that must not get worse</legend>
        {rows.map((row, i) => (
          <Guardrail key={row} row={row} index={i} onRemove={() => setRows((r) => r.filter((x) => x !== row))} />
        ))}
        <Button
          variant="secondary"
          className="self-start"
          onClick={() => {
            setRows((r) => [...r, next]);
            setNext((n) => n + 1);
          }}
        >
          Add guardrail
        </Button>
      </fieldset>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="start" defaultChecked /> Start now (otherwise it waits as a draft until you start
        it)
      </label>
    </ActionForm>
  );
}
