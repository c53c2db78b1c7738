// MLflow stores a dataset's source as JSON text (`{"url": …}`, `{"uri": …}`, or any object a source
// type defines); people read it as a sentence.

const LABELS: Record<string, string> = {
  url: 'URL',
  uri: 'URI',
  path: 'path',
  derived_from: 'derived from',
  code: 'code',
  feature_set: 'feature set',
  table_name: 'table',
  sql: 'query',
};

const humanKey = (k: string) => LABELS[k] ?? k.replace(/[_.]+/g, ' ').trim();

function describeValue(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.map(describeValue).join(', ');
  return Object.entries(v as Record<string, unknown>)
    .map(([k, x]) => `${humanKey(k)} ${describeValue(x)}`)
    .join(', ');
}

/**
 * A dataset source as readable text: a JSON object becomes "key value; key value" with known keys named
 * ("URL https://…; derived from weather@ab12"), a bare JSON string is unquoted, anything else is kept as it is.
 */
export function describeDatasetSource(sourceType: string, source: string): string {
  const trimmed = source.trim();
  let text = trimmed;
  if (trimmed.startsWith('{') || trimmed.startsWith('[') || trimmed.startsWith('"')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      text =
        parsed && typeof parsed === 'object' && !Array.isArray(parsed)
          ? Object.entries(parsed as Record<string, unknown>)
              .map(([k, v]) => `${humanKey(k)} ${describeValue(v)}`)
              .join('; ')
          : describeValue(parsed);
    } catch {
      text = trimmed;
    }
  }
  const kind = sourceType.trim();
  if (!text) return kind;
  return kind ? `${kind}: ${text}` : text;
}
