import type { RecordLookup } from '@baton/engine';

type Json = Record<string, unknown>;

/** A record as the simulation hands it to the engine: its id and data (what GET /api/records/:formKey lists). */
export interface LookupRecord {
  id: string;
  data: Json;
  /** Its collection: a relation field's filter accepts only records of its own form, as the runtime does. */
  formKey?: string;
}

/** What a run read: ids it found among the records, and ids it asked for that none has. In the order asked. */
export interface RecordsRead {
  found: string[];
  missing: string[];
}

/**
 * The lookup the runtime gives the engine (runtime-api related-records.ts: id → `{ data, formKey }`, undefined when there
 * is no such record), over records held in memory instead of a database; it notes every id asked for, so the
 * analyst sees which records a run used. The first record with an id wins (the caller lists sample records
 * before the workspace's). Pure: it runs in the engine worker beside simulate().
 */
export function recordLookup(records: readonly LookupRecord[]): { lookup: RecordLookup; read: () => RecordsRead } {
  const byId = new Map<string, LookupRecord>();
  for (const record of records) if (!byId.has(record.id)) byId.set(record.id, record);
  const asked = new Set<string>();
  const lookup: RecordLookup = (id) => {
    asked.add(id);
    const record = byId.get(id);
    if (!record) return undefined;
    return record.formKey === undefined ? { data: record.data } : { data: record.data, formKey: record.formKey };
  };
  const read = () => {
    const ids = [...asked];
    return { found: ids.filter((id) => byId.has(id)), missing: ids.filter((id) => !byId.has(id)) };
  };
  return { lookup, read };
}
