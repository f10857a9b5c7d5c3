/**
 * Runs `work` over the items with at most `limit` running at once, in order of the list. Rejections are
 * the caller's to avoid: `work` should catch and record its own failures, so one bad item never stops a batch.
 */
export async function runConcurrently<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
}
