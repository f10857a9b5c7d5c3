import type { Localizable } from '../../app/i18n/localized.js';

/** A field a condition can test, as the builder offers it. */
export interface FieldOption {
  /** The JsonLogic `var` path ("lastWorkingDay", "$parent.employeeId", "$event.action"). */
  path: string;
  label: Localizable;
  type: string;
  options?: Array<{ value: string; label: Localizable }>;
  /** A sub-table's columns: what a row test ("no row where …") reads. */
  columns?: FieldOption[];
}

interface FieldLike {
  key: string;
  type: string;
  label: Localizable;
  config?: Record<string, unknown> | undefined;
  fields?: FieldLike[] | undefined;
}

function optionsOf(field: FieldLike): FieldOption['options'] {
  const raw = field.config?.options;
  if (!Array.isArray(raw)) return undefined;
  return raw.flatMap((o) => (o && typeof o === 'object' && typeof (o as { value?: unknown }).value === 'string' ? [{ value: (o as { value: string }).value, label: (o as { label: Localizable }).label }] : []));
}

function option(path: string, field: FieldLike): FieldOption {
  const options = optionsOf(field);
  const columns = field.fields?.map((c) => option(c.key, c));
  return { path, label: field.label, type: field.type, ...(options ? { options } : {}), ...(columns ? { columns } : {}) };
}

/**
 * What a condition may read. At the form's top level: its fields (sub-tables as lists). Inside a
 * sub-table (`table` given): that table's columns by name, and the form's fields under `$parent.`.
 */
export function fieldOptions(fields: readonly FieldLike[] | undefined, table?: string): FieldOption[] {
  const list = fields ?? [];
  if (table === undefined) return list.map((f) => option(f.key, f));
  const columns = list.find((f) => f.key === table)?.fields ?? [];
  return [...columns.map((c) => option(c.key, c)), ...list.filter((f) => f.key !== table).map((f) => option(`$parent.${f.key}`, f))];
}
