import type { BoardTask } from './board-data';
import { type BoardFilter, matchesBoardFilter } from './filters';

/** How many cards a column draws at first, and how many more each "Show more" adds. */
export const COLUMN_PAGE = 20;

export type ColumnWindow = {
  /** The cards to draw, in column order. */
  cards: BoardTask[];
  /** Cards left out by the filters. */
  filtered: number;
  /** Matching cards past the window, drawn once the reader asks for more. */
  more: number;
  /** Every card in the column, drawn or not: what the WIP limit counts. */
  total: number;
  /** Effort of every card in the column, drawn or not. */
  points: number;
};

/**
 * The cards a column draws: the first `limit` of those matching the filters, and always the card being dragged,
 * so a card carried to the end of a long column stays on screen (and in dnd-kit's sortable list).
 */
export function columnWindow(
  all: readonly BoardTask[],
  filter: BoardFilter,
  limit: number,
  activeId: string | null,
): ColumnWindow {
  const cards: BoardTask[] = [];
  let matching = 0;
  let inWindow = 0;
  let drawnMatching = 0;
  let points = 0;
  for (const t of all) {
    points += t.effort;
    const matches = matchesBoardFilter(t, filter);
    if (matches) matching++;
    // The window is decided without the drag, so picking a card up never adds or drops a neighbour.
    const windowed = matches && inWindow < limit;
    if (windowed) inWindow++;
    if (!windowed && t.id !== activeId) continue;
    cards.push(t);
    if (matches) drawnMatching++;
  }
  return { cards, filtered: all.length - matching, more: matching - drawnMatching, total: all.length, points };
}
