import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENERATED_DIR, generateTypeFiles } from '../../scripts/type-generation.js';

describe('types generated from engine/schemas', () => {
  it('are up to date (otherwise run pnpm --filter @baton/engine gen:types)', async () => {
    const expected = await generateTypeFiles();
    const committed = readdirSync(GENERATED_DIR).sort();
    expect(committed, 'run pnpm --filter @baton/engine gen:types').toEqual([...expected.keys()].sort());
    for (const [name, content] of expected) {
      const stale = readFileSync(join(GENERATED_DIR, name), 'utf8') !== content;
      expect(stale, `${name} is stale: run pnpm --filter @baton/engine gen:types`).toBe(false);
    }
  }, 60_000);
});
