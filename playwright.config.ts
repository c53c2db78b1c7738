import { defineConfig, devices } from '@playwright/test';

const databaseUrl = process.env.E2E_DATABASE_URL;
const pgliteDir = process.env.E2E_PGLITE_DIR;
if (!databaseUrl || !pgliteDir) {
  throw new Error('Run the e2e suite with `npm run test:e2e`: it builds the app and creates the test databases.');
}

// E2E_PORT_BASE lets two checkouts run their suites side by side; CI uses the default.
const portBase = Number(process.env.E2E_PORT_BASE ?? 3100);
export const POSTGRES_URL = `http://127.0.0.1:${portBase}`;
export const PGLITE_URL = `http://127.0.0.1:${portBase + 1}`;
/** A second instance on the same Postgres database: live push and reads must cross instances. */
export const SECOND_POSTGRES_URL = `http://127.0.0.1:${portBase + 2}`;

const launchOptions = {
  executablePath: process.env.CHROMIUM_PATH,
  // Flags for a root user in a container with no network beyond loopback.
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

const server = (port: number, env: Record<string, string>) => ({
  command: `npx next start -p ${port} -H 127.0.0.1`,
  url: `http://127.0.0.1:${port}/api/health`,
  timeout: 120_000,
  reuseExistingServer: false,
  stdout: 'pipe' as const,
  stderr: 'pipe' as const,
  env: { ...env, RUNBOARD_AUTH_SECRET: '' },
});

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  forbidOnly: true,
  retries: 0,
  workers: 2,
  reporter: [['list']],
  // Busy cores (other work on the machine) stretch page loads several-fold; each wait is still for what the page shows.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  use: { ...devices['Desktop Chrome'], launchOptions, trace: 'retain-on-failure' },
  projects: [
    { name: 'setup', testMatch: /global\.setup\.ts/, use: { baseURL: POSTGRES_URL } },
    {
      name: 'postgres',
      dependencies: ['setup'],
      testIgnore: /smoke-pglite\.spec\.ts/,
      use: { baseURL: POSTGRES_URL, storageState: 'e2e/.auth/admin.json' },
    },
    { name: 'pglite-smoke', testMatch: /smoke-pglite\.spec\.ts/, use: { baseURL: PGLITE_URL } },
  ],
  webServer: [
    server(portBase, { DATABASE_URL: databaseUrl }),
    server(portBase + 2, { DATABASE_URL: databaseUrl }),
    server(portBase + 1, { DATABASE_URL: '', RUNBOARD_DATA_DIR: pgliteDir }),
  ],
});
