// What server code (the MLflow routes, page loaders, admin commands) reads from the artifact store, by run,
// logged model or project: listing, stat, streaming a file, and bytes per project.
import { artifactSegments, joinArtifactPath, storePathOfUri } from '@/lib/artifacts/paths';
import {
  type ArtifactDownload,
  type ArtifactEntry,
  type ArtifactStat,
  type ArtifactStore,
  getArtifactStore,
} from './store';

/** MLflow's FileInfo JSON for the immediate children of a store directory. */
export async function listArtifactFiles(store: ArtifactStore, dir: string) {
  return (await store.list(dir)).map((e) =>
    e.isDir ? { path: e.path, is_dir: true } : { path: e.path, is_dir: false, file_size: e.size ?? 0 },
  );
}

/** Where a run's or logged model's artifacts are: its project and its `artifact_uri`. */
export type ArtifactRoot = { projectSlug: string; artifactUri: string };

/**
 * The store path under an artifact URI, or null when it lives elsewhere (another scheme, or a location a
 * client pointed into another project's folder: its files are never read on this project's behalf).
 */
function resolve({ projectSlug, artifactUri }: ArtifactRoot, relPath: string): string | null {
  const root = storePathOfUri(artifactUri);
  if (root === null || root.split('/')[0] !== projectSlug) return null;
  return joinArtifactPath(root, ...artifactSegments(relPath.replace(/^\/+|\/+$/g, '')));
}

/** Immediate children of `relDir` ('' = the root) under a run's or model's artifact URI; names relative to relDir. */
export async function listArtifactsAt(
  root: ArtifactRoot,
  relDir = '',
  store = getArtifactStore(),
): Promise<ArtifactEntry[]> {
  const dir = resolve(root, relDir);
  return dir === null ? [] : store.list(dir);
}

/** A file or directory under an artifact URI, or null. */
export async function statArtifactAt(
  root: ArtifactRoot,
  relPath: string,
  store = getArtifactStore(),
): Promise<ArtifactStat | null> {
  const key = resolve(root, relPath);
  return key === null ? null : store.stat(key);
}

/** A file's bytes as a stream (the caller must consume or destroy it), or null. */
export async function openArtifactAt(
  root: ArtifactRoot,
  relPath: string,
  store = getArtifactStore(),
): Promise<ArtifactDownload | null> {
  const key = resolve(root, relPath);
  return key === null || !relPath ? null : store.get(key);
}

/** Every file under an artifact URI, depth first, with paths relative to it (for a zip of a folder). */
export async function* walkArtifactsAt(
  root: ArtifactRoot,
  relDir = '',
  store = getArtifactStore(),
): AsyncGenerator<ArtifactEntry> {
  for (const entry of await listArtifactsAt(root, relDir, store)) {
    const rel = joinArtifactPath(relDir, entry.path);
    if (entry.isDir) yield* walkArtifactsAt(root, rel, store);
    else yield { ...entry, path: rel };
  }
}

/** Bytes the project's artifacts take in the store. */
export function getProjectArtifactBytes(projectSlug: string, store = getArtifactStore()): Promise<number> {
  return store.totalBytes(projectSlug);
}
