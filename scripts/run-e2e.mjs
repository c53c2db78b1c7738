// Runs the Playwright suite against `next build && next start`: one server on a fresh Postgres database
// (the main suite) and one on a fresh embedded PGlite folder (the smoke run). Cleans both up afterwards.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { ensureChromium } from './ensure-chromium.mjs';

const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = `runboard_e2e_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
const dbUrl = Object.assign(new URL(adminUrl), { pathname: `/${dbName}` }).toString();
const pgliteDir = fs.mkdtempSync(path.join(os.tmpdir(), 'runboard-e2e-pglite-'));

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

const chromium = ensureChromium();
if (!process.env.E2E_SKIP_BUILD && run('npx', ['next', 'build']) !== 0) process.exit(1);

const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database "${dbName}"`);
let status = 1;
try {
  status = run('npx', ['playwright', 'test', ...process.argv.slice(2)], {
    CHROMIUM_PATH: chromium,
    E2E_DATABASE_URL: dbUrl,
    E2E_PGLITE_DIR: path.join(pgliteDir, 'data'),
  });
} finally {
  await admin.unsafe(`drop database if exists "${dbName}" with (force)`).catch(() => {});
  await admin.end();
  fs.rmSync(pgliteDir, { recursive: true, force: true });
}
process.exit(status);
