'use client';

import { Notice, type NoticeText } from '@/components/ui/notice';
import Link from 'next/link';
import { useState, useTransition } from 'react';
import {
  createSubProblemAction,
  deleteSubProblemAction,
  linkSubProblemAction,
  unlinkSubProblemAction,
  updateSubProblemAction,
} from '@/app/(app)/[project]/problem/actions';
import { ActionForm, Field } from '@/components/ui/action-form';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { EmptyState } from '@/components/ui/empty-state';
import {
  SUB_PROBLEM_STATUSES,
  SUB_PROBLEM_STATUS_LABELS,
  type SubProblemStatus,
  type TreeNode,
  buildTree,
  progressOf,
} from '@/lib/problem/tree';

type LinkKind = 'metric' | 'experiment' | 'task';
type Node = {
  id: string;
  parentId: string | null;
  title: string;
  status: SubProblemStatus;
  ownerId: string | null;
  ownerName: string | null;
  links: Array<{ id: number; kind: LinkKind; targetId: string; label: string }>;
};
type Targets = Record<LinkKind, Array<{ id: string; label: string }>>;
type Ctx = {
  project: string;
  members: Array<{ userId: string; name: string }>;
  targets: Targets;
  canEdit: boolean;
  run: (call: () => Promise<{ ok: boolean; message?: string }>) => void;
};

const KIND_LABELS: Record<LinkKind, string> = {
  metric: 'Success metric',
  experiment: 'Experiment',
  task: 'Board task',
};
const selectClass =
  'rounded-md border border-zinc-300 bg-white px-1.5 py-1 text-sm text-zinc-900 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-100';

function linkHref(project: string, l: Node['links'][number]) {
  if (l.kind === 'metric') return `/${project}/metrics/${l.targetId}`;
  if (l.kind === 'experiment') return `/${project}/experiments/${l.targetId}`;
  return `/${project}/board/tasks/${l.targetId}`;
}

function LinkForm({ node, ctx }: { node: Node; ctx: Ctx }) {
  const [kind, setKind] = useState<LinkKind>('metric');
  return (
    <ActionForm
      action={linkSubProblemAction}
      hidden={{ project: ctx.project, id: node.id }}
      label={`Link ${node.title}`}
      submitLabel="Link"
      submitVariant="secondary"
      className="mt-2 max-w-md"
    >
      <div
        className="grid gap-2 sm:grid-cols-2"
        onChange={(e) => {
          if (e.target instanceof HTMLSelectElement && e.target.name === 'kind') setKind(e.target.value as LinkKind);
        }}
      >
        <Field
          name="kind"
          label="Link to"
          defaultValue={kind}
          options={(Object.keys(KIND_LABELS) as LinkKind[]).map((k) => ({ value: k, label: KIND_LABELS[k] }))}
        />
        <Field
          key={kind}
          name="targetId"
          label={KIND_LABELS[kind]}
          options={[
            { value: '', label: ctx.targets[kind].length ? 'Choose…' : 'None in this project yet' },
            ...ctx.targets[kind].map((t) => ({ value: t.id, label: t.label })),
          ]}
        />
      </div>
    </ActionForm>
  );
}

function TreeItem({ node, ctx }: { node: TreeNode<Node>; ctx: Ctx }) {
  const progress = progressOf(node);
  return (
    <li className="mt-2">
      <div
        className={cn(
          'rounded-md border border-zinc-200 p-3 dark:border-zinc-700',
          node.status === 'done' && 'bg-emerald-50/60 dark:bg-emerald-950/30',
        )}
      >
        <div className="flex flex-wrap items-center gap-2">
          <span className="font-medium">{node.title}</span>
          {node.children.length > 0 && (
            <span className="text-xs text-zinc-600 dark:text-zinc-400">
              {progress.done} of {progress.total} done
            </span>
          )}
          <span className="ml-auto flex flex-wrap items-center gap-2">
            {ctx.canEdit ? (
              <>
                <select
                  aria-label={`Status of ${node.title}`}
                  className={selectClass}
                  value={node.status}
                  onChange={(e) =>
                    ctx.run(() =>
                      updateSubProblemAction(null, {
                        project: ctx.project,
                        id: node.id,
                        field: 'status',
                        value: e.target.value,
                      }),
                    )
                  }
                >
                  {SUB_PROBLEM_STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {SUB_PROBLEM_STATUS_LABELS[s]}
                    </option>
                  ))}
                </select>
                <select
                  aria-label={`Owner of ${node.title}`}
                  className={selectClass}
                  value={node.ownerId ?? ''}
                  onChange={(e) =>
                    ctx.run(() =>
                      updateSubProblemAction(null, {
                        project: ctx.project,
                        id: node.id,
                        field: 'ownerId',
                        value: e.target.value,
                      }),
                    )
                  }
                >
                  <option value="">Nobody</option>
                  {ctx.members.map((m) => (
                    <option key={m.userId} value={m.userId}>
                      {m.name}
                    </option>
                  ))}
                </select>
              </>
            ) : (
              <span className="text-sm">
                {SUB_PROBLEM_STATUS_LABELS[node.status]} · {node.ownerName ?? 'no owner'}
              </span>
            )}
          </span>
        </div>
        {node.links.length > 0 && (
          <ul aria-label={`Links of ${node.title}`} className="mt-2 flex flex-wrap gap-2">
            {node.links.map((l) => (
              <li
                key={l.id}
                className="flex items-center gap-1 rounded-full border border-zinc-300 px-2 py-0.5 text-xs dark:border-zinc-600"
              >
                <span className="text-zinc-600 dark:text-zinc-400">{KIND_LABELS[l.kind]}:</span>
                <Link className="text-indigo-700 hover:underline dark:text-indigo-400" href={linkHref(ctx.project, l)}>
                  {l.label}
                </Link>
                {ctx.canEdit && (
                  <button
                    type="button"
                    aria-label={`Remove link to ${l.label}`}
                    className="px-1 text-zinc-600 hover:text-red-700 dark:text-zinc-400"
                    onClick={() => ctx.run(() => unlinkSubProblemAction(null, { project: ctx.project, linkId: l.id }))}
                  >
                    ×
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        {ctx.canEdit && (
          <div className="mt-2 flex flex-wrap items-start gap-4 text-sm">
            <details>
              <summary className="cursor-pointer text-indigo-700 dark:text-indigo-400">Break down</summary>
              <ActionForm
                action={createSubProblemAction}
                hidden={{ project: ctx.project, parentId: node.id }}
                label={`Break down ${node.title}`}
                submitLabel="Add sub-problem"
                submitVariant="secondary"
                resetOnSuccess
                className="mt-2 max-w-md"
              >
                <Field name="title" label={`Sub-problem of ${node.title}`} required />
              </ActionForm>
            </details>
            <details>
              <summary className="cursor-pointer text-indigo-700 dark:text-indigo-400">Link</summary>
              <LinkForm node={node} ctx={ctx} />
            </details>
            <Button
              variant="ghost"
              className="py-0 text-red-700 dark:text-red-400"
              onClick={() => {
                if (window.confirm(`Delete “${node.title}” and everything under it?`))
                  ctx.run(() => deleteSubProblemAction(null, { project: ctx.project, id: node.id }));
              }}
            >
              Delete
            </Button>
          </div>
        )}
      </div>
      {node.children.length > 0 && (
        <ul className="ml-6 border-l border-zinc-200 pl-3 dark:border-zinc-700">
          {node.children.map((c) => (
            <TreeItem key={c.id} node={c} ctx={ctx} />
          ))}
        </ul>
      )}
    </li>
  );
}

/** The problem statement's tree of sub-problems, any depth, edited in place. */
export function ProblemTree({
  project,
  nodes,
  members,
  targets,
  canEdit,
}: {
  project: string;
  nodes: Node[];
  members: Ctx['members'];
  targets: Targets;
  canEdit: boolean;
}) {
  const [notice, setNotice] = useState<NoticeText | null>(null);
  const [pending, startTransition] = useTransition();
  const run: Ctx['run'] = (call) =>
    startTransition(async () => {
      const result = await call();
      setNotice({ ok: result.ok, text: result.message ?? (result.ok ? 'Saved.' : 'Not saved.') });
    });
  const tree = buildTree(nodes);
  return (
    <div aria-busy={pending}>
      <Notice notice={notice} />
      {tree.length === 0 ? (
        <EmptyState
          title="Not broken down yet"
          hint={
            canEdit
              ? 'Add the first sub-problem above, e.g. “Identify churn indicators”.'
              : 'An editor breaks the problem into sub-problems here.'
          }
          action={canEdit ? { href: '#decomposition', label: 'Add a sub-problem' } : undefined}
        />
      ) : (
        <ul aria-label="Problem decomposition">
          {tree.map((n) => (
            <TreeItem key={n.id} node={n} ctx={{ project, members, targets, canEdit, run }} />
          ))}
        </ul>
      )}
    </div>
  );
}
