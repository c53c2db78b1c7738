'use client';

import { registerVersionAction } from '@/app/(app)/[project]/models/actions';
import { ActionForm, Field } from '@/components/ui/action-form';

/** On a run page: register the run's model as a new version of a (new or existing) registered model. */
export function RegisterVersionForm({
  project,
  runId,
  modelNames,
}: {
  project: string;
  runId: string;
  modelNames: string[];
}) {
  return (
    <ActionForm
      action={registerVersionAction}
      hidden={{ project, runId }}
      submitLabel="Register as model version"
      label="Register as model version"
      resetOnSuccess
      className="max-w-md"
    >
      <Field
        name="name"
        label="Registered model"
        required
        placeholder={modelNames[0] ?? 'rain-tomorrow'}
        hint={
          modelNames.length
            ? `Existing: ${modelNames.join(', ')} — or type a new name.`
            : 'A new model is created if none has this name.'
        }
      />
      <Field name="description" label="Version description" />
    </ActionForm>
  );
}
