/** The one client-side JSON read: no cache, and a failed response becomes an Error carrying the server's message. */
export async function fetchJson<T>(
  url: string,
  failure = (status: number) => `Request failed (${status}).`,
): Promise<T> {
  const res = await fetch(url, { headers: { accept: 'application/json' }, cache: 'no-store' });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { message?: string } | null;
    throw new Error(body?.message ?? failure(res.status));
  }
  return (await res.json()) as T;
}
