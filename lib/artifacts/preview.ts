// How the artifact browser shows a file, decided by its name (MLflow's UI does the same), and the headers
// the raw-file route serves it with. User files never render as HTML or SVG on Runboard's origin: only raster
// images are served inline; everything else is an attachment under a sandboxing CSP.
import { parseCsv } from '@/lib/datasets/profile';

export type PreviewKind = 'image' | 'json' | 'yaml' | 'csv' | 'tsv' | 'markdown' | 'text' | 'other';

/** Raster formats browsers decode without running anything; SVG is deliberately absent (it can carry script). */
export const INLINE_IMAGE_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
};

const TEXT_EXTENSIONS = new Set([
  'txt',
  'log',
  'out',
  'err',
  'py',
  'r',
  'sh',
  'cfg',
  'ini',
  'toml',
  'conf',
  'sql',
  'ipynb',
  'xml',
  'html',
  'htm',
  'svg',
  'js',
  'ts',
  'css',
  'env',
  'requirements',
  'lock',
  'pbtxt',
]);

const extensionOf = (name: string) => {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
};
const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

export function previewKindOf(path: string): PreviewKind {
  const ext = extensionOf(path);
  if (baseName(path) === 'MLmodel') return 'yaml';
  if (ext in INLINE_IMAGE_TYPES) return 'image';
  if (ext === 'json') return 'json';
  if (ext === 'yaml' || ext === 'yml') return 'yaml';
  if (ext === 'csv') return 'csv';
  if (ext === 'tsv') return 'tsv';
  if (ext === 'md' || ext === 'markdown') return 'markdown';
  if (TEXT_EXTENSIONS.has(ext) || ext === '') return 'text';
  return 'other';
}

/** The Content-Type a raw artifact is served with: raster images as themselves, text as plain text, the rest as bytes. */
export function servedContentType(path: string): string {
  const image = INLINE_IMAGE_TYPES[extensionOf(path)];
  if (image) return image;
  const kind = previewKindOf(path);
  if (kind === 'csv') return 'text/csv; charset=utf-8';
  if (kind === 'json') return 'application/json; charset=utf-8';
  return kind === 'other' ? 'application/octet-stream' : 'text/plain; charset=utf-8';
}

/** `attachment` or `inline` with the file name, ASCII fallback plus RFC 5987 UTF-8 form. */
export function contentDisposition(type: 'attachment' | 'inline', fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** Headers every raw-artifact response carries, whatever the file: nothing in it may run on this origin. */
export function rawArtifactHeaders(path: string, opts: { download: boolean; size?: number }): Record<string, string> {
  const inline = !opts.download && extensionOf(path) in INLINE_IMAGE_TYPES;
  return {
    'content-type': servedContentType(path),
    'content-disposition': contentDisposition(inline ? 'inline' : 'attachment', baseName(path) || 'artifact'),
    'x-content-type-options': 'nosniff',
    'content-security-policy': "sandbox; default-src 'none'",
    'cache-control': 'private, no-store',
    ...(opts.size !== undefined ? { 'content-length': String(opts.size) } : {}),
  };
}

/** The name a zip of `path` under `rootName` is downloaded as. */
export const zipFileName = (rootName: string, path: string) =>
  `${[rootName, ...(path ? path.split('/') : [])].join('-').replace(/[^\w.-]+/g, '_')}.zip`;

/**
 * The first rows of CSV (RFC 4180, via the datasets parser) or TSV text; when the file was cut short its
 * partial last line is dropped. Null when the text is not valid CSV (an unterminated quote).
 */
export function parseDelimited(text: string, delimiter: ',' | '\t', truncated: boolean, maxRows: number) {
  const body = truncated ? text.slice(0, Math.max(0, text.lastIndexOf('\n'))) : text;
  if (delimiter === '\t') {
    const lines = body.split(/\r?\n/);
    if (lines.at(-1) === '') lines.pop();
    return lines.slice(0, maxRows).map((l) => l.split('\t'));
  }
  try {
    return parseCsv(body).slice(0, maxRows);
  } catch {
    return null;
  }
}
