import type { UiSchema } from '@rjsf/utils';

/** An `each` task's rows (GET /api/tasks/:id `ownRows`): a successor changes only the rows naming them. */
export interface OwnRows {
  owner: string;
  tables: ReadonlyArray<{ table: string; column: string }>;
}

/**
 * The uiSchema with the rows handed to someone else disabled (rjsf 6 takes a function as a table's `items`
 * uiSchema, asked per row): the server refuses changes to them (BATON_E_FLOW_ROW_NOT_YOURS), so the page
 * does not offer them. Tables the uiSchema does not show are left alone.
 */
export function withOwnRows(ui: UiSchema, own: OwnRows | undefined): UiSchema {
  if (!own) return ui;
  const out: UiSchema = { ...ui };
  for (const { table, column } of own.tables) {
    const entry = (out[table] as UiSchema | undefined) ?? {};
    const rowUi = (typeof entry.items === 'object' && entry.items !== null ? entry.items : {}) as UiSchema;
    const others: UiSchema = { ...rowUi, 'ui:disabled': true };
    out[table] = { ...entry, items: (item: unknown) => ((item as Record<string, unknown> | undefined)?.[column] === own.owner ? rowUi : others) };
  }
  return out;
}
