import { defineConfig } from 'vitest/config';

// One run for the whole workspace; each package is a project so its own setup stays local.
export default defineConfig({
  test: {
    projects: ['engine', 'runtime-api', 'packages/*', 'examples/*', 'templates/*', 'designer', 'tests/browser'],
    reporters: ['default', './scripts/summary-reporter.ts'],
  },
});
