import type { Db } from '@/db/client';
import { getAuthFor } from '@/server/auth';

/** Signs in through better-auth like the sign-in form does and returns the Cookie header a browser would send back. */
export async function signInCookie(db: Db, email: string, password: string): Promise<string> {
  const auth = await getAuthFor(db);
  const res = await auth.api.signInEmail({ body: { email, password }, asResponse: true });
  if (res.status !== 200) throw new Error(`sign-in of ${email} failed with HTTP ${res.status}: ${await res.text()}`);
  const cookies = res.headers.getSetCookie().map((c) => c.split(';', 1)[0]!);
  if (!cookies.some((c) => c.includes('session_token='))) throw new Error(`sign-in of ${email} set no session cookie`);
  return cookies.join('; ');
}
