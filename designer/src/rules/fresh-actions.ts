/**
 * Which actions the analyst has just added (or given a new type) and not touched since, by index: their
 * problems ("add the required property title") wait until they start filling them in, so a new action does
 * not open covered in errors. The indexes follow the list as actions are added, removed and moved.
 */
export type FreshActions = ReadonlySet<number>;

export function markFresh(fresh: FreshActions, index: number): FreshActions {
  return new Set([...fresh, index]);
}

export function markTouched(fresh: FreshActions, index: number): FreshActions {
  if (!fresh.has(index)) return fresh;
  const next = new Set(fresh);
  next.delete(index);
  return next;
}

/** After the action at `index` is removed: later ones move up by one. */
export function afterRemove(fresh: FreshActions, index: number): FreshActions {
  return new Set([...fresh].filter((i) => i !== index).map((i) => (i > index ? i - 1 : i)));
}

/** After the action at `index` moves by `by` (±1): it and its neighbour swap places. */
export function afterMove(fresh: FreshActions, index: number, by: number): FreshActions {
  const other = index + by;
  return new Set([...fresh].map((i) => (i === index ? other : i === other ? index : i)));
}
