import os from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

const alias = { '@': path.resolve(__dirname) };
// Demo code: its pure model tests run as unit tests, the ones that seed a database as integration tests.
const integration = ['db/**/*.test.ts', 'tests/**/*.test.ts', 'scripts/demo/*.test.ts'];

export default defineConfig({
  resolve: { alias },
  test: {
    // Vitest leaves a core for itself (one worker on two cores), but integration files spend much of their time
    // waiting on Postgres, PGlite and child processes: two files at once take two thirds of the time on two cores.
    maxWorkers: Math.max(2, os.availableParallelism()),
    projects: [
      {
        resolve: { alias },
        // Demo training tests fit real models; on busy cores they take longer than vitest's 5 s default.
        test: {
          name: 'unit',
          include: ['lib/**/*.test.ts', 'scripts/demo/ml/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'int-pglite',
          include: integration,
          globalSetup: ['tests/helpers/pglite-dump.setup.ts'],
          env: { RUNBOARD_TEST_BACKEND: 'pglite' },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'int-postgres',
          include: integration,
          env: { RUNBOARD_TEST_BACKEND: 'postgres' },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
