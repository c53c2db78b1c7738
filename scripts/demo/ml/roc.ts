import { PNG } from 'pngjs';

// The ROC curve of a binary classifier's scores, and a PNG of it drawn point by point into a pixel buffer
// (pngjs encodes it): no canvas, no native dependency.

export type RocPoint = { fpr: number; tpr: number; threshold: number };

/**
 * One point per distinct score, from the strictest threshold (nothing positive) to the loosest (everything
 * positive); tied scores move together, as scikit-learn's roc_curve does. AUC by the trapezoidal rule.
 */
export function rocCurve(labels: readonly number[], scores: readonly number[]): { points: RocPoint[]; auc: number } {
  if (labels.length !== scores.length) throw new RangeError('Expected one score per label.');
  const positives = labels.filter((y) => y === 1).length;
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) throw new RangeError('A ROC curve needs both classes.');
  const order = scores.map((s, i) => [s, labels[i]!] as const).sort((a, b) => b[0] - a[0]);
  const points: RocPoint[] = [{ fpr: 0, tpr: 0, threshold: Infinity }];
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < order.length; i++) {
    if (order[i]![1] === 1) tp++;
    else fp++;
    if (i === order.length - 1 || order[i + 1]![0] !== order[i]![0])
      points.push({ fpr: fp / negatives, tpr: tp / positives, threshold: order[i]![0] });
  }
  let auc = 0;
  for (let i = 1; i < points.length; i++)
    auc += ((points[i]!.fpr - points[i - 1]!.fpr) * (points[i]!.tpr + points[i - 1]!.tpr)) / 2;
  return { points, auc };
}

type Rgb = readonly [number, number, number];
const WHITE: Rgb = [255, 255, 255];
const GRID: Rgb = [226, 229, 234];
const AXIS: Rgb = [55, 65, 81];
const CHANCE: Rgb = [156, 163, 175];
const CURVE: Rgb = [37, 99, 235];
const POINT: Rgb = [234, 88, 12];

// 3×5 glyphs for the tick labels, one row of three bits per line, top first.
const GLYPHS: Record<string, number[]> = {
  '0': [7, 5, 5, 5, 7],
  '1': [2, 6, 2, 2, 7],
  '2': [7, 1, 7, 4, 7],
  '4': [5, 5, 7, 1, 1],
  '6': [7, 4, 7, 5, 7],
  '8': [7, 5, 7, 5, 7],
  '.': [0, 0, 0, 0, 2],
};

class Canvas {
  readonly png: PNG;
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.png = new PNG({ width, height, colorType: 2 });
    this.fill(0, 0, width, height, WHITE);
  }
  set(x: number, y: number, [r, g, b]: Rgb) {
    x = Math.round(x);
    y = Math.round(y);
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    const i = (y * this.width + x) * 4;
    this.png.data[i] = r;
    this.png.data[i + 1] = g;
    this.png.data[i + 2] = b;
    this.png.data[i + 3] = 255;
  }
  fill(x0: number, y0: number, w: number, h: number, color: Rgb) {
    for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) this.set(x, y, color);
  }
  /** A line `width` pixels thick; `dash` > 0 draws dash-long pieces with equal gaps. */
  line(x0: number, y0: number, x1: number, y1: number, color: Rgb, width = 1, dash = 0) {
    const steps = Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0)));
    const r = Math.floor(width / 2);
    for (let s = 0; s <= steps; s++) {
      if (dash && Math.floor(s / dash) % 2 === 1) continue;
      const x = x0 + ((x1 - x0) * s) / steps;
      const y = y0 + ((y1 - y0) * s) / steps;
      this.fill(Math.round(x) - r, Math.round(y) - r, width, width, color);
    }
  }
  text(x: number, y: number, s: string, color: Rgb, scale = 2) {
    for (const ch of s) {
      GLYPHS[ch]?.forEach((bits, row) => {
        for (let col = 0; col < 3; col++)
          if (bits & (4 >> col)) this.fill(x + col * scale, y + row * scale, scale, scale, color);
      });
      x += 4 * scale;
    }
  }
}

/** A 420×400 PNG: grid at 0.2 steps, the chance diagonal dashed, the curve and the 0.5-threshold point marked. */
export function renderRocPng(points: readonly RocPoint[], operatingPoint?: { fpr: number; tpr: number }): Buffer {
  const width = 420;
  const height = 400;
  const left = 56;
  const top = 20;
  const size = 340;
  const c = new Canvas(width, height);
  const px = (fpr: number) => left + fpr * size;
  const py = (tpr: number) => top + (1 - tpr) * size;
  for (let i = 0; i <= 5; i++) {
    const v = i / 5;
    c.line(px(v), py(0), px(v), py(1), GRID);
    c.line(px(0), py(v), px(1), py(v), GRID);
    const label = v === 0 || v === 1 ? String(v) : v.toFixed(1);
    c.text(px(v) - label.length * 4 + 1, py(0) + 8, label, AXIS);
    c.text(px(0) - label.length * 8 - 6, py(v) - 5, label, AXIS);
  }
  c.line(px(0), py(0), px(1), py(1), CHANCE, 1, 6);
  c.line(px(0), py(0), px(1), py(0), AXIS, 2);
  c.line(px(0), py(0), px(0), py(1), AXIS, 2);
  for (let i = 1; i < points.length; i++)
    c.line(px(points[i - 1]!.fpr), py(points[i - 1]!.tpr), px(points[i]!.fpr), py(points[i]!.tpr), CURVE, 3);
  if (operatingPoint) c.fill(px(operatingPoint.fpr) - 4, py(operatingPoint.tpr) - 4, 9, 9, POINT);
  return PNG.sync.write(c.png, { colorType: 2 });
}
