'use client';

import dynamic from 'next/dynamic';
import { useEffect, useState } from 'react';
import { DataTable } from '@/components/ui/data-table';
import { ScrollArea } from '@/components/ui/scroll-area';
import { parseDelimited, previewKindOf } from '@/lib/artifacts/preview';
import { formatBytes, formatCount } from '@/lib/format';

/** Text previews read this much of a file and stop; the rest stays a download. */
export const PREVIEW_BYTES = 256 * 1024;
const TABLE_ROWS = 100;

export const artifactFileUrl = (base: string, path: string, download = false) =>
  `${base}/file?path=${encodeURIComponent(path)}${download ? '&download=1' : ''}`;

// The Markdown renderer (~36 KiB compressed) loads only when someone opens a Markdown file.
const Markdown = dynamic(() => import('react-markdown'), {
  ssr: false,
  loading: () => <p role="status">Rendering Markdown…</p>,
});

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
}: {
  text: string;
  truncated: boolean;
  tab: boolean;
  path: string;
}) {
  const rows = parseDelimited(text, tab ? '\t' : ',', truncated, TABLE_ROWS + 1);
  if (!rows || rows.length === 0) {
    return <p className="text-sm text-zinc-600 dark:text-zinc-400">This file has no rows to show as a table.</p>;
  }
  const [header, ...body] = rows;
  const shown = body.slice(0, TABLE_ROWS);
  const name = path.slice(path.lastIndexOf('/') + 1).replace(/\.[^.]*$/, '');
  return (
    <div className="flex flex-col gap-2">
      {(body.length > TABLE_ROWS || truncated) && (
        <p className="text-xs text-zinc-600 dark:text-zinc-400">
          Showing the first {formatCount(shown.length)} rows; download the file for all of them.
        </p>
      )}
      <DataTable<{ i: number; cells: string[] }>
        caption={`Table ${path}`}
        exportName={name}
        rows={shown.map((cells, i) => ({ i, cells }))}
        rowKey={(r) => String(r.i)}
        columns={header!.map((h, j) => ({ key: String(j), header: h, value: (r) => r.cells[j] }))}
        empty={{ title: 'No rows', hint: 'This file has a header line and no rows under it.' }}
      />
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
    return <DelimitedTable text={text} truncated={truncated} tab={kind === 'tsv'} path={path} />;
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
