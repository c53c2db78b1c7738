import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing';

// Fractional order keys: a moved card gets a key between its neighbours' keys, so no other row is ever
// renumbered. Keys are ASCII (0-9, A-Z, a-z), so JavaScript's code-unit order is byte order, which is
// what Postgres uses for the column declared `COLLATE "C"`; any other collation would sort "a0" and "Zz"
// differently from the library.

export type Ranked = { id: string; sortKey: string };

/** Where a moved item should land: right after `afterId`, or right before `beforeId` (ids in the target column). */
export type MoveAnchor = { afterId?: string | null; beforeId?: string | null };

export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function keyBetween(lower: string | null, upper: string | null): string {
  if (lower !== null && upper !== null && compareKeys(lower, upper) >= 0) {
    throw new Error(`Order keys must be increasing: "${lower}" is not before "${upper}".`);
  }
  return generateKeyBetween(lower, upper);
}

/** `n` increasing keys after `last` (or from the start when null). */
export function keysAfter(last: string | null, n: number): string[] {
  return generateNKeysBetween(last, null, n);
}

/** `n` increasing keys that all sort before `first`. */
export function keysBefore(first: string | null, n: number): string[] {
  return generateNKeysBetween(null, first, n);
}

export type Placement = { lower: string | null; upper: string | null; placed: 'after' | 'before' | 'end' };

/**
 * The neighbours a moved item lands between, read from the column as it is now (the moved item left out,
 * items in key order). The anchor is one neighbour the mover saw; the other neighbour is whatever is next
 * to it now, so two people dropping into the same gap at once both land, one after the other, with
 * distinct keys. An anchor that has meanwhile left the column falls back to the other one, then to the end.
 */
export function placementIn(column: readonly Ranked[], anchor: MoveAnchor): Placement {
  if (anchor.afterId) {
    const i = column.findIndex((t) => t.id === anchor.afterId);
    if (i >= 0) return { lower: column[i]!.sortKey, upper: column[i + 1]?.sortKey ?? null, placed: 'after' };
  }
  if (anchor.beforeId) {
    const j = column.findIndex((t) => t.id === anchor.beforeId);
    if (j >= 0) return { lower: column[j - 1]?.sortKey ?? null, upper: column[j]!.sortKey, placed: 'before' };
  }
  return { lower: column.at(-1)?.sortKey ?? null, upper: null, placed: 'end' };
}

export function keyForMove(column: readonly Ranked[], anchor: MoveAnchor): string {
  const { lower, upper } = placementIn(column, anchor);
  return keyBetween(lower, upper);
}

export function sortByKey<T extends Ranked>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => compareKeys(a.sortKey, b.sortKey) || compareKeys(a.id, b.id));
}

/**
 * The same move applied to a local copy of the board (for optimistic UI): the item leaves its column and
 * lands in `toColumn` with the key the server would compute from the same neighbours.
 */
export function applyMove<T extends Ranked, C extends string>(
  columns: Readonly<Record<C, readonly T[]>>,
  itemId: string,
  toColumn: NoInfer<C>,
  anchor: MoveAnchor,
  patch: (item: T, column: C, sortKey: string) => T,
): Record<C, T[]> {
  const out = {} as Record<C, T[]>;
  let moving: T | undefined;
  for (const key of Object.keys(columns) as C[]) {
    out[key] = columns[key].filter((t) => {
      if (t.id !== itemId) return true;
      moving = t;
      return false;
    });
  }
  if (!moving) return out;
  const target = out[toColumn] ?? [];
  const sortKey = keyForMove(target, anchor);
  out[toColumn] = sortByKey([...target, patch(moving, toColumn, sortKey)]);
  return out;
}

export type Prioritisable = { id: string; priority: number; effort: number; sortKey: string };

/**
 * "Prioritise" as the seed's comment means it: priority ascending (1 = most urgent), then LOWER effort
 * first. The seed's code sorts by `-estimate_effort`, which puts the biggest task first; we do what the
 * comment says. Ties keep their current order.
 */
export function comparePriority(a: Prioritisable, b: Prioritisable): number {
  return a.priority - b.priority || a.effort - b.effort || compareKeys(a.sortKey, b.sortKey) || compareKeys(a.id, b.id);
}

export function prioritise<T extends Prioritisable>(items: readonly T[]): T[] {
  return [...items].sort(comparePriority);
}

/**
 * Undo of a reorder: the items named in `previous` go back into the slots they hold now, in the order
 * `previous` lists them. Items added since keep their place; ids that have left the column are ignored.
 */
export function restoreOrder<T extends Ranked>(current: readonly T[], previous: readonly string[]): T[] {
  const at = new Map(previous.map((id, i) => [id, i]));
  const restored = current.filter((t) => at.has(t.id)).sort((a, b) => at.get(a.id)! - at.get(b.id)!);
  let next = 0;
  return current.map((t) => (at.has(t.id) ? restored[next++]! : t));
}

/**
 * The neighbour a re-ranked row lands next to, from the list as it looks after the drop: the row above
 * when it is in the same column, else the row below; null when the drop leaves the row among another
 * column's rows (a rank only orders a column).
 */
export function rankAnchor(list: ReadonlyArray<{ id: string; status: string }>, movedId: string): MoveAnchor | null {
  const i = list.findIndex((t) => t.id === movedId);
  const moved = list[i];
  if (!moved) return null;
  const above = list[i - 1];
  const below = list[i + 1];
  if (above?.status === moved.status) return { afterId: above.id };
  if (below?.status === moved.status) return { beforeId: below.id };
  return null;
}
