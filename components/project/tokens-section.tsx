'use client';

import { useState } from 'react';
import { createTokenAction, revokeTokenAction } from '@/app/(app)/[project]/settings/actions';
import { ActionForm, Field } from '@/components/ui/action-form';
import { CodeBlock } from '@/components/ui/code-block';
import { CopyButton } from '@/components/ui/copy-button';
import { DataTable } from '@/components/ui/data-table';
import { Section } from '@/components/ui/page-header';
import { clientSetupLines } from '@/lib/tracking/client-setup';

type Token = {
  id: string;
  name: string;
  prefix: string;
  userName: string;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
};

export function TokensSection({
  project,
  origin,
  tokens,
  isOwner,
}: {
  project: string;
  /** This server as the browser reached it: the tracking URI clients use. */
  origin: string;
  tokens: Token[];
  isOwner: boolean;
}) {
  const [created, setCreated] = useState<string | null>(null);
  return (
    <Section
      id="tokens"
      title="API tokens"
      description="A token belongs to this project and acts with your role in it. Use it as MLFLOW_TRACKING_TOKEN or as 'Authorization: Bearer <token>'."
    >
      <h3 className="mb-1 text-sm font-semibold text-zinc-900 dark:text-zinc-100">Client setup</h3>
      <p className="mb-2 text-sm text-zinc-600 dark:text-zinc-400">
        Set these in the shell that runs your training or serving code; MLflow clients then log runs, metrics, artifacts
        and models to this project, and the prediction API accepts the same token.
      </p>
      <CodeBlock code={clientSetupLines(origin, created ?? undefined)} label="Client setup" className="mb-4" />
      <ActionForm
        action={createTokenAction}
        hidden={{ project }}
        submitLabel="Create token"
        resetOnSuccess
        className="mb-4 max-w-md"
        onSuccess={(data) => setCreated((data as { token: string }).token)}
      >
        <Field name="name" label="Token name" required placeholder="training-cluster" />
      </ActionForm>
      {created && (
        <div className="mb-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-700 dark:bg-amber-950">
          <p className="font-medium">Your new token — copy it now, it will not be shown again:</p>
          <div className="mt-2 flex items-center gap-2">
            <code
              data-testid="new-token"
              className="break-all rounded bg-white px-2 py-1 font-mono text-xs dark:bg-zinc-900"
            >
              {created}
            </code>
            <CopyButton value={created} label="new token" />
          </div>
        </div>
      )}
      <DataTable
        caption="API tokens"
        exportName={`${project}-tokens`}
        rows={tokens}
        rowKey={(t) => t.id}
        empty={{ title: 'No tokens yet', hint: 'Create one above to log runs or predictions from code.' }}
        columns={[
          { key: 'name', header: 'Name', value: (t) => t.name },
          { key: 'prefix', header: 'Starts with', value: (t) => `${t.prefix}…` },
          ...(isOwner ? [{ key: 'owner', header: 'Created by', value: (t: Token) => t.userName }] : []),
          { key: 'created', header: 'Created', value: (t) => t.createdAt },
          { key: 'used', header: 'Last used', value: (t) => t.lastUsedAt },
          {
            key: 'status',
            header: 'Status',
            value: (t) => (t.revokedAt ? 'revoked' : 'active'),
            render: (t) =>
              t.revokedAt ? (
                <span className="text-zinc-600 dark:text-zinc-400">revoked</span>
              ) : (
                <ActionForm
                  action={revokeTokenAction}
                  hidden={{ project, tokenId: t.id }}
                  submitLabel={`Revoke ${t.name}`}
                  submitVariant="danger"
                  confirm={`Revoke the token "${t.name}"? Clients using it stop working at once.`}
                />
              ),
          },
        ]}
      />
    </Section>
  );
}
