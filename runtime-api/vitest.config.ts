import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'runtime-api',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Builds the migrated PGlite template once per run (see test/harness/global-setup.ts).
    globalSetup: ['test/harness/global-setup.ts'],
    // Files share a worker's module cache: the runtime (Fastify, PDF, S3 clients, PGlite's compiled WASM) is
    // loaded once per worker, not once per file. Each suite still gets its own database and app.
    isolate: false,
    // Each suite opens a real database; PGlite clones take a moment on a 2-core machine.
    hookTimeout: 60_000,
    testTimeout: 30_000,
  },
});
