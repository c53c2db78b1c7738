'use client';

import { useEffect, useEffectEvent, useRef } from 'react';
import { formatDay, formatDayTime, parseDay, parseDayTime } from '@/lib/format';
import { cn } from './cn';

type DateInputProps = {
  id?: string;
  /** What the date is ("Start", "Next review of …"): names the calendar button. */
  label: string;
  /** The form field the ISO value is sent as ("2026-12-03", or "2026-12-03T14:05" with `withTime`). */
  name?: string;
  withTime?: boolean;
  required?: boolean;
  className?: string;
  /** In a form: the ISO value it starts with. */
  defaultValue?: string;
  /** Outside a form: the ISO value shown, and where a new one goes once typed (on Enter or leaving) or picked. */
  value?: string;
  onValueChange?: (value: string) => void;
  'aria-label'?: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
};

function formats(withTime: boolean) {
  return withTime
    ? { parse: parseDayTime, show: (v: string) => (v ? formatDayTime(v) : ''), example: '3 Dec 2026, 14:05' }
    : { parse: parseDay, show: (v: string) => (v ? formatDay(v) : ''), example: '3 Dec 2026' };
}

/**
 * A date (or UTC date and time) written in the interface's one format, "3 Dec 2026", whatever the browser's
 * language: a native date input shows its own locale's format. A person types the day (ISO works too) or
 * picks it from the browser's own calendar; a native input, out of sight, holds the ISO value the form
 * sends, so drafts, merges and resets see the same value as with a plain date input.
 */
export function DateInput({
  id,
  label,
  name,
  withTime = false,
  required,
  className,
  defaultValue,
  value,
  onValueChange,
  ...aria
}: DateInputProps) {
  const textRef = useRef<HTMLInputElement>(null);
  const nativeRef = useRef<HTMLInputElement>(null);
  const { show } = formats(withTime);
  const start = value ?? defaultValue ?? '';
  // The listeners are attached once; these read the current props when they run.
  const isControlled = useEffectEvent(() => onValueChange !== undefined);
  const changeTo = useEffectEvent((iso: string) => {
    if (onValueChange && iso !== value) onValueChange(iso);
  });

  useEffect(() => {
    const text = textRef.current;
    const native = nativeRef.current;
    if (!text || !native) return;
    const { parse, show, example } = formats(withTime);
    // Typing: the native input (what the form sends) follows on every keystroke, before the form's own
    // input listeners read it for drafts; what cannot be read stops the submit with a message.
    const typed = () => {
      const parsed = parse(text.value);
      native.value = parsed ?? '';
      text.setCustomValidity(parsed === null ? `Type a date like ${example}` : '');
    };
    const commit = () => {
      const parsed = parse(text.value);
      if (parsed === null) return;
      text.value = show(parsed);
      changeTo(parsed);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Enter' && isControlled()) {
        e.preventDefault();
        // Outside a form nothing else would say why Enter did nothing.
        if (parse(text.value) === null) text.reportValidity();
        else commit();
      }
    };
    // Picked from the calendar, restored from a draft or reset with the form: the text follows.
    const fromNative = () => {
      text.value = show(native.value);
      text.setCustomValidity('');
    };
    const picked = () => {
      fromNative();
      changeTo(native.value);
    };
    const reset = () => setTimeout(fromNative);
    text.addEventListener('input', typed);
    text.addEventListener('blur', commit);
    text.addEventListener('keydown', onKey);
    native.addEventListener('input', fromNative);
    native.addEventListener('change', picked);
    const form = native.form;
    form?.addEventListener('reset', reset);
    return () => {
      text.removeEventListener('input', typed);
      text.removeEventListener('blur', commit);
      text.removeEventListener('keydown', onKey);
      native.removeEventListener('input', fromNative);
      native.removeEventListener('change', picked);
      form?.removeEventListener('reset', reset);
    };
  }, [withTime]);

  // A value set from outside (the URL changed) replaces what is shown unless the person is typing there.
  useEffect(() => {
    const text = textRef.current;
    const native = nativeRef.current;
    if (value === undefined || !text || !native || document.activeElement === text) return;
    native.value = value;
    text.value = formats(withTime).show(value);
  }, [value, withTime]);

  const openCalendar = () => {
    const native = nativeRef.current;
    try {
      native?.showPicker();
    } catch {
      textRef.current?.focus();
    }
  };

  return (
    <span className="relative inline-flex items-stretch gap-1">
      <input
        {...aria}
        ref={textRef}
        id={id}
        type="text"
        inputMode="text"
        autoComplete="off"
        spellCheck={false}
        required={required}
        defaultValue={show(start)}
        // Wide enough for "30 Sep 2026" (", 14:05"); a field in a form column stretches to the column.
        size={withTime ? 18 : 11}
        className={cn('min-w-0 flex-1 user-invalid:border-red-600 dark:user-invalid:border-red-400', className)}
      />
      <button
        type="button"
        onClick={openCalendar}
        className="rounded border border-zinc-300 px-2 text-zinc-700 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600 dark:border-zinc-600 dark:text-zinc-200 dark:hover:bg-zinc-800"
      >
        <svg aria-hidden="true" viewBox="0 0 16 16" className="h-4 w-4" fill="none" stroke="currentColor">
          <rect x="2" y="3" width="12" height="11" rx="1.5" />
          <path d="M2 6.5h12M5.5 1.5v3M10.5 1.5v3" />
        </svg>
        {/* Named by its text, not aria-label, so that finding a field by its label finds the field alone. */}
        <span className="sr-only">Calendar for {label}</span>
      </button>
      {/* The browser's calendar opens under the field; this input is never seen or reached by Tab. */}
      <input
        ref={nativeRef}
        name={name}
        type={withTime ? 'datetime-local' : 'date'}
        defaultValue={value === undefined ? start : undefined}
        tabIndex={-1}
        aria-hidden="true"
        title={label}
        className="pointer-events-none absolute bottom-0 left-0 h-px w-full opacity-0"
      />
    </span>
  );
}
