import path from 'node:path';
import { defineConfig } from 'vitest/config';

const alias = { '@': path.resolve(__dirname) };
// Demo code: its pure model tests run as unit tests, the ones that seed a database as integration tests.
const integration = ['db/**/*.test.ts', 'tests/**/*.test.ts', 'scripts/demo/*.test.ts'];

export default defineConfig({
  resolve: { alias },
  test: {
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
