import type { HistoryEntry } from '@baton/client';
import { recordDisplayValue, type FormDefinition } from '@baton/engine';
import { useEffect, useMemo, useState } from 'react';
import { useApi } from '../../app/session/use-api.js';
import { usePeople } from '../people/use-people.js';
import type { FormField, ValueNames } from './field-value-text.js';

const PEOPLE = new Set(['user', 'person', 'users']);
type Row = Record<string, unknown>;

/** A relation field or sub-table column of a form, with what names its records. */
interface RelationPath {
  form: string;
  path: string;
  displayField: string | undefined;
}

function relationPaths(forms: readonly FormDefinition[]): RelationPath[] {
  const out: RelationPath[] = [];
  const add = (form: string, path: string, field: FormField) => {
    const display = (field.config as { displayField?: unknown } | undefined)?.displayField;
    out.push({ form, path, displayField: typeof display === 'string' ? display : undefined });
  };
  for (const form of forms) {
    for (const field of form.fields) {
      if (field.type === 'relation') add(form.key, field.key, field);
      for (const column of field.fields ?? []) if (column.type === 'relation') add(form.key, `${field.key}.${column.key}`, column);
    }
  }
  return out;
}

/** Whether `data` holds a value at a relation path ("customerId", or "customers.customerId" in some row). */
function holdsAt(data: Row, path: string): boolean {
  const [top = '', column] = path.split('.');
  const value = data[top];
  if (column === undefined) return typeof value === 'string' || (Array.isArray(value) && value.length > 0);
  return Array.isArray(value) && value.some((row) => typeof (row as Row | null)?.[column] === 'string');
}

/** Person ids held by the people fields (and sub-table people columns) of `data`. */
function personIds(fields: ReadonlyMap<string, FormField>, data: Row): string[] {
  const ids: string[] = [];
  const take = (value: unknown) => {
    for (const v of Array.isArray(value) ? value : [value]) if (typeof v === 'string' && v) ids.push(v);
  };
  for (const [key, field] of fields) {
    const value = data[key];
    if (PEOPLE.has(field.type)) take(value);
    const columns = (field.fields ?? []).filter((c) => PEOPLE.has(c.type));
    if (columns.length > 0 && Array.isArray(value)) for (const row of value) for (const c of columns) take((row as Row | null)?.[c.key]);
  }
  return ids;
}

/**
 * Names for the ids an instance's data and its changes hold: people from the directory (one request for
 * the page), records from each relation's collection as the instance names them (relation-options with the
 * instance: a reader of the request sees those names without reading the collection), departments.
 * An id with no name found stays an id.
 */
export function useValueNames(forms: readonly FormDefinition[], fields: ReadonlyMap<string, FormField>, data: Row, history: readonly HistoryEntry[], instanceId: string): ValueNames {
  const api = useApi();
  const ids = useMemo(() => {
    const all = personIds(fields, data);
    for (const h of history) for (const c of h.changes ?? []) all.push(...personIds(fields, { [c.field]: c.from }), ...personIds(fields, { [c.field]: c.to }));
    return all;
  }, [fields, data, history]);
  const people = usePeople(ids);

  // Only relations that hold something here (now or in a change); as text, so forms that arrive again as
  // new objects with the same relations do not ask again.
  const wanted = useMemo(() => {
    const snapshots = [data, ...history.flatMap((h) => (h.changes ?? []).flatMap((c) => [{ [c.field]: c.from }, { [c.field]: c.to }]))];
    return JSON.stringify(relationPaths(forms).filter((r) => snapshots.some((d) => holdsAt(d as Row, r.path))));
  }, [forms, data, history]);
  const [records, setRecords] = useState<ReadonlyMap<string, ReadonlyMap<string, string>>>(new Map());
  useEffect(() => {
    const relations = JSON.parse(wanted) as RelationPath[];
    if (!instanceId || relations.length === 0) return;
    let live = true;
    void Promise.all(
      relations.map((r) =>
        api.records.relationOptions({ form: r.form, field: r.path, instanceId }).then(
          (answer) => [r.path, new Map(answer.items.flatMap((rec) => {
            const name = recordDisplayValue(rec.data as Row, r.displayField);
            return name === undefined ? [] : [[rec.id, name] as const];
          }))] as const,
          // Not allowed or not published: the ids show as they are.
          () => [r.path, new Map<string, string>()] as const,
        ),
      ),
    ).then((found) => live && setRecords(new Map(found)));
    return () => {
      live = false;
    };
  }, [api, instanceId, wanted]);

  const wantsDepartments = useMemo(() => [...fields.values()].some((f) => f.type === 'department' || (f.fields ?? []).some((c) => c.type === 'department')), [fields]);
  const [departments, setDepartments] = useState<ReadonlyMap<string, string>>(new Map());
  useEffect(() => {
    if (!wantsDepartments) return;
    let live = true;
    api.directory.departments().then((r) => live && setDepartments(new Map(r.items.map((d) => [d.id, d.name]))), () => undefined);
    return () => {
      live = false;
    };
  }, [api, wantsDepartments]);

  return useMemo<ValueNames>(
    () => ({
      personName: (id) => people.get(id)?.name || undefined,
      recordName: (path, id) => records.get(path)?.get(id),
      departmentName: (id) => departments.get(id),
    }),
    [people, records, departments],
  );
}
