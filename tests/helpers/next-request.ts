// A stand-in for the Next.js request scope, so server actions can run inside Vitest.
// Test files wire it up with:
//   vi.mock('next/headers', async () => (await import('./helpers/next-request')).nextHeadersModule);
//   vi.mock('next/cache', async () => (await import('./helpers/next-request')).nextCacheModule);

const jar = new Map<string, string>();
/** Every path revalidatePath() was called with, in order. */
export const revalidatedPaths: string[] = [];

/** Acts as the browser whose request is being handled: `cookieHeader` is sent as the Cookie header; null = anonymous. */
export function actAs(cookieHeader: string | null): void {
  jar.clear();
  if (!cookieHeader) return;
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) jar.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
}

function cookieHeader(): string {
  return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
}

const cookieStore = {
  get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
  getAll: () => [...jar].map(([name, value]) => ({ name, value })),
  has: (name: string) => jar.has(name),
  // Options (path, maxAge…) do not matter to a single simulated request, so they are not kept.
  set: (name: string, value: string) => {
    jar.set(name, value);
    return cookieStore;
  },
  delete: (name: string) => {
    jar.delete(name);
    return cookieStore;
  },
  toString: cookieHeader,
};

export const nextHeadersModule = {
  headers: async () => {
    const h = new Headers({ 'user-agent': 'vitest', 'x-forwarded-for': '127.0.0.1' });
    const cookie = cookieHeader();
    if (cookie) h.set('cookie', cookie);
    return h;
  },
  cookies: async () => cookieStore,
  draftMode: async () => ({ isEnabled: false, enable: () => {}, disable: () => {} }),
};

export const nextCacheModule = {
  revalidatePath: (path: string) => {
    revalidatedPaths.push(path);
  },
  revalidateTag: () => {},
  updateTag: () => {},
  refresh: () => {},
  unstable_cache: <F>(fn: F) => fn,
};
