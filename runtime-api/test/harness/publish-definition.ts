import { expect } from 'vitest';
import type { TestContext } from './for-each-database.js';

type Json = Record<string, any>;

/** Saves a definition and publishes it through the API (as an admin), failing the test on any refusal. */
export async function publish(ctx: TestContext, definition: Json): Promise<void> {
  const saved = await ctx.call({ method: 'POST', url: '/api/definitions', payload: definition });
  expect(saved.statusCode, saved.body).toBeLessThan(300);
  const published = await ctx.call({ method: 'POST', url: `/api/definitions/${definition.kind}/${definition.key}/publish` });
  expect(published.statusCode, published.body).toBe(200);
}
