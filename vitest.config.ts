import { defineConfig } from 'vitest/config';

// Two projects: `unit` needs neither Postgres nor Redis (it runs with both stopped, in seconds);
// `integration` gets a fresh database (and local services if none answer) from the globalSetup.
export default defineConfig({
  test: {
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.unit.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'integration',
          // Everything that is not a unit test, so a misnamed test still runs (with services).
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.unit.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
        },
      },
    ],
  },
});
