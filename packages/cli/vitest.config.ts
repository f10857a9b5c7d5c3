import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'cli',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // The runtime's migrated PGlite template, built once per run; import/export tests serve a clone of it.
    globalSetup: ['../../runtime-api/test/harness/global-setup.ts'],
    hookTimeout: 60_000,
    testTimeout: 60_000,
  },
});
