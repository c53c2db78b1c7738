// Draws Runboard's mark — a white rising chart line on an indigo rounded square — into public/:
// favicon.ico (one 32px PNG inside an ICO), apple-icon.png (180px) and the manifest's 192px and 512px icons.
// Run with `npx tsx scripts/make-icons.ts`; the outputs are committed.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';

const INDIGO = [79, 70, 229] as const; // Tailwind indigo-600, the app's accent.
const WHITE = [255, 255, 255] as const;
// The chart line in a unit square (y down), and its stroke width as a fraction of the side.
const LINE: [number, number][] = [
  [0.2, 0.68],
  [0.4, 0.5],
  [0.56, 0.6],
  [0.8, 0.3],
];
const STROKE = 0.09;
const RADIUS = 0.22;
const SAMPLES = 4; // Per axis: 16 samples per pixel smooth the edges.

function inRoundedSquare(x: number, y: number): boolean {
  const cx = Math.min(Math.max(x, RADIUS), 1 - RADIUS);
  const cy = Math.min(Math.max(y, RADIUS), 1 - RADIUS);
  return (x - cx) ** 2 + (y - cy) ** 2 <= RADIUS ** 2;
}

function distanceToSegment(x: number, y: number, [ax, ay]: [number, number], [bx, by]: [number, number]): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

function onLine(x: number, y: number): boolean {
  for (let i = 1; i < LINE.length; i++) if (distanceToSegment(x, y, LINE[i - 1]!, LINE[i]!) <= STROKE / 2) return true;
  return false;
}

function drawIcon(size: number): Buffer {
  const png = new PNG({ width: size, height: size });
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let square = 0;
      let line = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const x = (px + (sx + 0.5) / SAMPLES) / size;
          const y = (py + (sy + 0.5) / SAMPLES) / size;
          if (!inRoundedSquare(x, y)) continue;
          square++;
          if (onLine(x, y)) line++;
        }
      }
      const n = SAMPLES * SAMPLES;
      const mix = square ? line / square : 0;
      const i = (py * size + px) * 4;
      for (let c = 0; c < 3; c++) png.data[i + c] = Math.round(INDIGO[c]! * (1 - mix) + WHITE[c]! * mix);
      png.data[i + 3] = Math.round((255 * square) / n);
    }
  }
  return PNG.sync.write(png);
}

/** An ICO file holding one PNG image (supported by every current browser). */
function icoFromPng(png: Buffer, size: number): Buffer {
  const header = Buffer.alloc(6 + 16);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(1, 4); // one image
  header.writeUInt8(size >= 256 ? 0 : size, 6); // width (0 means 256)
  header.writeUInt8(size >= 256 ? 0 : size, 7); // height
  header.writeUInt8(0, 8); // no palette
  header.writeUInt8(0, 9); // reserved
  header.writeUInt16LE(1, 10); // colour planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(png.length, 14); // image size
  header.writeUInt32LE(header.length, 18); // image offset
  return Buffer.concat([header, png]);
}

const out = join(import.meta.dirname, '..', 'public');
writeFileSync(join(out, 'favicon.ico'), icoFromPng(drawIcon(32), 32));
writeFileSync(join(out, 'apple-icon.png'), drawIcon(180));
writeFileSync(join(out, 'icon-192.png'), drawIcon(192));
writeFileSync(join(out, 'icon-512.png'), drawIcon(512));
