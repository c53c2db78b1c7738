'use client';

import { shipAbTestAction, startAbTestAction, stopAbTestAction } from '@/app/(app)/[project]/ab-tests/actions';
import { ActionForm, Field, useFieldErrors } from '@/components/ui/action-form';

export type ShipOption = { key: string; version: number; isControl: boolean; warning: string | null; summary: string };

function ConfirmBox({ variant, warning }: { variant: string; warning: string }) {
  const errors = useFieldErrors('confirm');
  return (
    <div className="rounded-md border border-amber-400 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950/40 dark:text-amber-100">
      <p>
        Before shipping {variant}: {warning}.
      </p>
      <label className="mt-2 flex items-center gap-2 font-medium">
        <input type="checkbox" name="confirm" aria-invalid={errors ? true : undefined} /> Ship {variant} anyway: I have
        read the warning above
      </label>
      {errors && <p className="mt-1 text-xs text-red-700 dark:text-red-400">{errors.join(' ')}</p>}
    </div>
  );
}

function ShipForm({
  project,
  id,
  version,
  option,
}: {
  project: string;
  id: string;
  version: number;
  option: ShipOption;
}) {
  const label = `Ship ${option.key} (version ${option.version})`;
  return (
    <ActionForm
      action={shipAbTestAction}
      label={label}
      hidden={{ project, id, version, variant: option.key }}
      submitLabel={label}
      submitVariant={option.isControl ? 'secondary' : 'primary'}
      className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-700"
    >
      <p className="text-sm">
        {option.isControl ? 'Keep the control: promotes' : 'Promotes'} version {option.version} to Production and
        archives the current holder. {option.summary}
      </p>
      {option.warning && <ConfirmBox variant={option.key} warning={option.warning} />}
      <Field name="reason" label={`Note for the registry (${option.key}, optional)`} placeholder="Why this version" />
    </ActionForm>
  );
}

/** Start a draft; ship a variant (promote it in the registry) or stop a running test. */
export function DecisionPanel({
  project,
  id,
  version,
  status,
  options,
}: {
  project: string;
  id: string;
  version: number;
  status: 'draft' | 'running' | 'stopped';
  options: ShipOption[];
}) {
  const hidden = { project, id, version };
  if (status === 'draft') {
    return (
      <ActionForm action={startAbTestAction} label="Start the test" hidden={hidden} submitLabel="Start the test">
        <p className="text-sm">
          Until it starts, assignment serves everyone the control and records nothing, and events are refused.
        </p>
      </ActionForm>
    );
  }
  return (
    <div className="flex flex-col gap-4">
      {status === 'stopped' && (
        <p className="text-sm">The test is stopped and records nothing more; you can still ship one of its versions.</p>
      )}
      <div className="grid gap-4 lg:grid-cols-2">
        {options.map((o) => (
          <ShipForm key={o.key} project={project} id={id} version={version} option={o} />
        ))}
      </div>
      {status === 'running' && (
        <ActionForm
          action={stopAbTestAction}
          label="Stop the test"
          hidden={hidden}
          submitLabel="Stop the test"
          submitVariant="danger"
          className="max-w-xl"
        >
          <p className="text-sm">
            Ends the test without shipping: assignment serves the control to everyone and records nothing more; events
            are refused.
          </p>
          <Field name="reason" label="Why stop" placeholder="No effect after four weeks" />
        </ActionForm>
      )}
    </div>
  );
}
