// The artifact store: files under `<project slug>/…`, on local disk (default) or in an S3-compatible bucket.
// Bytes always stream in and out; nothing here holds a whole file in memory.
import path from 'node:path';
import type { Readable } from 'node:stream';
import { LocalArtifactStore } from './local-store';
import { S3ArtifactStore } from './s3-store';

/** One immediate child of a directory: `path` is its name relative to that directory (MLflow's FileInfo). */
export type ArtifactEntry = { path: string; isDir: boolean; size?: number };
export type ArtifactStat = { isDir: boolean; size: number };
export type ArtifactDownload = { stream: Readable; size: number };

export type MultipartUpload = {
  uploadId: string;
  credentials: { url: string; part_number: number; headers: Record<string, string> }[];
};

export interface ArtifactStore {
  readonly kind: 'local' | 's3';
  /** Writes the stream to `key` (replacing what was there); refuses beyond `maxBytes` with a 413 and leaves nothing behind. */
  put(key: string, body: Readable, maxBytes: number): Promise<{ size: number }>;
  /** The file's bytes, or null when no file has that key. */
  get(key: string): Promise<ArtifactDownload | null>;
  /** A file, a directory (something exists beneath it), or null. */
  stat(key: string): Promise<ArtifactStat | null>;
  /** Immediate children of the directory `prefix` ('' for the root), sorted by name; empty when there is none. */
  list(prefix: string): Promise<ArtifactEntry[]>;
  /** Removes the file `key` or everything beneath the directory `key`. */
  deletePrefix(key: string): Promise<void>;
  /** Total bytes of every file beneath `prefix`. */
  totalBytes(prefix: string): Promise<number>;
  /** S3 only: a multipart upload whose parts the client PUTs straight to the bucket with presigned URLs (as MLflow's S3 repository). */
  createMultipartUpload?(key: string, numParts: number): Promise<MultipartUpload>;
  completeMultipartUpload?(
    key: string,
    uploadId: string,
    parts: { part_number: number; etag: string }[],
  ): Promise<void>;
  abortMultipartUpload?(key: string, uploadId: string): Promise<void>;
}

/** `RUNBOARD_ARTIFACTS_URI`: `s3://bucket/prefix`, or a folder (`file:///srv/artifacts` or a plain path); default `.data/artifacts`. */
export function artifactStoreFromEnv(env: NodeJS.ProcessEnv = process.env): ArtifactStore {
  const uri = env.RUNBOARD_ARTIFACTS_URI?.trim() || path.join(process.cwd(), '.data', 'artifacts');
  if (uri.startsWith('s3://')) {
    const url = new URL(uri);
    return new S3ArtifactStore({ bucket: url.hostname, prefix: url.pathname.replace(/^\/+|\/+$/g, ''), env });
  }
  return new LocalArtifactStore(uri.startsWith('file://') ? new URL(uri).pathname : path.resolve(uri));
}

let shared: ArtifactStore | null = null;

/** The process's artifact store, built once from the environment. */
export function getArtifactStore(): ArtifactStore {
  shared ??= artifactStoreFromEnv();
  return shared;
}

/** Tests and scripts point the process at another store (null: rebuild from the environment next time). */
export function setArtifactStore(store: ArtifactStore | null): void {
  shared = store;
}
