import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'browser',
    include: ['**/*.browser.test.ts'],
    // Each suite has its own runtime (a clone of the migrated template) and its own browser contexts, so
    // suites run beside the rest of the run, one per worker, rather than one by one after everything else
    // (Vitest puts projects without file parallelism in a last group on a single worker).
    // Files share a worker's module cache and its Chromium (harness/browser-env.ts): the runtime loads once
    // per worker, not once per file.
    isolate: false,
    // The runtime's migrated PGlite template, built once per run; then the designer's build, once per run.
    globalSetup: ['../../runtime-api/test/harness/global-setup.ts', './harness/global-setup.ts'],
    hookTimeout: 150_000,
    testTimeout: 90_000,
  },
});
