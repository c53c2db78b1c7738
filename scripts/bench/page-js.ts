// JavaScript each page loads first, compressed, read from the production build (`next build`): the framework's
// root chunks plus every chunk the page's client-reference manifest lists for its layouts, boundaries and page.
// Chunks imported with next/dynamic are not listed there: they load only when rendered, which is the point.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { type Figure, printTable } from '../lib/util';

export const PAGE_JS_TARGET_KIB = 200;

type RscManifest = Record<string, { entryJSFiles: Record<string, string[]> }>;

function findManifests(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return findManifests(p);
    return e.name === 'page_client-reference-manifest.js' ? [p] : [];
  });
}

/** Each app page's first-load JavaScript in gzip KiB, largest first. */
export function pageJsSizes(root = process.cwd()): Array<{ page: string; kib: number }> {
  const next = path.join(root, '.next');
  const build = JSON.parse(fs.readFileSync(path.join(next, 'build-manifest.json'), 'utf8')) as {
    rootMainFiles: string[];
  };
  const gz = new Map<string, number>();
  const size = (file: string) => {
    let n = gz.get(file);
    if (n === undefined) {
      n = gzipSync(fs.readFileSync(path.join(next, file))).length;
      gz.set(file, n);
    }
    return n;
  };
  const holder = globalThis as { self?: unknown; __RSC_MANIFEST?: RscManifest };
  holder.self = globalThis;
  return findManifests(path.join(next, 'server', 'app'))
    .map((file) => {
      holder.__RSC_MANIFEST = {};
      // The manifest is a script that assigns itself to globalThis.__RSC_MANIFEST.
      new Function(fs.readFileSync(file, 'utf8'))();
      const [page, manifest] = Object.entries(holder.__RSC_MANIFEST)[0]!;
      const files = new Set([...build.rootMainFiles, ...Object.values(manifest.entryJSFiles).flat()]);
      const bytes = [...files].reduce((sum, f) => sum + size(f), 0);
      return { page: page.replace(/\/page$/, '') || '/', kib: bytes / 1024 };
    })
    .sort((a, b) => b.kib - a.kib);
}

export function pageJsFigures(root = process.cwd()): Figure[] {
  return pageJsSizes(root).map(({ page, kib }) => ({
    name: `JS first load ${page}`,
    measured: `${kib.toFixed(0)} KiB gzip`,
    baseline: '—',
    ratio: '—',
    target: `< ${PAGE_JS_TARGET_KIB} KiB`,
    pass: kib < PAGE_JS_TARGET_KIB,
  }));
}

/** The heaviest page as one figure (every page's size goes to the log). */
export function pageJsFigure(log: (line: string) => void, root = process.cwd()): Figure {
  const sizes = pageJsSizes(root);
  for (const { page, kib } of sizes) log(`  ${kib.toFixed(0).padStart(4)} KiB  ${page}`);
  const heaviest = sizes[0]!;
  return {
    name: `10 JS first load, heaviest of ${sizes.length} pages (${heaviest.page})`,
    measured: `${heaviest.kib.toFixed(0)} KiB gzip`,
    baseline: '—',
    ratio: '—',
    target: `< ${PAGE_JS_TARGET_KIB} KiB`,
    pass: heaviest.kib < PAGE_JS_TARGET_KIB,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const figures = pageJsFigures();
  console.log(printTable(figures));
  process.exitCode = figures.every((f) => f.pass) ? 0 : 1;
}
