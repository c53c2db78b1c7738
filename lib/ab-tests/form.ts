import type { FieldErrors } from '@/lib/validation';
import { type AbTestDefinition, abTestDefinitionSchema } from './definition';

// The create form's fields → the API's definition, and the definition's error paths → the form's fields,
// so a bad weight shows under that version's weight input.

type Raw = Record<string, unknown>;
export type ParsedForm =
  { ok: true; def: AbTestDefinition; start: boolean } | { ok: false; message: string; fieldErrors: FieldErrors };

const text = (v: unknown) => (typeof v === 'string' ? v : '');
const list = (v: unknown) => (Array.isArray(v) ? v : v === undefined ? [] : [v]).map(text).filter(Boolean);
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Versions in variant order: the control first, then the others as listed. */
function orderedVersions(raw: Raw): string[] {
  const chosen = list(raw.variants);
  const control = text(raw.control);
  return chosen.includes(control) ? [control, ...chosen.filter((v) => v !== control)] : chosen;
}

function guardrailRows(raw: Raw): number[] {
  const rows = new Set<number>();
  for (const key of Object.keys(raw)) {
    const m = /^guardrails\.(\d{1,2})\.name$/.exec(key);
    if (m && text(raw[key]).trim()) rows.add(Number(m[1]));
  }
  return [...rows].sort((a, b) => a - b);
}

/** Where an error about `path` (e.g. "variants.1.weight", "metrics.2.kind") belongs in the form. */
export function formFieldFor(path: string, versions: readonly string[], guardrails: readonly number[]): string {
  const [head, index, leaf] = path.split('.');
  if (head === 'variants')
    return leaf === 'weight' && index !== undefined && versions[Number(index)]
      ? `weight.${versions[Number(index)]}`
      : 'variants';
  if (head === 'metrics') {
    if (index === undefined || index === '0') return `primary${capital(leaf ?? 'name')}`;
    const row = guardrails[Number(index) - 1];
    return row === undefined ? 'primaryName' : `guardrails.${row}.${leaf ?? 'name'}`;
  }
  return head ?? '_';
}

export function parseAbTestForm(raw: Raw): ParsedForm & { versions: string[]; guardrails: number[] } {
  const versions = orderedVersions(raw);
  const guardrails = guardrailRows(raw);
  const candidate = {
    name: text(raw.name),
    description: text(raw.description),
    model: text(raw.model),
    variants: versions.map((v) => ({ version: v, weight: text(raw[`weight.${v}`]) || undefined })),
    metrics: [
      {
        name: text(raw.primaryName),
        kind: text(raw.primaryKind),
        direction: text(raw.primaryDirection),
        guardrail: false,
      },
      ...guardrails.map((i) => ({
        name: text(raw[`guardrails.${i}.name`]),
        kind: text(raw[`guardrails.${i}.kind`]),
        direction: text(raw[`guardrails.${i}.direction`]),
        guardrail: true,
      })),
    ],
  };
  const parsed = abTestDefinitionSchema.safeParse(candidate);
  if (parsed.success)
    return { ok: true, def: parsed.data, start: raw.start === 'on' || raw.start === 'true', versions, guardrails };
  const fieldErrors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = formFieldFor(issue.path.map(String).join('.'), versions, guardrails);
    (fieldErrors[field] ??= []).push(issue.message);
  }
  return {
    ok: false,
    message: parsed.error.issues[0]?.message ?? 'Check the form.',
    fieldErrors,
    versions,
    guardrails,
  };
}
