// The responses of the UI's artifact routes (run files, model version files): a folder listing, one raw file
// served so that nothing in it can run on Runboard's origin, and a folder as a zip streamed while it is built.
import { Readable } from 'node:stream';
import yazl from 'yazl';
import { rawArtifactHeaders, zipFileName } from '@/lib/artifacts/preview';
import { joinArtifactPath } from '@/lib/artifacts/paths';
import { ApiError } from '@/server/api';
import { type ArtifactRoot, listArtifactsAt, openArtifactAt, statArtifactAt, walkArtifactsAt } from './files';
import { toWebStream } from './web-stream';

const noSuchPath = (path: string) => new ApiError(404, 'RESOURCE_DOES_NOT_EXIST', `No artifact at path '${path}'.`);

export type ArtifactListing = {
  path: string;
  files: { path: string; name: string; isDir: boolean; size: number | null }[];
};

/** The immediate children of `path`, each with its path from the root (what the file tree expands). */
export async function listArtifactsResponse(root: ArtifactRoot, path: string): Promise<ArtifactListing> {
  const entries = await listArtifactsAt(root, path);
  if (path && entries.length === 0 && !(await statArtifactAt(root, path))?.isDir) throw noSuchPath(path);
  return {
    path,
    files: entries.map((e) => ({
      path: joinArtifactPath(path, e.path),
      name: e.path,
      isDir: e.isDir,
      size: e.isDir ? null : (e.size ?? 0),
    })),
  };
}

/** One file's bytes, streamed, with the headers that keep it from rendering as a page (see lib/artifacts/preview). */
export async function rawArtifactResponse(root: ArtifactRoot, path: string, download: boolean): Promise<Response> {
  const file = path ? await openArtifactAt(root, path) : null;
  if (!file) throw noSuchPath(path);
  return new Response(toWebStream(file.stream), {
    headers: rawArtifactHeaders(path, { download, size: file.size }),
  });
}

/**
 * Every file beneath `path` as a zip, written while the store is read (one file open at a time), so a large
 * folder never sits in memory. Entries are stored uncompressed: artifacts are mostly already compressed
 * (images, pickles, parquet), and stored entries keep the server's CPU free.
 */
export async function zipArtifactsResponse(root: ArtifactRoot, path: string, rootName: string): Promise<Response> {
  const first = walkArtifactsAt(root, path);
  const head = await first.next();
  if (head.done) throw noSuchPath(path);
  const zip = new yazl.ZipFile();
  const output = zip.outputStream as Readable;
  const prefix = path ? `${path}/` : '';
  // yazl reports a failed entry as an 'error' event on the zip; unhandled, it would end the process.
  zip.on('error', (err: Error) => output.destroy(err));
  const add = (entryPath: string, size: number | undefined) => {
    const name = entryPath.startsWith(prefix) ? entryPath.slice(prefix.length) : entryPath;
    zip.addReadStreamLazy(name, { compress: false, size }, (cb) => {
      openArtifactAt(root, entryPath).then(
        (file) => (file ? cb(null, file.stream) : cb(new Error(`artifact ${entryPath} vanished`), Readable.from([]))),
        (err: unknown) => cb(err, Readable.from([])),
      );
    });
  };
  add(head.value.path, head.value.size);
  void (async () => {
    try {
      for await (const entry of first) add(entry.path, entry.size);
      zip.end();
    } catch (err) {
      output.destroy(err as Error);
    }
  })();
  return new Response(toWebStream(output), {
    headers: {
      'content-type': 'application/zip',
      'content-disposition': `attachment; filename="${zipFileName(rootName, path)}"`,
      'x-content-type-options': 'nosniff',
      'content-security-policy': "sandbox; default-src 'none'",
      'cache-control': 'private, no-store',
    },
  });
}

/** The first `maxBytes` of a small file as UTF-8 (MLmodel, an input example), or null when there is none. */
export async function readArtifactText(
  root: ArtifactRoot,
  path: string,
  maxBytes: number,
): Promise<{ text: string; truncated: boolean } | null> {
  const file = await openArtifactAt(root, path);
  if (!file) return null;
  const chunks: Buffer[] = [];
  let read = 0;
  try {
    for await (const chunk of file.stream as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      read += chunk.length;
      if (read >= maxBytes) break;
    }
  } finally {
    file.stream.destroy();
  }
  return { text: Buffer.concat(chunks).subarray(0, maxBytes).toString('utf8'), truncated: file.size > maxBytes };
}
