import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'engine',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Pure code: files can share a worker's module cache (the engine loads once per worker, not per file).
    isolate: false,
  },
});
