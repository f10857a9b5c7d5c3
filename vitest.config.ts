import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// One run for the whole workspace; each package is a project so its own setup stays local.
export default defineConfig({
  test: {
    projects: ['engine', 'runtime-api', 'packages/*', 'examples/*', 'templates/*', 'designer', 'tests/browser'],
    // Vitest's default is one worker fewer than the cores: one on a 2-core machine, where most of a database or
    // browser suite's time is spent waiting on PostgreSQL or Chromium, processes of their own. One worker more
    // than the cores keeps both busy while a worker waits.
    maxWorkers: Math.max(3, availableParallelism() + 1),
    reporters: ['default', './scripts/summary-reporter.ts'],
  },
});
