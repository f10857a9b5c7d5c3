import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'runtime-api',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Builds the migrated PGlite template once per run (see test/harness/global-setup.ts).
    globalSetup: ['test/harness/global-setup.ts'],
    // Each suite opens a real database; PGlite clones take a moment on a 2-core machine.
    hookTimeout: 60_000,
    testTimeout: 30_000,
  },
});
