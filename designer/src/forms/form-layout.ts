import type { FormDefinition, FormField, FormSection } from '@baton/engine';
import { renameReferences } from './rename-references.js';

/**
 * The form designer's editing operations, pure over a form definition. Top-level fields are shown in
 * containers: each section, then the fields no section names ("root"); a sub-table's columns form a
 * container of their own ("table:<key>"). An item id is a field key, or "table.column" for a column.
 */
export type ContainerId = 'root' | `section:${number}` | `table:${string}`;

export interface Container {
  id: ContainerId;
  kind: 'root' | 'section' | 'table';
  /** Item ids in display order. */
  items: string[];
  section?: FormSection;
  table?: string;
}

export interface Target {
  container: ContainerId;
  /** Position in the container's items; past the end appends. */
  index: number;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function isIdentifier(key: string): boolean {
  return IDENTIFIER.test(key);
}

function sectionsOf(def: FormDefinition): FormSection[] {
  return def.sections ?? [];
}

export function containers(def: FormDefinition): Container[] {
  const sections = sectionsOf(def);
  const sectioned = new Set(sections.flatMap((s) => s.fields));
  const keys = new Set(def.fields.map((f) => f.key));
  const out: Container[] = sections.map((section, i) => ({ id: `section:${i}`, kind: 'section', items: section.fields.filter((k) => keys.has(k)), section }));
  out.push({ id: 'root', kind: 'root', items: def.fields.filter((f) => !sectioned.has(f.key)).map((f) => f.key) });
  return out;
}

export function tableContainer(def: FormDefinition, table: string): Container {
  const field = def.fields.find((f) => f.key === table);
  return { id: `table:${table}`, kind: 'table', table, items: (field?.fields ?? []).map((c) => `${table}.${c.key}`) };
}

export function findField(def: FormDefinition, itemId: string): FormField | undefined {
  const [top, column] = splitItem(itemId);
  const field = def.fields.find((f) => f.key === top);
  if (column === undefined) return field;
  return field?.fields?.find((c) => c.key === column);
}

function splitItem(itemId: string): [string, string | undefined] {
  const dot = itemId.indexOf('.');
  return dot < 0 ? [itemId, undefined] : [itemId.slice(0, dot), itemId.slice(dot + 1)];
}

/** Keeps `fields` in display order (sections first, then the rest), which is also the order forms render in. */
function normalize(def: FormDefinition): FormDefinition {
  const byKey = new Map(def.fields.map((f) => [f.key, f]));
  const order = containers(def).flatMap((c) => c.items);
  const fields = order.map((k) => byKey.get(k)!).filter(Boolean);
  const sections = sectionsOf(def).map((s) => ({ ...s, fields: s.fields.filter((k) => byKey.has(k)) }));
  const next: FormDefinition = { ...def, fields };
  if (def.sections !== undefined) next.sections = sections;
  return next;
}

/** A key no field in the same scope uses: "text_1", "text_2"… (field keys must be identifiers). */
export function uniqueKey(def: FormDefinition, type: string, table?: string): string {
  const base = type.replace(/@.*$/, '').replace(/[^A-Za-z0-9_]/g, '_').replace(/^([0-9])/, '_$1') || 'field';
  const scope = table === undefined ? def.fields : (def.fields.find((f) => f.key === table)?.fields ?? []);
  const taken = new Set(scope.map((f) => f.key));
  for (let n = 1; ; n++) if (!taken.has(`${base}_${n}`)) return `${base}_${n}`;
}

function removeFromSections(sections: FormSection[] | undefined, key: string): FormSection[] | undefined {
  return sections?.map((s) => ({ ...s, fields: s.fields.filter((k) => k !== key) }));
}

/** Places a top-level field (already in `fields`) at a target of the top-level containers. */
function placeTop(def: FormDefinition, key: string, target: Target): FormDefinition {
  let sections = removeFromSections(def.sections, key);
  let fields = def.fields;
  if (target.container.startsWith('section:')) {
    const s = Number(target.container.slice('section:'.length));
    sections = (sections ?? []).map((section, i) => {
      if (i !== s) return section;
      const list = [...section.fields];
      list.splice(Math.min(target.index, list.length), 0, key);
      return { ...section, fields: list };
    });
  } else {
    // Unsectioned: reorder among the unsectioned fields.
    const sectioned = new Set((sections ?? []).flatMap((x) => x.fields));
    const moving = fields.find((f) => f.key === key)!;
    const rest = fields.filter((f) => f.key !== key);
    const loose = rest.filter((f) => !sectioned.has(f.key));
    const before = loose[target.index];
    const at = before ? rest.indexOf(before) : rest.length;
    fields = [...rest.slice(0, at), moving, ...rest.slice(at)];
  }
  const next: FormDefinition = { ...def, fields };
  if (sections !== undefined) next.sections = sections;
  return normalize(next);
}

/** Adds a new field at a target; returns the definition and the new item's id. */
export function insertField(def: FormDefinition, field: FormField, target: Target): { def: FormDefinition; itemId: string } {
  if (target.container.startsWith('table:')) {
    const table = target.container.slice('table:'.length);
    const fields = def.fields.map((f) => {
      if (f.key !== table) return f;
      const columns = [...(f.fields ?? [])];
      columns.splice(Math.min(target.index, columns.length), 0, field);
      return { ...f, fields: columns };
    });
    return { def: { ...def, fields }, itemId: `${table}.${field.key}` };
  }
  return { def: placeTop({ ...def, fields: [...def.fields, field] }, field.key, target), itemId: field.key };
}

/** Removes a field (and its columns, and its place in sections). */
export function removeField(def: FormDefinition, itemId: string): FormDefinition {
  const [top, column] = splitItem(itemId);
  if (column !== undefined) {
    return { ...def, fields: def.fields.map((f) => (f.key === top ? { ...f, fields: (f.fields ?? []).filter((c) => c.key !== column) } : f)) };
  }
  const next: FormDefinition = { ...def, fields: def.fields.filter((f) => f.key !== top) };
  const sections = removeFromSections(def.sections, top);
  if (sections !== undefined) next.sections = sections;
  return next;
}

/**
 * Moves a field to a target. Columns move within or between tables and out to the top level; a
 * top-level field moves between sections or into a table (a sub-table cannot go inside another). A move
 * that would duplicate a key in its new scope is refused (the definition comes back unchanged).
 */
export function moveField(def: FormDefinition, itemId: string, target: Target): FormDefinition {
  const field = findField(def, itemId);
  if (!field) return def;
  const [top, column] = splitItem(itemId);
  const toTable = target.container.startsWith('table:') ? target.container.slice('table:'.length) : undefined;
  if (column === undefined && toTable === undefined) return placeTop(def, top, target);
  if (column !== undefined && toTable === top) {
    // Reorder within the same table.
    const table = def.fields.find((f) => f.key === top)!;
    const columns = (table.fields ?? []).filter((c) => c.key !== column);
    columns.splice(Math.min(target.index, columns.length), 0, field);
    return { ...def, fields: def.fields.map((f) => (f.key === top ? { ...f, fields: columns } : f)) };
  }
  if (toTable !== undefined && (field.type.replace(/@.*$/, '') === 'sub-table' || itemId === toTable)) return def;
  const destination = toTable === undefined ? def.fields : (def.fields.find((f) => f.key === toTable)?.fields ?? []);
  if (destination.some((f) => f.key === field.key)) return def;
  return insertField(removeField(def, itemId), field, target).def;
}

/** The field of the same scope (the form, or the item's sub-table) that already uses a key, if any. */
export function keyTakenBy(def: FormDefinition, itemId: string, key: string): FormField | undefined {
  const [top, column] = splitItem(itemId);
  const scope = column === undefined ? def.fields : (def.fields.find((f) => f.key === top)?.fields ?? []);
  return scope.find((f) => f.key === key && f.key !== (column ?? top));
}

/**
 * Renames a field, following the references the designer owns: expressions (visibleIf, requiredIf,
 * computed, rules, relation filters), sections, validations, access maps, title and reader fields.
 */
export function renameField(original: FormDefinition, itemId: string, newKey: string): FormDefinition {
  const [top, column] = splitItem(itemId);
  const oldKey = column ?? top;
  if (newKey === oldKey || !isIdentifier(newKey)) return original;
  if (keyTakenBy(original, itemId, newKey)) return original;
  // Expressions first, while sub-tables still have the names their scopes are resolved by.
  const def = renameReferences(original, column === undefined ? { from: oldKey, to: newKey } : { table: top, from: oldKey, to: newKey });
  const rename = (f: FormField) => (f.key === oldKey ? { ...f, key: newKey } : f);
  const fields = column === undefined ? def.fields.map(rename) : def.fields.map((f) => (f.key === top ? { ...f, fields: (f.fields ?? []).map(rename) } : f));
  const next: FormDefinition = { ...def, fields };
  if (column === undefined && def.sections) next.sections = def.sections.map((s) => ({ ...s, fields: s.fields.map((k) => (k === oldKey ? newKey : k)) }));
  if (def.validations) {
    next.validations = def.validations.map((v) => {
      if (column === undefined) {
        const out = { ...v };
        if (v.each === oldKey) out.each = newKey;
        if (v.each === undefined && v.path === oldKey) out.path = newKey;
        return out;
      }
      return v.each === top && v.path === oldKey ? { ...v, path: newKey } : v;
    });
  }
  if (def.access) {
    const from = column === undefined ? oldKey : `${top}.${oldKey}`;
    const to = column === undefined ? newKey : `${top}.${newKey}`;
    next.access = Object.fromEntries(
      Object.entries(def.access).map(([node, map]) => [
        node,
        Object.fromEntries(Object.entries(map ?? {}).map(([k, v]) => [k === from ? to : column === undefined && k.startsWith(from + '.') ? to + k.slice(from.length) : k, v])),
      ]),
    );
  }
  return next;
}

export function updateField(def: FormDefinition, itemId: string, update: (f: FormField) => FormField): FormDefinition {
  const [top, column] = splitItem(itemId);
  if (column === undefined) return { ...def, fields: def.fields.map((f) => (f.key === top ? update(f) : f)) };
  return { ...def, fields: def.fields.map((f) => (f.key === top ? { ...f, fields: (f.fields ?? []).map((c) => (c.key === column ? update(c) : c)) } : f)) };
}

export function addSection(def: FormDefinition, title: FormSection['title']): FormDefinition {
  return normalize({ ...def, sections: [...sectionsOf(def), { title, fields: [] }] });
}

/** Removes a section; its fields stay, unsectioned. */
export function removeSection(def: FormDefinition, index: number): FormDefinition {
  const sections = sectionsOf(def).filter((_, i) => i !== index);
  const next: FormDefinition = { ...def };
  if (sections.length > 0) next.sections = sections;
  else delete next.sections;
  return normalize(next);
}

export function updateSection(def: FormDefinition, index: number, update: (s: FormSection) => FormSection): FormDefinition {
  return { ...def, sections: sectionsOf(def).map((s, i) => (i === index ? update(s) : s)) };
}

/** Every field path a flow's access matrix can name: "key" and "table.column". */
export function accessPaths(def: Pick<FormDefinition, 'fields'>): Array<{ path: string; field: FormField; column: boolean }> {
  return def.fields.flatMap((f) => [{ path: f.key, field: f, column: false }, ...(f.fields ?? []).map((c) => ({ path: `${f.key}.${c.key}`, field: c, column: true }))]);
}
