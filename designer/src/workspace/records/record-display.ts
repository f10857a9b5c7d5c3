/** A form field as the records table needs it: its type and, for choices, its options. */
export interface DisplayField {
  key: string;
  type: string;
  config?: { options?: Array<{ value: unknown; label?: unknown }> } | Record<string, unknown>;
}

/** How one stored value reads for people: the option's label, the person's name; anything else as stored. */
export interface DisplayContext {
  label: (text: unknown, fallback: string) => string;
  personName: (id: string) => string | undefined;
}

const PERSON_TYPES = new Set(['user', 'person', 'users']);

function optionsOf(field: DisplayField): Array<{ value: unknown; label?: unknown }> {
  const options = (field.config as { options?: unknown } | undefined)?.options;
  return Array.isArray(options) ? (options as Array<{ value: unknown; label?: unknown }>) : [];
}

function one(field: DisplayField, value: unknown, ctx: DisplayContext): unknown {
  const options = optionsOf(field);
  if (options.length > 0) {
    const option = options.find((o) => o.value === value);
    if (option && option.label !== undefined) return ctx.label(option.label, String(value));
  }
  if (PERSON_TYPES.has(field.type) && typeof value === 'string') return ctx.personName(value) ?? value;
  return value;
}

/** The value of `field` as the table shows, searches, sorts and exports it (Tier "a" → "A (key account)"). */
export function displayValue(field: DisplayField, value: unknown, ctx: DisplayContext): unknown {
  return Array.isArray(value) ? value.map((v) => one(field, v, ctx)) : one(field, value, ctx);
}

/** Person ids stored in person fields of these rows (to look their names up once). */
export function personIdsOf(fields: readonly DisplayField[], rows: ReadonlyArray<Record<string, unknown>>): string[] {
  const ids = new Set<string>();
  for (const field of fields.filter((f) => PERSON_TYPES.has(f.type))) {
    for (const row of rows) {
      const value = row[field.key];
      for (const v of Array.isArray(value) ? value : [value]) if (typeof v === 'string' && v) ids.add(v);
    }
  }
  return [...ids];
}
