import type { Condition, ReportField, ReportQuery } from '@baton/engine';
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { LoadedReport, ReportCatalog } from './report-catalog.js';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const FORM_KEY = /^[a-z][a-z0-9-]*$/;

/** Top-level date fields of the form a report's own filters compare (as ISO text, see condition-sql.ts). */
function filteredFields(condition: Condition | undefined, out: Set<string>): Set<string> {
  if (!condition) return out;
  const take = (f: ReportField) => {
    // Dates: reports look at periods. Text equality on a few categories rarely pays for an index.
    if (f.column === 'data' && f.path.length === 1 && !f.via && f.type === 'date') out.add(f.path[0] as string);
  };
  switch (condition.kind) {
    case 'and':
    case 'or':
      condition.items.forEach((c) => filteredFields(c, out));
      break;
    case 'not':
      filteredFields(condition.item, out);
      break;
    case 'compare':
    case 'in':
      take(condition.field);
      break;
    default:
      break;
  }
  return out;
}

/**
 * Expression indexes for the form fields a report filters on (`data ->> 'lastWorkingDay'` of the form's
 * rows), so a dashboard that looks at one year of a form's data reads that year, not every row the form
 * ever had. Created the first time such a report runs in a process: CONCURRENTLY on PostgreSQL (writes go
 * on meanwhile), plainly on PGlite. Names are derived from a hash; the field and form keys are identifiers
 * the definition schema already restricts, checked again here before they reach DDL (which cannot bind
 * parameters). A failure only costs speed, so it is logged by the caller's error path and ignored here.
 */
export async function ensureReportIndexes(db: Kysely<Database>, catalog: ReportCatalog, loaded: LoadedReport, query: ReportQuery): Promise<void> {
  if (catalog.indexed.has(loaded.hash)) return;
  catalog.indexed.add(loaded.hash);
  const form = query.dataset.source === 'form' && query.dataset.rows === undefined ? query.dataset.form : undefined;
  if (!form || !FORM_KEY.test(form)) return;
  const table = loaded.collection ? 'records' : 'instances';
  const fields = filteredFields(query.where, new Set());
  for (const field of fields) {
    if (!IDENTIFIER.test(field)) continue;
    const name = `report_${table === 'records' ? 'r' : 'i'}_${createHash('sha256').update(`${table}:${form}:${field}`).digest('hex').slice(0, 16)}`;
    const concurrently = catalog.dialect === 'postgres' ? sql`concurrently ` : sql``;
    try {
      await sql`create index ${concurrently}if not exists ${sql.id(name)} on ${sql.id(table)} ((data ->> ${sql.lit(field)})) where form_key = ${sql.lit(form)}`.execute(db);
    } catch {
      // Another process may be building the same index; the report runs without it meanwhile.
    }
  }
}
