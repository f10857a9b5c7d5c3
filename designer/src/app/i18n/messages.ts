/** One area's user-visible strings, in both languages the product ships. Keys must match between them. */
export interface AreaMessages<T extends Record<string, unknown> = Record<string, unknown>> {
  en: T;
  'zh-CN': T;
}

/** Declares an area's messages; the zh-CN table must have every key the en table has (checked by the type). */
export function defineMessages<T extends Record<string, unknown>>(messages: { en: T; 'zh-CN': NoInfer<T> }): AreaMessages<T> {
  return messages;
}
