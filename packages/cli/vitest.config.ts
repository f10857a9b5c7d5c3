import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'cli',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // The runtime's migrated PGlite template, built once per run; import/export tests serve a clone of it.
    globalSetup: ['../../runtime-api/test/harness/global-setup.ts'],
    // Files share a worker's module cache: the runtime and the CLI load once per worker, not once per file.
    isolate: false,
    hookTimeout: 60_000,
    testTimeout: 60_000,
  },
});
