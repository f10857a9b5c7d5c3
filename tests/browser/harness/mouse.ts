import type { Locator, Page } from 'playwright-core';

async function centre(locator: Locator): Promise<{ x: number; y: number }> {
  await locator.scrollIntoViewIfNeeded();
  const box = await locator.boundingBox();
  if (!box) throw new Error(`not visible: ${locator.toString()}`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/**
 * A real mouse drag, as a person makes it: press, move a little (past the drag threshold), travel in
 * steps, release. `to` is an element (its centre, or an offset from its top-left corner) or a point.
 */
export async function drag(page: Page, from: Locator, to: Locator | { x: number; y: number }, offset?: { x: number; y: number }): Promise<void> {
  const a = await centre(from);
  let b: { x: number; y: number };
  if ('boundingBox' in to) {
    if (offset) {
      const box = (await to.boundingBox())!;
      b = { x: box.x + offset.x, y: box.y + offset.y };
    } else b = await centre(to);
  } else b = to;
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move(a.x + 8, a.y + 8, { steps: 4 });
  await page.mouse.move(b.x, b.y, { steps: 16 });
  await page.mouse.move(b.x + 1, b.y + 1, { steps: 2 });
  await page.mouse.up();
}
