// Artifact paths and URIs. Every artifact lives under `<project slug>/…` in the store, and clients name it
// with `mlflow-artifacts:/<project>/<experiment>/<run>/artifacts/<file>` URIs (MLflow's proxied-artifact scheme).

export const ARTIFACT_SCHEME = 'mlflow-artifacts:';

export class UnsafeArtifactPath extends Error {
  constructor(readonly path: string) {
    super(`Invalid artifact path: '${path}'.`);
  }
}

/** Decodes %-escapes until nothing changes, so `%252E%252E` is seen as the `..` it stands for. */
function fullyDecoded(segment: string): string {
  let current = segment;
  for (let i = 0; i < 5 && current.includes('%'); i++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return current;
    }
    if (next === current) break;
    current = next;
  }
  return current;
}

/** Controls (NUL included) and the other OS's separator: never part of a file name a client means. */
const hasUnsafeChar = (s: string) =>
  [...s].some((c) => c === '\\' || c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);

function isSafeSegment(segment: string): boolean {
  if (!segment || segment === '.' || segment === '..') return false;
  const decoded = fullyDecoded(segment);
  if (decoded === '.' || decoded === '..' || decoded.includes('/') || decoded.includes('#')) return false;
  if (hasUnsafeChar(segment) || hasUnsafeChar(decoded)) return false;
  // A Windows drive letter would make the path absolute on that OS.
  return !/^[A-Za-z]:$/.test(decoded);
}

/**
 * Splits a relative artifact path into its segments, refusing anything that could step outside the
 * directory it names: `..`, `.`, empty segments (`a//b`, a leading `/`), backslashes, NUL and other
 * controls, drive letters, and the same hidden behind %-encoding. An empty path is the root.
 */
export function artifactSegments(path: string | readonly string[]): string[] {
  const raw = typeof path === 'string' ? path : path.join('/');
  if (raw === '') return [];
  const segments = typeof path === 'string' ? path.split('/') : [...path];
  if (!segments.every(isSafeSegment)) throw new UnsafeArtifactPath(raw);
  return segments;
}

/** The experiment's artifact root, as the `artifact_location` MLflow clients resolve. */
export const experimentArtifactLocation = (projectSlug: string, experimentId: number | string) =>
  `${ARTIFACT_SCHEME}/${projectSlug}/${experimentId}`;

export const runArtifactUri = (experimentLocation: string, runId: string) => `${experimentLocation}/${runId}/artifacts`;

export const loggedModelArtifactUri = (experimentLocation: string, modelId: string) =>
  `${experimentLocation}/models/${modelId}/artifacts`;

/**
 * The store path an `mlflow-artifacts:` URI names (`mlflow-artifacts:/p/1/r/artifacts` and
 * `mlflow-artifacts://host/p/1/r/artifacts` alike), or null for any other scheme or an unsafe path.
 */
export function storePathOfUri(uri: string): string | null {
  if (!uri.startsWith(ARTIFACT_SCHEME)) return null;
  let rest = uri.slice(ARTIFACT_SCHEME.length);
  if (rest.startsWith('//')) {
    const slash = rest.indexOf('/', 2);
    rest = slash < 0 ? '' : rest.slice(slash);
  }
  rest = rest.replace(/^\/+/, '').replace(/\/+$/, '');
  try {
    return artifactSegments(rest).join('/');
  } catch {
    return null;
  }
}

/** Joins store path parts, skipping empty ones (the root). */
export const joinArtifactPath = (...parts: string[]) => parts.filter(Boolean).join('/');
