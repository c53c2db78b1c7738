'use client';

import { useState } from 'react';
import { createTokenAction, revokeTokenAction } from '@/app/(app)/[project]/settings/actions';
import { ActionForm, Field } from '@/components/ui/action-form';
import { CopyButton } from '@/components/ui/copy-button';
import { DataTable } from '@/components/ui/data-table';
import { Section } from '@/components/ui/page-header';

type Token = {
  id: string;
  name: string;
  prefix: string;
  userName: string;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
};

export function TokensSection({ project, tokens, isOwner }: { project: string; tokens: Token[]; isOwner: boolean }) {
  const [created, setCreated] = useState<string | null>(null);
  return (
    <Section
      id="tokens"
      title="API tokens"
      description="A token belongs to this project and acts with your role in it. Use it as MLFLOW_TRACKING_TOKEN or as 'Authorization: Bearer <token>'."
    >
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
