'use client';

import { useEffect, useState } from 'react';
import Markdown from 'react-markdown';
import { ScrollArea } from '@/components/ui/scroll-area';
import { buttonClass } from '@/components/ui/button';
import { parseDelimited, previewKindOf } from '@/lib/artifacts/preview';
import { formatBytes, formatCount } from '@/lib/format';

/** Text previews read this much of a file and stop; the rest stays a download. */
export const PREVIEW_BYTES = 256 * 1024;
const TABLE_ROWS = 100;

export const artifactFileUrl = (base: string, path: string, download = false) =>
  `${base}/file?path=${encodeURIComponent(path)}${download ? '&download=1' : ''}`;

type Loaded = { text: string; truncated: boolean; size: number } | { error: string };

/** The first PREVIEW_BYTES of a file as UTF-8, and whether that was all of it. */
async function readHead(url: string): Promise<{ text: string; truncated: boolean; size: number }> {
  const res = await fetch(url, { cache: 'no-store' });
  if (!res.ok || !res.body) {
    const body = (await res.json().catch(() => null)) as { message?: string } | null;
    throw new Error(body?.message ?? `The file could not be read (${res.status}).`);
  }
  const size = Number(res.headers.get('content-length') ?? 0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let read = 0;
  while (read < PREVIEW_BYTES) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    read += value.byteLength;
  }
  const truncated = read >= PREVIEW_BYTES && (size === 0 || size > PREVIEW_BYTES);
  await reader.cancel().catch(() => {});
  const bytes = new Uint8Array(Math.min(read, PREVIEW_BYTES));
  let offset = 0;
  for (const c of chunks) {
    const part = c.subarray(0, bytes.length - offset);
    bytes.set(part, offset);
    offset += part.length;
    if (offset >= bytes.length) break;
  }
  return { text: new TextDecoder().decode(bytes), truncated, size: size || read };
}

function useFileHead(url: string, enabled: boolean): Loaded | null {
  const [state, setState] = useState<{ url: string; loaded: Loaded } | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    readHead(url).then(
      (loaded) => live && setState({ url, loaded }),
      (err: unknown) => live && setState({ url, loaded: { error: err instanceof Error ? err.message : String(err) } }),
    );
    return () => {
      live = false;
    };
  }, [url, enabled]);
  return state?.url === url ? state.loaded : null;
}

const PRE = 'max-h-[32rem] overflow-auto rounded-md bg-zinc-50 p-3 font-mono text-xs leading-5 dark:bg-zinc-950';
const MARKDOWN = [
  'max-h-[32rem] overflow-auto text-sm leading-6',
  '[&_h1]:mb-2 [&_h1]:text-xl [&_h1]:font-semibold [&_h2]:mb-2 [&_h2]:mt-4 [&_h2]:text-lg [&_h2]:font-semibold',
  '[&_h3]:mt-3 [&_h3]:font-semibold [&_p]:my-2 [&_ul]:list-disc [&_ul]:pl-6 [&_ol]:list-decimal [&_ol]:pl-6',
  '[&_a]:text-indigo-700 [&_a]:underline dark:[&_a]:text-indigo-400 [&_code]:font-mono [&_code]:text-xs',
].join(' ');

function CutNote({ truncated, size }: { truncated: boolean; size: number }) {
  if (!truncated) return null;
  return (
    <p className="mb-2 text-xs text-zinc-600 dark:text-zinc-400">
      Showing the first {formatBytes(PREVIEW_BYTES)} of {formatBytes(size)}; download the file for all of it.
    </p>
  );
}

function DelimitedTable({
  text,
  truncated,
  tab,
  path,
  base,
}: {
  text: string;
  truncated: boolean;
  tab: boolean;
  path: string;
  base: string;
}) {
  const rows = parseDelimited(text, tab ? '\t' : ',', truncated, TABLE_ROWS + 1);
  if (!rows || rows.length === 0) {
    return <p className="text-sm text-zinc-600 dark:text-zinc-400">This file has no rows to show as a table.</p>;
  }
  const [header, ...body] = rows;
  const shown = body.slice(0, TABLE_ROWS);
  return (
    <div>
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2 text-xs text-zinc-600 dark:text-zinc-400">
        <span>
          {body.length > TABLE_ROWS || truncated
            ? `Showing the first ${formatCount(shown.length)} rows.`
            : `${formatCount(shown.length)} rows.`}
        </span>
        <a href={artifactFileUrl(base, path, true)} download className={buttonClass('secondary', 'text-xs')}>
          Export CSV
        </a>
      </div>
      <ScrollArea label={`Table ${path}`} className="max-h-[32rem] overflow-auto">
        <table className="min-w-full border-collapse text-left text-xs">
          <thead>
            <tr>
              {header!.map((h, i) => (
                <th
                  key={i}
                  scope="col"
                  className="border border-zinc-200 bg-zinc-50 px-2 py-1 font-semibold dark:border-zinc-700 dark:bg-zinc-800"
                >
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((r, i) => (
              <tr key={i}>
                {r.map((c, j) => (
                  <td key={j} className="border border-zinc-200 px-2 py-1 font-mono dark:border-zinc-700">
                    {c}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollArea>
    </div>
  );
}

const prettyJson = (text: string) => {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
};

/** One artifact file as people expect to see it: images, tables, rendered Markdown, or its text. */
export function ArtifactPreview({ base, path }: { base: string; path: string }) {
  const kind = previewKindOf(path);
  const loaded = useFileHead(artifactFileUrl(base, path), kind !== 'image' && kind !== 'other');
  if (kind === 'image') {
    return (
      // eslint-disable-next-line @next/next/no-img-element -- user files are served raw by a sandboxed route, not optimised
      <img
        src={artifactFileUrl(base, path)}
        alt={path}
        className="max-h-[32rem] max-w-full rounded border border-zinc-200 dark:border-zinc-700"
      />
    );
  }
  if (kind === 'other') {
    return (
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        No preview for this kind of file. Download it to open it with the program it belongs to.
      </p>
    );
  }
  if (!loaded) return <p className="text-sm text-zinc-600 dark:text-zinc-400">Loading {path}…</p>;
  if ('error' in loaded) {
    return (
      <p role="alert" className="text-sm text-red-700 dark:text-red-400">
        {loaded.error}
      </p>
    );
  }
  const { text, truncated, size } = loaded;
  if (kind === 'csv' || kind === 'tsv') {
    return <DelimitedTable text={text} truncated={truncated} tab={kind === 'tsv'} path={path} base={base} />;
  }
  if (kind === 'markdown') {
    return (
      <div>
        <CutNote truncated={truncated} size={size} />
        {/* skipHtml: raw HTML in a user's file never reaches the page; images would fetch from anywhere, so they show as their alt text. */}
        <article aria-label={`Markdown ${path}`} className={MARKDOWN}>
          <Markdown skipHtml disallowedElements={['img']} unwrapDisallowed>
            {text}
          </Markdown>
        </article>
      </div>
    );
  }
  return (
    <div>
      <CutNote truncated={truncated} size={size} />
      <ScrollArea as="pre" label={`Contents of ${path}`} className={PRE}>
        <code>{kind === 'json' && !truncated ? prettyJson(text) : text}</code>
      </ScrollArea>
    </div>
  );
}
