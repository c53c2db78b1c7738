'use client';

import { type ReactNode, useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { ActionResult } from '@/server/action';
import { formatDay } from '@/lib/format';
import { ActionForm } from './action-form';
import { Button } from './button';
import { type Values, readStored, readValues, sameValues, writeValue } from './form-values';

type Draft = { version: number; base: Values; values: Values };
type FormAction = (prev: unknown, payload: FormData) => Promise<ActionResult<unknown>>;
/** One field both saves changed: the form values to write and what a person reads for each. */
type Choice = { field: string; label: string; mine: string; theirs: string; mineText: string; theirsText: string };

const RESERVED = new Set(['project', 'version', 'base']);

/** A stored value as the form field holds it (labels are a comma list, nothing is empty). */
function asFormValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'boolean') return value ? 'on' : '';
  return String(value);
}

/** What a person sees for a field's value: a select's option text rather than its id. */
function describeValue(form: HTMLFormElement | null, field: string, value: string): string {
  const el = form?.elements.namedItem(field);
  if (el instanceof HTMLSelectElement) return Array.from(el.options).find((o) => o.value === value)?.text ?? value;
  if (el instanceof HTMLInputElement && el.type === 'checkbox') return value === 'on' ? 'Yes' : 'No';
  if (el instanceof HTMLInputElement && el.type === 'date' && value !== '') return formatDay(value);
  return value === '' ? '(empty)' : value;
}

function labelOf(form: HTMLFormElement | null, field: string): string {
  const el = form?.elements.namedItem(field);
  const labelled =
    el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement ? el : null;
  // A date's named input is the out-of-sight native one (components/ui/date-input), named by its title.
  const text = labelled?.labels?.[0]?.textContent || labelled?.title;
  return text?.trim() || field;
}

/**
 * The one edit form for rows two people may change at once (tasks, risks, success metrics, sprints, report
 * narratives). What is typed is kept as a draft in this browser (keyed by user, project, entity and id) and
 * restored on return, with a prompt before leaving while it differs from what was loaded. Saves carry the
 * version and the values the form was loaded with, so the server merges fields changed by someone else
 * meanwhile (lib/edit-merge); where both changed the same field, both values are offered to choose from.
 */
export function EditForm({
  draft,
  version,
  action,
  hidden,
  label,
  submitLabel,
  children,
}: {
  draft: { user: string; project: string; entity: string; id: string };
  version: number;
  action: FormAction;
  hidden: Record<string, string | number>;
  label: string;
  submitLabel: string;
  children: ReactNode;
}) {
  const key = `runboard:draft:${draft.user}:${draft.project}:${draft.entity}:${draft.id}`;
  const wrapperRef = useRef<HTMLDivElement>(null);
  const hiddenNames = Object.keys(hidden).join(',');
  const skip = useMemo(() => new Set([...RESERVED, ...hiddenNames.split(',')]), [hiddenNames]);
  const [opened, setOpened] = useState({ key: 0, version });
  const [base, setBase] = useState<Values | null>(null);
  const [restored, setRestored] = useState(false);
  const [conflict, setConflict] = useState<Choice[] | null>(null);
  // The form mounts afresh after a save (to show what is stored now), so the saved message lives here.
  const [savedMessage, setSavedMessage] = useState<string | undefined>(undefined);
  const dirty = useRef(false);
  const chooserId = useId();
  const form = () => wrapperRef.current?.querySelector('form') ?? null;

  // Each time the form mounts: what it shows is the base, unless this browser holds an unsaved draft.
  const restoreOnMount = useCallback(
    (node: HTMLDivElement | null) => {
      const el = node?.querySelector('form');
      if (!el) return;
      const loaded = readValues(el, skip);
      const saved = readStored<Draft>(key);
      if (saved && !sameValues(saved.values, saved.base)) {
        for (const [name, value] of Object.entries(saved.values)) writeValue(el, name, value, skip);
        setBase(saved.base);
        setOpened((o) => ({ ...o, version: saved.version }));
        setRestored(true);
        dirty.current = true;
      } else {
        window.localStorage.removeItem(key);
        setBase(loaded);
        dirty.current = false;
      }
    },
    [key, skip, setBase, setOpened, setRestored],
  );

  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (!dirty.current) return;
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);

  const remember = () => {
    const el = form();
    if (!el || !base) return;
    const values = readValues(el, skip);
    dirty.current = !sameValues(values, base);
    if (dirty.current) window.localStorage.setItem(key, JSON.stringify({ version: opened.version, base, values }));
    else window.localStorage.removeItem(key);
  };

  const startOver = (nextVersion: number, message?: string) => {
    setSavedMessage(message);
    window.localStorage.removeItem(key);
    dirty.current = false;
    setRestored(false);
    setConflict(null);
    setBase(null);
    setOpened((o) => ({ key: o.key + 1, version: nextVersion }));
  };

  const choose = (field: string, value: string) => {
    const el = form();
    if (!el) return;
    writeValue(el, field, value, skip);
    remember();
  };

  return (
    <div ref={wrapperRef} className="flex flex-col gap-3" onInput={remember} onChange={remember}>
      {restored && (
        <div
          role="status"
          className="flex flex-wrap items-center gap-2 rounded-md border border-indigo-200 bg-indigo-50 px-3 py-2 text-sm text-indigo-950 dark:border-indigo-800 dark:bg-indigo-950 dark:text-indigo-100"
        >
          <span>Draft restored: your unsaved changes from this browser are back.</span>
          <Button variant="secondary" onClick={() => startOver(version)}>
            Discard draft
          </Button>
        </div>
      )}
      {conflict && (
        <div
          role="group"
          aria-label="Changed by both"
          className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
        >
          <p className="font-semibold">Someone else saved a different value in the same field. Choose which to keep:</p>
          {conflict.map((c) => {
            const name = `${chooserId}-${c.field}`;
            return (
              <fieldset key={c.field} className="mt-2">
                <legend className="font-medium">{c.label}</legend>
                <label className="mt-1 flex items-start gap-2">
                  <input type="radio" name={name} defaultChecked onChange={() => choose(c.field, c.mine)} />
                  <span className="min-w-0 whitespace-pre-wrap [overflow-wrap:anywhere]">Keep yours: {c.mineText}</span>
                </label>
                <label className="mt-1 flex items-start gap-2">
                  <input type="radio" name={name} onChange={() => choose(c.field, c.theirs)} />
                  <span className="min-w-0 whitespace-pre-wrap [overflow-wrap:anywhere]">
                    Keep theirs: {c.theirsText}
                  </span>
                </label>
              </fieldset>
            );
          })}
          <p className="mt-2">Your other changes are kept. Save again to apply your choices.</p>
        </div>
      )}
      <div key={opened.key} ref={restoreOnMount}>
        <ActionForm
          label={label}
          action={action}
          hidden={{ ...hidden, version: opened.version, base: JSON.stringify(base ?? {}) }}
          submitLabel={submitLabel}
          settledMessage={savedMessage}
          onSuccess={(data, message) => {
            const saved =
              typeof data === 'object' && data !== null && 'version' in data && typeof data.version === 'number'
                ? data.version
                : version;
            startOver(saved, message);
          }}
          onFailure={(result) => {
            const el = form();
            if (!result.conflict || !el || !base) return;
            const mine = readValues(el, skip);
            const stored = Object.fromEntries(
              Object.entries(result.conflict.current).map(([k, v]) => [k, asFormValue(v)]),
            );
            // Fields left as loaded take what is stored now; conflicting ones keep yours until you choose.
            for (const [field, value] of Object.entries(stored))
              if (mine[field] === base[field]) writeValue(el, field, value, skip);
            const nextBase = { ...base, ...stored };
            setBase(nextBase);
            setOpened((o) => ({ ...o, version: result.conflict!.version }));
            setConflict(
              result.conflict.fields.map(({ field }) => {
                const theirs = stored[field] ?? '';
                const yours = mine[field] ?? '';
                return {
                  field,
                  label: labelOf(el, field),
                  mine: yours,
                  theirs,
                  mineText: describeValue(el, field, yours),
                  theirsText: describeValue(el, field, theirs),
                };
              }),
            );
            const values = readValues(el, skip);
            window.localStorage.setItem(
              key,
              JSON.stringify({ version: result.conflict.version, base: nextBase, values }),
            );
          }}
        >
          {children}
        </ActionForm>
      </div>
    </div>
  );
}
