'use client';

import { useState, useTransition } from 'react';
import { prioritiseAction, undoPrioritiseAction } from '@/app/(app)/[project]/board/actions';
import { ActionForm } from '@/components/ui/action-form';
import { Button } from '@/components/ui/button';
import { Notice, type NoticeText } from '@/components/ui/notice';

/** "Prioritise", then an Undo that puts back the order it replaced (until the next prioritise or a reload). */
export function PrioritiseForm({ project, sprintId, label }: { project: string; sprintId: string; label: string }) {
  const [previous, setPrevious] = useState<string[] | null>(null);
  const [notice, setNotice] = useState<NoticeText | null>(null);
  const [pending, start] = useTransition();
  return (
    <div role="group" aria-label={label} className="flex flex-col gap-2">
      <ActionForm
        label={label}
        action={prioritiseAction}
        hidden={{ project, sprintId }}
        submitLabel="Prioritise"
        submitVariant="secondary"
        onSuccess={(data) => {
          setNotice(null);
          setPrevious((data as { previous: string[] } | null)?.previous ?? null);
        }}
      />
      {/* Only while there is an Undo or its outcome to show: an empty row would leave a gap under the header's buttons. */}
      {(previous || notice) && (
        <div className="flex flex-wrap items-center gap-3">
          {previous && (
            <>
              <Button
                variant="secondary"
                disabled={pending}
                onClick={() =>
                  start(async () => {
                    const result = await undoPrioritiseAction(null, { project, sprintId, previous });
                    setNotice({ ok: result.ok, text: result.ok ? (result.message ?? 'Undone.') : result.message });
                    if (result.ok) setPrevious(null);
                  })
                }
              >
                {pending ? 'Working…' : 'Undo prioritise'}
              </Button>
              <span className="text-sm text-zinc-600 dark:text-zinc-400">Puts back the order from before.</span>
            </>
          )}
          <Notice notice={notice} />
        </div>
      )}
    </div>
  );
}
