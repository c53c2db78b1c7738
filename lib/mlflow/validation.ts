// MLflow's input rules (mlflow/utils/validation.py), as pure checks that return a message or null.

export const BAD_CHARACTERS_MESSAGE =
  'Names may only contain alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ), colon(:) and slashes (/).';

// Python's `\w` on str is Unicode-aware: letters, digits and other numerics, and the underscore.
const VALID_NAME = /^[\p{L}\p{N}_/.\- :]*$/u;

/** Python's posixpath.normpath, which MLflow uses to refuse keys that would alias another one as a file path. */
export function posixNormpath(path: string): string {
  if (path === '') return '.';
  let initialSlashes = path.startsWith('/') ? 1 : 0;
  // POSIX allows one or two leading slashes; three or more collapse to one.
  if (initialSlashes && path.startsWith('//') && !path.startsWith('///')) initialSlashes = 2;
  const parts: string[] = [];
  for (const comp of path.split('/')) {
    if (comp === '' || comp === '.') continue;
    if (comp !== '..' || (!initialSlashes && parts.length === 0) || parts.at(-1) === '..') parts.push(comp);
    else if (parts.length) parts.pop();
  }
  const joined = '/'.repeat(initialSlashes) + parts.join('/');
  return joined || '.';
}

function pathNotUnique(name: string): boolean {
  const norm = posixNormpath(name);
  return norm !== name || norm === '.' || norm.startsWith('..') || norm.startsWith('/');
}

/** Length in code points, as Python's len() counts. */
export function codePointLength(value: string): number {
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < value.length) {
      const d = value.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** MLflow's "<entity> '<first 250 chars>' had length N, which exceeded length limit of L", or null within the limit. */
export function lengthProblem(entity: string, limit: number, value: string): string | null {
  // A UTF-16 length within the limit is always within it in code points too; count only when it might not be.
  if (value.length <= limit) return null;
  const length = codePointLength(value);
  if (length <= limit) return null;
  return `${entity} '${[...value].slice(0, 250).join('')}' had length ${length}, which exceeded length limit of ${limit}`;
}

export type KeyKind = 'metric' | 'parameter' | 'tag';
const KEY_ENTITY: Record<KeyKind, string> = { metric: 'Metric name', parameter: 'Param key', tag: 'Tag key' };

/** Metric, param and tag keys: MLflow's character set, no path aliasing, at most 250 characters. */
export function keyProblem(kind: KeyKind, key: string, maxLength = 250): string | null {
  if (!VALID_NAME.test(key)) return `Invalid ${kind} name: '${key}'. ${BAD_CHARACTERS_MESSAGE}`;
  if (pathNotUnique(key)) {
    return (
      `Invalid ${kind} name: '${key}'. Names may be treated as files in certain cases, and must not resolve to other names` +
      ` when treated as such. This name would resolve to '${posixNormpath(key)}'`
    );
  }
  return lengthProblem(KEY_ENTITY[kind], maxLength, key);
}

/** MLflow's message for a log-batch over one of its limits. */
export function batchLimitProblem(entityName: string, limit: number, length: number): string | null {
  if (length <= limit) return null;
  return (
    `A batch logging request can contain at most ${limit} ${entityName}. Got ${length} ${entityName}. ` +
    `Please split up ${entityName} across multiple requests and try again.`
  );
}
