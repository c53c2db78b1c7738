import { randomBytes } from 'node:crypto';
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { nextCookies } from 'better-auth/next-js';
import type { Db } from '@/db/client';
import { getDb } from '@/db/client';
import { getOrCreateSetting } from '@/db/queries/settings';
import * as schema from '@/db/schema';
import { describeErrorForLog } from '@/lib/log-error';

function buildAuth(db: Db, secret: string) {
  return betterAuth({
    secret,
    baseURL: process.env.RUNBOARD_URL,
    database: drizzleAdapter(db, {
      provider: 'pg',
      usePlural: true,
      schema: {
        users: schema.users,
        sessions: schema.sessions,
        accounts: schema.accounts,
        verifications: schema.verifications,
      },
    }),
    // Accounts are created by the first-admin setup, an admin, or the CLI — never by self sign-up.
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 8, maxPasswordLength: 128 },
    user: { additionalFields: { isAdmin: { type: 'boolean', defaultValue: false, input: false } } },
    session: { expiresIn: 60 * 60 * 24 * 14, updateAge: 60 * 60 * 24 },
    advanced: { database: { generateId: () => randomBytes(16).toString('hex') } },
    telemetry: { enabled: false },
    // Runboard calls better-auth server-side only (no OAuth callbacks), so the base-URL warning does not apply.
    // better-auth logs caught errors whole, and a failed session query carries the session token as a parameter.
    logger: {
      level: 'error',
      log: (level, message, ...args) =>
        console.error(
          `better-auth ${level}:`,
          ...[message, ...args]
            .filter((a) => a instanceof Error || typeof a === 'string')
            .map((a) => (a instanceof Error ? describeErrorForLog(a) : a)),
        ),
    },
    plugins: [nextCookies()],
  });
}

export type Auth = ReturnType<typeof buildAuth>;

const cache = new WeakMap<Db, Promise<Auth>>();

/** better-auth bound to a database; the signing secret is RUNBOARD_AUTH_SECRET or one generated once and shared through the database by every instance. */
export function getAuthFor(db: Db): Promise<Auth> {
  let auth = cache.get(db);
  if (!auth) {
    auth = (async () => {
      const secret =
        process.env.RUNBOARD_AUTH_SECRET ||
        (await getOrCreateSetting(db, 'auth_secret', () => randomBytes(32).toString('base64url')));
      return buildAuth(db, secret);
    })();
    cache.set(db, auth);
  }
  return auth;
}

export async function getAuth(): Promise<Auth> {
  return getAuthFor(await getDb());
}
