import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// One run for the whole workspace; each package is a project so its own setup stays local.
export default defineConfig({
  test: {
    projects: ['engine', 'runtime-api', 'packages/*', 'examples/*', 'templates/*', 'designer', 'tests/browser'],
    // Vitest's default is one worker fewer than the cores: one on a 2-core machine, where most of a database or
    // browser suite's time is spent waiting on PostgreSQL, PGlite or Chromium. Two workers keep both cores busy.
    maxWorkers: Math.max(2, availableParallelism()),
    reporters: ['default', './scripts/summary-reporter.ts'],
  },
});
