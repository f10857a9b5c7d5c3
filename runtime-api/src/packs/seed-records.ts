import { compileForm, createRegistry, type CompiledForm, type Issue, type Locale, type Registry } from '@baton/engine';
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { canonicalJson } from '@baton/engine';
import type { Database } from '../db/database.js';
import { issue } from '@baton/engine';
import './pack-errors.js';

type Json = Record<string, unknown>;

/** One seed record ready to write: its stable id and its data as the form stores it. */
export interface SeedRecord {
  id: string;
  data: Json;
}

export interface SeedRecordsPlan {
  /** Collection forms: the records to write, by form key. */
  byForm: Map<string, { version: number; records: SeedRecord[] }>;
  issues: Issue[];
}

const SEED_ID = /^[A-Za-z0-9._:-]{1,128}$/;
let registry: Registry | undefined;

/**
 * The id of a seed record: its `$id` when given (stable across pack versions, so a re-import finds it),
 * else derived from the pack, the form and the row's content (the same row always gets the same id).
 */
export function seedRecordId(packKey: string, form: string, row: Json): string {
  if (typeof row.$id === 'string') return row.$id;
  const { $id: _id, ...data } = row;
  return 'seed-' + createHash('sha256').update(`${packKey}/${form}/${canonicalJson(data)}`).digest('hex').slice(0, 32);
}

/**
 * Checks the seed records of a pack against their forms (the pack's own, else the installed ones) and
 * plans what to write. Only collection forms hold records; seed rows of other forms stay in the stored
 * pack (and its export) only, as before. Issue paths point into the bundle (`/seed/records/<form>/<n>`).
 */
export function planSeedRecords(input: {
  packKey: string;
  records: Record<string, Json[]>;
  /** The form definitions the seed may name: the pack's first, then the installed ones. */
  formBody: (key: string) => Json | undefined;
  formVersion: (key: string) => number;
  origin: (form: string) => string;
  locale: Locale;
}): SeedRecordsPlan {
  const plan: SeedRecordsPlan = { byForm: new Map(), issues: [] };
  for (const [form, rows] of Object.entries(input.records)) {
    const body = input.formBody(form);
    if (!body || body.collection !== true) continue;
    let compiled: CompiledForm;
    try {
      compiled = compileForm(body as never, (registry ??= createRegistry()));
    } catch {
      continue; // the definition's own validation reports why it does not compile
    }
    const base = input.origin(form).startsWith('/seed/') ? `/seed/records/${form}` : input.origin(form);
    const seen = new Set<string>();
    const records: SeedRecord[] = [];
    rows.forEach((row, n) => {
      const at = `${base}/${n}`;
      const id = seedRecordId(input.packKey, form, row);
      if (!SEED_ID.test(id) || seen.has(id)) {
        plan.issues.push(issue('BATON_E_PACK_SEED_RECORD_ID', `${at}/$id`, {}, input.locale));
        return;
      }
      seen.add(id);
      const { $id: _id, ...data } = row;
      const result = compiled.validate(data, { locale: input.locale });
      if (!result.ok) plan.issues.push(...result.errors.map((e) => ({ ...e, path: at + e.path })));
      else records.push({ id, data: result.data });
    });
    plan.byForm.set(form, { version: input.formVersion(form), records });
  }
  return plan;
}

/**
 * Writes planned seed records in the import's transaction. A record whose id exists is left as it is: a
 * re-import (or a newer pack version) never undoes what people changed since (an owner reassigned by an
 * offboarding). Returns the records inserted per form.
 */
export async function writeSeedRecords(trx: Kysely<Database>, plan: SeedRecordsPlan, actor: string, now: Date): Promise<Record<string, number>> {
  const inserted: Record<string, number> = {};
  for (const [form, { version, records }] of plan.byForm) {
    inserted[form] = 0;
    for (let i = 0; i < records.length; i += 500) {
      const rows = await trx
        .insertInto('records')
        .values(records.slice(i, i + 500).map((r) => ({
          id: r.id, form_key: form, form_version: version, data: JSON.stringify(r.data), instance_id: null,
          created_by: actor, updated_by: actor, created_at: now, updated_at: now,
        })))
        .onConflict((oc) => oc.column('id').doNothing())
        .returning('id')
        .execute();
      inserted[form] += rows.length;
    }
  }
  return inserted;
}
