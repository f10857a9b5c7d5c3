import type { ReportCell, ReportQuery } from '@baton/engine';
import type { Kysely } from 'kysely';
import { instanceViewOf, projectForView } from '../access/instance-access.js';
import type { Principal } from '../auth/principal.js';
import type { Database } from '../db/database.js';
import type { ExecutionServices } from '../execution/execution-services.js';

/** Datasets whose `data` columns are the instance's data (tasks carry their own submission). */
const INSTANCE_DATA = new Set(['form', 'flow-instances', 'history', 'steps']);

/**
 * Drill-down rows for a viewer who sees instances one by one: a column read from the instance data is
 * blanked when the field is hidden from every node the viewer takes part in (the same projection as
 * GET /instances/:id), so a report never shows a field the instance page would hide.
 */
export async function projectDrillRows(
  db: Kysely<Database>,
  services: ExecutionServices,
  principal: Principal,
  query: ReportQuery,
  rows: Array<Record<string, ReportCell>>,
): Promise<Array<Record<string, ReportCell>>> {
  if (!INSTANCE_DATA.has(query.dataset.source)) return rows;
  const dataColumns = query.drillColumns.filter((f) => f.column === 'data' || f.column === 'row');
  if (dataColumns.length === 0) return rows;
  const ids = [...new Set(rows.map((r) => r.instanceId).filter((id): id is string => typeof id === 'string'))];
  if (ids.length === 0) return rows;
  const instances = await db.selectFrom('instances').select(['id', 'flow_key', 'flow_version', 'started_by', 'subject_id', 'form_key', 'data']).where('id', 'in', ids).execute();
  const visible = new Map<string, Record<string, unknown>>();
  for (const instance of instances) {
    const flow = await services.definitions.flow(db, instance.flow_key, instance.flow_version);
    const form = instance.form_key ? await services.definitions.form(db, instance.form_key) : undefined;
    const view = await instanceViewOf(db, principal, instance, flow?.compiled);
    visible.set(instance.id, view.visible ? projectForView(instance.data, view, flow?.compiled, form?.compiled) : {});
  }
  const rowsTable = query.dataset.rows;
  return rows.map((row) => {
    const projected = typeof row.instanceId === 'string' ? visible.get(row.instanceId) : undefined;
    const out = { ...row };
    for (const f of dataColumns) {
      const top = f.column === 'row' ? rowsTable : f.path[0];
      const value = top === undefined ? undefined : projected?.[top];
      let shown = value !== undefined;
      if (shown && f.column === 'row' && Array.isArray(value) && f.path[0] !== undefined) {
        shown = value.some((r) => typeof r === 'object' && r !== null && Object.hasOwn(r, f.path[0] as string));
      }
      if (!shown) out[f.ref] = null;
    }
    return out;
  });
}
