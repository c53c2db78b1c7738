'use client';

import { useState } from 'react';
import { promoteAction } from '@/app/(app)/[project]/models/actions';
import { ActionForm, Field } from '@/components/ui/action-form';
import { Dialog } from '@/components/ui/dialog';
import { RowActionsMenu } from '@/components/ui/row-actions-menu';
import { MODEL_STAGES, type ModelStage } from '@/lib/registry/vocabulary';

/** A version row's stage moves, in a menu; the chosen move opens the promote form in a dialog. */
export function VersionActions({
  project,
  model,
  version,
  stage,
}: {
  project: string;
  model: string;
  version: number;
  stage: ModelStage;
}) {
  const [target, setTarget] = useState<ModelStage | null>(null);
  const [outcome, setOutcome] = useState<string>();
  return (
    <div className="flex flex-wrap items-center gap-2">
      <RowActionsMenu
        label={`Actions for version ${version}`}
        items={MODEL_STAGES.filter((s) => s !== stage).map((s) => ({
          label: `Move to ${s}`,
          onSelect: () => {
            setOutcome(undefined);
            setTarget(s);
          },
        }))}
      />
      <p role="status" aria-live="polite" className="text-xs text-emerald-700 dark:text-emerald-400">
        {outcome}
      </p>
      <Dialog
        title={`Move version ${version} of ${model}`}
        description="With “archive the current holder”, the version now in that stage moves to Archived."
        open={target !== null}
        onClose={() => setTarget(null)}
        onFinish={setOutcome}
      >
        <ActionForm
          action={promoteAction}
          hidden={{ project, name: model, version }}
          submitLabel={`Move version ${version}`}
        >
          <Field
            name="stage"
            label={`Stage for version ${version}`}
            defaultValue={target ?? undefined}
            options={MODEL_STAGES.map((s) => ({ value: s, label: s }))}
          />
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="archiveExisting" defaultChecked /> Archive the current holder
          </label>
          <Field name="reason" label={`Why (version ${version})`} />
        </ActionForm>
      </Dialog>
    </div>
  );
}
