import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'example-engine-in-a-script',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    isolate: false,
  },
});
