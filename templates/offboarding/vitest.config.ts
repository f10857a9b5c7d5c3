import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'template-offboarding',
    include: ['test/**/*.test.ts'],
    // The runtime's migrated PGlite template, built once per run; each journey suite serves a clone of it.
    globalSetup: ['../../runtime-api/test/harness/global-setup.ts'],
    // Files share a worker's module cache: the runtime loads once per worker, not once per file.
    isolate: false,
    // A journey suite clones a database, builds the app and imports the 32-definition pack before its first test.
    hookTimeout: 180_000,
    testTimeout: 60_000,
  },
});
