/*
 * How a change meets a record's stored data: a top-level JSON Merge Patch (RFC 7386), the same for
 * PATCH /records, an inbound webhook's upsert and a rule's set-data. A value replaces the stored one; `null`
 * removes the field, so the record no longer has it: `required` refuses the result, `readerFields` stop
 * matching (an asset's former holder), and reports see an empty cell. Nested objects and sub-tables are
 * replaced whole, never merged.
 */

/** The values a change sets, and the fields it clears (`null`), in the change's order. */
export function splitClears(change: Readonly<Record<string, unknown>>): { set: Record<string, unknown>; cleared: string[] } {
  const entries = Object.entries(change);
  // fromEntries defines own properties: a key named "__proto__" stays data (the form refuses it), never a prototype.
  const set = Object.fromEntries(entries.filter(([, value]) => value !== null));
  const cleared = entries.filter(([, value]) => value === null).map(([key]) => key);
  return { set, cleared };
}

/** `current` with `change` merged over it: values replaced, `null` fields removed. */
export function mergeFields(current: Readonly<Record<string, unknown>>, change: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const { set, cleared } = splitClears(change);
  return withoutFields({ ...current, ...set }, cleared);
}

/** `data` without the `cleared` fields (the same object when there are none). */
export function withoutFields(data: Record<string, unknown>, cleared: readonly string[]): Record<string, unknown> {
  if (cleared.length === 0) return data;
  const out = { ...data };
  for (const key of cleared) delete out[key];
  return out;
}
