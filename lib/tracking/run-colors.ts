import type { RunApproach } from './vocabulary';

// 20 hues that stay apart from each other and readable on white and on zinc-900 (Tableau 20, darkened
// light tints so thin lines keep ≥ 3:1 contrast on both themes).
export const RUN_PALETTE = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
  '#3b5ba5',
  '#e6550d',
  '#31a354',
  '#c51b7d',
  '#756bb1',
  '#a0522d',
  '#f768a1',
  '#4d9221',
  '#b8860b',
  '#0e8a8a',
] as const;

/** The colour of the n-th run; past the palette, hues step by the golden angle so neighbours never match. */
export function runColor(index: number): string {
  if (index >= 0 && index < RUN_PALETTE.length) return RUN_PALETTE[index]!;
  const hue = Math.round((index * 137.508) % 360);
  return `hsl(${hue} 65% 45%)`;
}

/** Colours by position in the given order (the order of the compare URL), so a link shows the same colours. */
export function assignRunColors(runIds: readonly string[]): Map<string, string> {
  return new Map(runIds.map((id, i) => [id, runColor(i)]));
}

type ApproachKey = RunApproach | 'none';
const key = (a: RunApproach | null | undefined): ApproachKey => a ?? 'none';

// Approaches are told apart by line pattern and marker shape as well as by badge, never by colour alone.
const DASH: Record<ApproachKey, string | undefined> = {
  'model-centric': undefined,
  'data-centric': '7 4',
  hybrid: '2 3',
  none: '12 3 2 3',
};
const SHAPE: Record<ApproachKey, 'circle' | 'triangle' | 'square' | 'diamond'> = {
  'model-centric': 'circle',
  'data-centric': 'triangle',
  hybrid: 'square',
  none: 'diamond',
};

export const approachDash = (a: RunApproach | null | undefined) => DASH[key(a)];
export const approachShape = (a: RunApproach | null | undefined) => SHAPE[key(a)];

export const APPROACH_LABELS: Record<ApproachKey, string> = {
  'data-centric': 'Data-centric',
  'model-centric': 'Model-centric',
  hybrid: 'Hybrid',
  none: 'No approach',
};
export const approachLabel = (a: RunApproach | null | undefined) => APPROACH_LABELS[key(a)];
