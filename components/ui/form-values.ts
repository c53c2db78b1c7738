/** A form's editable fields read and written as text, for drafts kept in this browser. */
export type Values = Record<string, string>;
type Named = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

function namedFields(form: HTMLFormElement, skip: ReadonlySet<string>): Named[] {
  return Array.from(form.elements).filter(
    (el): el is Named =>
      (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) &&
      el.name !== '' &&
      // Hidden fields carry ids, not typing; a file or a password is never kept.
      !['hidden', 'file', 'password'].includes(el.type) &&
      !skip.has(el.name),
  );
}

/** The form's editable fields as text, the way the browser would send them (a checkbox is "on" or ""). */
export function readValues(form: HTMLFormElement, skip: ReadonlySet<string> = new Set()): Values {
  const values: Values = {};
  for (const el of namedFields(form, skip)) {
    if (el instanceof HTMLInputElement && el.type === 'checkbox') values[el.name] = el.checked ? 'on' : '';
    else if (el instanceof HTMLInputElement && el.type === 'radio') {
      if (el.checked) values[el.name] = el.value;
    } else values[el.name] = el.value;
  }
  return values;
}

export function writeValue(form: HTMLFormElement, name: string, value: string, skip: ReadonlySet<string> = new Set()) {
  for (const el of namedFields(form, skip)) {
    if (el.name !== name) continue;
    if (el instanceof HTMLInputElement && el.type === 'checkbox') el.checked = value === 'on';
    else if (el instanceof HTMLInputElement && el.type === 'radio') el.checked = el.value === value;
    else el.value = value;
    // Counters and dependent fields listen for input; a value set from script fires none by itself.
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
  }
}

export const sameValues = (a: Values, b: Values) =>
  Object.keys(a).length === Object.keys(b).length && Object.keys(a).every((k) => a[k] === b[k]);

/** A JSON value kept in localStorage, or null when absent, unreadable or storage is off. */
export function readStored<T>(key: string): T | null {
  try {
    const raw = window.localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}
