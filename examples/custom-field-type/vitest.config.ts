import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'example-custom-field-type',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    isolate: false,
  },
});
