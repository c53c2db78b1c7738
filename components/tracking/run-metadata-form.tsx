'use client';

import { updateRunMetadataAction } from '@/app/(app)/[project]/runs/actions';
import { ActionForm, Field } from '@/components/ui/action-form';
import { RUN_APPROACHES } from '@/lib/tracking/vocabulary';
import { approachLabel } from '@/lib/tracking/run-colors';
import type { RunApproach } from '@/lib/tracking/vocabulary';

type Props = {
  project: string;
  runId: string;
  approach: RunApproach | null;
  seed: number | null;
  config: Record<string, unknown> | null;
  codeVersion: string | null;
};

export function RunMetadataForm({ project, runId, approach, seed, config, codeVersion }: Props) {
  return (
    <ActionForm
      action={updateRunMetadataAction}
      hidden={{ project, runId }}
      submitLabel="Save reproducibility details"
      className="max-w-2xl"
    >
      <Field
        name="approach"
        label="Approach"
        defaultValue={approach ?? ''}
        options={[
          { value: '', label: 'Not set' },
          ...RUN_APPROACHES.map((a) => ({ value: a, label: approachLabel(a) })),
        ]}
        hint="Data-centric runs change the data; model-centric runs change the model."
      />
      <Field name="seed" label="Random seed" defaultValue={seed ?? ''} placeholder="42" />
      <Field
        name="codeVersion"
        label="Code version"
        defaultValue={codeVersion ?? ''}
        placeholder="git commit, tag or package version"
      />
      <Field
        name="config"
        label="Config JSON"
        defaultValue={config ? JSON.stringify(config, null, 2) : ''}
        multiline
        placeholder='{"lr": 0.01, "epochs": 20}'
      />
    </ActionForm>
  );
}
