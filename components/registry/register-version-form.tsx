'use client';

import Link from 'next/link';
import { useState } from 'react';
import { registerVersionAction } from '@/app/(app)/[project]/models/actions';
import { ActionForm, Field, useFieldErrors } from '@/components/ui/action-form';
import type { ModelStage } from '@/lib/registry/vocabulary';

type RunVersion = { name: string; version: number; stage: ModelStage; aliases: string[] };

const linkClass = 'text-indigo-700 underline dark:text-indigo-400';

/** On a run page: register the run's model as a new version of a (new or existing) registered model. */
export function RegisterVersionForm({
  project,
  runId,
  modelNames,
  runVersions,
}: {
  project: string;
  runId: string;
  modelNames: string[];
  runVersions: RunVersion[];
}) {
  // The field is controlled by this state: after the form resets, picking the same model from the list again
  // must still count as a change, so the duplicate warning shows.
  const [name, setName] = useState('');
  const typed = name.trim();
  const exists = modelNames.includes(typed);
  const already = runVersions.filter((v) => v.name === typed);
  return (
    <ActionForm
      action={registerVersionAction}
      hidden={{ project, runId }}
      submitLabel="Register as model version"
      label="Register as model version"
      resetOnSuccess
      onSuccess={() => setName('')}
      renderSuccess={(data) => {
        const made = data as { name: string; version: number };
        return (
          <Link
            href={`/${project}/models/${encodeURIComponent(made.name)}/versions/${made.version}`}
            className={linkClass}
          >
            Registered {made.name} version {made.version}
          </Link>
        );
      }}
    >
      <Field
        name="name"
        label="Registered model"
        required
        suggestions={modelNames}
        value={name}
        onValueChange={setName}
        hint={
          modelNames.length
            ? 'Pick one of the project’s models from the list, or type a new name to create a model.'
            : 'The project has no registered model yet: type a name to create one.'
        }
      />
      {typed !== '' && already.length === 0 && (
        <p className="text-sm text-zinc-700 dark:text-zinc-300">
          {exists ? `Adds the next version of ${typed}.` : `Creates the new model ${typed} with this run as version 1.`}
        </p>
      )}
      {already.length > 0 && <DuplicateWarning project={project} versions={already} />}
      <Field name="description" label="Version description" />
    </ActionForm>
  );
}

/** This run already is a version of the chosen model: say which, and ask before making another. */
function DuplicateWarning({ project, versions }: { project: string; versions: RunVersion[] }) {
  const errors = useFieldErrors('duplicate');
  return (
    <div
      role="group"
      aria-label="Already registered"
      className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
    >
      <p>
        This run is already{' '}
        {versions.map((v, i) => (
          <span key={v.version}>
            {i > 0 && ', '}
            <Link
              href={`/${project}/models/${encodeURIComponent(v.name)}/versions/${v.version}`}
              className="font-medium underline"
            >
              {v.name} version {v.version}
            </Link>{' '}
            ({v.stage}
            {v.aliases.map((a) => ` @${a}`).join('')})
          </span>
        ))}
        . Registering it again makes another version of the same model.
      </p>
      <label className="mt-2 flex items-center gap-2">
        <input type="checkbox" name="duplicate" required className="size-4 accent-indigo-600" />
        Register another version anyway
      </label>
      {errors && <p className="mt-1 text-xs text-red-700 dark:text-red-400">{errors.join(' ')}</p>}
    </div>
  );
}
