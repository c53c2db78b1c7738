/** A model name from a dynamic route segment (Next.js may hand it over still percent-encoded). */
export function modelNameParam(params: Record<string, string | string[] | undefined>): string {
  const raw = typeof params.name === 'string' ? params.name : '';
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
