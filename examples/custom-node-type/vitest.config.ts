import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'example-custom-node-type',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    isolate: false,
  },
});
