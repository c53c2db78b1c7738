export type FieldChanges = Record<string, { from: unknown; to: unknown }>;

function normalise(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  return value ?? null;
}

/** Field-level changes between two versions of a record; only keys present in `after` are compared. */
export function diffFields(before: Record<string, unknown> | null, after: Record<string, unknown>): FieldChanges {
  const changes: FieldChanges = {};
  for (const [key, raw] of Object.entries(after)) {
    const to = normalise(raw);
    const from = before ? normalise(before[key]) : null;
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[key] = { from, to };
  }
  return changes;
}
