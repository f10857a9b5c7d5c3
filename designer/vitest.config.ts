import { defineProject } from 'vitest/config';

// Unit tests of the designer's pure logic (no browser): condition builder ⇄ JsonLogic, issue → element
// mapping, layout, form layout operations, diffs. The UI itself is tested in real Chromium (tests/browser).
export default defineProject({
  test: {
    name: 'designer',
    include: ['src/**/*.test.ts'],
    environment: 'node',
    // Pure logic, no DOM: files can share a worker's module cache.
    isolate: false,
  },
});
