import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'browser',
    include: ['**/*.browser.test.ts'],
    // One runtime and one Chromium for the whole file; the journeys share them.
    fileParallelism: false,
    // The runtime's migrated PGlite template, built once per run; the suite serves a clone of it.
    globalSetup: ['../../runtime-api/test/harness/global-setup.ts'],
    hookTimeout: 150_000,
    testTimeout: 90_000,
  },
});
