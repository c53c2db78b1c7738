/** Request header the proxy sets to the page's path and query, so a sign-in redirect can come back to it. */
export const REQUEST_PATH_HEADER = 'x-runboard-request-path';

const BASE = 'http://runboard.invalid';

/**
 * Where to go after sign-in: a path on this site only. Browsers read "/\\host" and control characters
 * leniently, so the path is resolved against a fixed origin and kept only if it stays there; the resolved
 * path is checked again because dot segments can collapse into "//host" ("/.//evil.example").
 */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || /[\\\u0000-\u001f\u007f]/.test(next)) return '/';
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return '/';
  }
  const path = url.pathname + url.search + url.hash;
  return url.origin === BASE && !path.startsWith('//') ? path : '/';
}

/** The sign-in page, carrying the page to return to unless that is just the home page. */
export function signInPath(requestPath: string | null | undefined): string {
  const next = safeNextPath(requestPath);
  return next === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`;
}
