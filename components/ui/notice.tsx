import { cn } from './cn';

export type NoticeText = { ok: boolean; text: string };

/** The outcome of the last inline action: announced politely when it worked, as an alert when it did not. */
export function Notice({ notice }: { notice: NoticeText | null }) {
  return (
    <p
      aria-live="polite"
      role={notice && !notice.ok ? 'alert' : 'status'}
      className={cn(
        'min-h-5 text-sm',
        notice?.ok ? 'text-emerald-700 dark:text-emerald-400' : 'text-red-700 dark:text-red-400',
      )}
    >
      {notice?.text}
    </p>
  );
}
