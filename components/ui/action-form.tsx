'use client';

import {
  type FormEvent,
  type ReactNode,
  type RefObject,
  createContext,
  useActionState,
  useCallback,
  useContext,
  useEffect,
  useEffectEvent,
  useId,
  useRef,
  useState,
  startTransition,
} from 'react';
import type { ActionResult } from '@/server/action';
import { Button } from './button';
import { cn } from './cn';
import { DateInput } from './date-input';
import { useDialog } from './dialog';
import { type Values, readStored, readValues, sameValues, writeValue } from './form-values';

type FormAction = (prev: unknown, payload: FormData) => Promise<ActionResult<unknown>>;
const ErrorsContext = createContext<Record<string, string[]> | undefined>(undefined);

/**
 * A form bound to a server action: pending state, field errors under each field, and the
 * outcome announced in an aria-live region. Hidden fields carry ids (e.g. the project slug).
 */
export function ActionForm({
  action,
  hidden,
  submitLabel,
  submitVariant = 'primary',
  children,
  className,
  resetOnSuccess = false,
  successMessage,
  settledMessage,
  renderSuccess,
  onSuccess,
  onFailure,
  confirm,
  label,
}: {
  action: FormAction;
  /** Accessible name; makes the form a landmark that tests and screen readers can find. */
  label?: string;
  hidden?: Record<string, string | number>;
  submitLabel: string;
  submitVariant?: 'primary' | 'secondary' | 'danger' | 'ghost';
  children?: ReactNode;
  className?: string;
  resetOnSuccess?: boolean;
  successMessage?: string;
  /**
   * A success to announce before anything is submitted here: the outcome of a save after which the owner
   * mounted this form afresh (EditForm does, to show the stored values), which would otherwise lose it.
   */
  settledMessage?: string;
  /** Draws the outcome of a success from the action's data, e.g. a link to what was made. */
  renderSuccess?: (data: unknown) => ReactNode;
  /** Sees a success with the message this form announces for it. */
  onSuccess?: (data: unknown, message?: string) => void;
  /** Sees a refusal as the server sent it (e.g. a conflict carrying the other person's values). */
  onFailure?: (result: Extract<ActionResult<unknown>, { ok: false }>) => void;
  confirm?: string;
}) {
  const [state, formAction, pending] = useActionState<ActionResult<unknown> | null, FormData>(action, null);
  const formRef = useRef<HTMLFormElement>(null);
  const dialog = useDialog();
  const { attach, restored, remember, clearDraft, discardDraft } = useCreateDraft(dialog?.draftKey, formRef);
  const succeeded = useEffectEvent((data: unknown, message?: string) => {
    clearDraft();
    if (resetOnSuccess || dialog?.staysOpen) formRef.current?.reset();
    // Ready for the next one: the dialog stays open with the cursor in its first field.
    if (dialog?.staysOpen)
      formRef.current?.querySelector<HTMLElement>('input:not([type="hidden"]), textarea, select')?.focus();
    onSuccess?.(data, message ?? successMessage);
    dialog?.finish(message ?? successMessage);
  });
  const failed = useEffectEvent((result: Extract<ActionResult<unknown>, { ok: false }>) => onFailure?.(result));
  useEffect(() => {
    if (state?.ok) succeeded(state.data, state.message);
    else if (state) failed(state);
  }, [state]);
  const message = state ? (state.ok ? (state.message ?? successMessage) : state.message) : settledMessage;
  const succeededNow = state ? state.ok : settledMessage !== undefined;
  return (
    <form
      ref={attach}
      aria-label={label}
      action={formAction}
      className={cn('flex flex-col gap-3', className)}
      onInput={remember}
      onChange={remember}
      onSubmit={(e) => {
        // Submitting by hand keeps what the person typed when the server answers with errors
        // (React resets a form after an action it submitted itself).
        e.preventDefault();
        if (confirm && !window.confirm(confirm)) return;
        const data = new FormData(e.currentTarget);
        startTransition(() => formAction(data));
      }}
    >
      {restored && (
        <p role="status" className="flex flex-wrap items-center gap-2 text-sm text-indigo-900 dark:text-indigo-200">
          Draft restored: what you typed here before is back.
          <Button variant="ghost" onClick={discardDraft}>
            Discard draft
          </Button>
        </p>
      )}
      {Object.entries(hidden ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <ErrorsContext.Provider value={state && !state.ok ? state.fieldErrors : undefined}>
        {children}
      </ErrorsContext.Provider>
      <div className="flex items-center gap-3">
        <Button type="submit" variant={submitVariant} disabled={pending}>
          {pending ? 'Working…' : submitLabel}
        </Button>
        <p
          aria-live="polite"
          role={state && !state.ok ? 'alert' : 'status'}
          className={cn(
            'text-sm',
            succeededNow ? 'text-emerald-700 dark:text-emerald-400' : 'text-red-700 dark:text-red-400',
          )}
        >
          {state?.ok && renderSuccess ? renderSuccess(state.data) : message}
        </p>
      </div>
    </form>
  );
}

/**
 * Keeps what is typed into a creation form as a draft under `key` (none without a key): restored when the form
 * mounts again (the dialog reopened, the page reloaded), cleared once the form is sent or the draft discarded.
 */
function useCreateDraft(key: string | undefined, formRef: RefObject<HTMLFormElement | null>) {
  const [restored, setRestored] = useState(false);
  const blank = useRef<Values | null>(null);
  const attach = useCallback(
    (form: HTMLFormElement | null) => {
      formRef.current = form;
      if (!form || !key) return;
      blank.current = readValues(form);
      const saved = readStored<Values>(key);
      if (!saved) return;
      for (const [name, value] of Object.entries(saved)) writeValue(form, name, value);
      setRestored(true);
    },
    [key, formRef],
  );
  const remember = () => {
    const form = formRef.current;
    if (!key || !form || !blank.current) return;
    const values = readValues(form);
    if (sameValues(values, blank.current)) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, JSON.stringify(values));
  };
  const clearDraft = () => {
    if (key) window.localStorage.removeItem(key);
    setRestored(false);
  };
  const discardDraft = () => {
    formRef.current?.reset();
    clearDraft();
  };
  return { attach, restored, remember, clearDraft, discardDraft };
}

const inputClass =
  'w-full rounded-md border border-zinc-300 bg-white px-2.5 py-1.5 text-sm text-zinc-900 placeholder:text-zinc-500 focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-100 dark:placeholder:text-zinc-400';

type FieldProps = {
  name: string;
  label: string;
  hint?: string;
  type?: string;
  defaultValue?: string | number;
  required?: boolean;
  multiline?: boolean;
  options?: ReadonlyArray<{ value: string; label: string }>;
  autoComplete?: string;
  placeholder?: string;
  /** The server's limit for this text (lib/text-limits): sets maxlength and shows a live counter. */
  maxLength?: number;
  /** Values offered in a list as the person types (a combobox); any other value can still be typed. */
  suggestions?: readonly string[];
  /** A controlled input: the value and what typing does with it (instead of defaultValue). */
  value?: string;
  onValueChange?: (value: string) => void;
};

/** The server's errors for one field name, for inputs Field does not draw (checkbox groups, radios). */
export function useFieldErrors(name: string): string[] | undefined {
  return useContext(ErrorsContext)?.[name];
}

/** A labelled input whose server-side errors appear beneath it and are tied to it for screen readers. */
export function Field({
  name,
  label,
  hint,
  type = 'text',
  defaultValue,
  required,
  multiline,
  options,
  autoComplete,
  placeholder,
  maxLength,
  suggestions,
  value,
  onValueChange,
}: FieldProps) {
  const id = useId();
  const errors = useContext(ErrorsContext)?.[name];
  const [length, setLength] = useState(String(defaultValue ?? '').length);
  const describedBy =
    [hint ? `${id}-hint` : null, maxLength ? `${id}-count` : null, errors ? `${id}-error` : null]
      .filter(Boolean)
      .join(' ') || undefined;
  const common = {
    id,
    name,
    required,
    defaultValue,
    'aria-invalid': errors ? true : undefined,
    'aria-describedby': describedBy,
    className: inputClass,
  };
  const limit = {
    maxLength,
    // onInput rather than onChange: it also sees values a restored draft writes into the field.
    onInput: maxLength
      ? (e: FormEvent<HTMLInputElement | HTMLTextAreaElement>) => setLength(e.currentTarget.value.length)
      : undefined,
    // A form reset (after a success, or a discarded draft) puts the default back without an input event.
    ref: maxLength
      ? (el: HTMLInputElement | HTMLTextAreaElement | null) => {
          const form = el?.form;
          if (!form) return;
          const onReset = () => setLength(String(defaultValue ?? '').length);
          form.addEventListener('reset', onReset);
          return () => form.removeEventListener('reset', onReset);
        }
      : undefined,
  };
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-zinc-800 dark:text-zinc-200">
        {label}
      </label>
      {options ? (
        <select {...common}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      ) : type === 'date' || type === 'datetime-local' ? (
        <DateInput
          {...common}
          label={label}
          defaultValue={defaultValue === undefined ? undefined : String(defaultValue)}
          withTime={type === 'datetime-local'}
        />
      ) : multiline ? (
        <textarea {...common} {...limit} rows={4} placeholder={placeholder} />
      ) : (
        <input
          {...common}
          {...limit}
          {...(onValueChange ? { value, onChange: (e) => onValueChange(e.target.value) } : {})}
          type={type}
          autoComplete={suggestions ? 'off' : autoComplete}
          placeholder={placeholder}
          list={suggestions ? `${id}-suggestions` : undefined}
        />
      )}
      {suggestions && (
        <datalist id={`${id}-suggestions`}>
          {suggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      )}
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-zinc-600 dark:text-zinc-400">
          {hint}
        </p>
      )}
      {maxLength && (
        <p
          id={`${id}-count`}
          className={cn(
            'self-end text-xs tabular-nums',
            length >= maxLength ? 'text-amber-800 dark:text-amber-300' : 'text-zinc-600 dark:text-zinc-400',
          )}
        >
          {length.toLocaleString('en-US')} / {maxLength.toLocaleString('en-US')} characters
        </p>
      )}
      {errors && (
        <p id={`${id}-error`} className="text-xs text-red-700 dark:text-red-400">
          {errors.join(' ')}
        </p>
      )}
    </div>
  );
}
