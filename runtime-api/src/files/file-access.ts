import type { Kysely, Selectable } from 'kysely';
import { instanceViewOf, projectForView } from '../access/instance-access.js';
import { canReadRecords } from '../access/record-access.js';
import { hasAnyRole, ROLES, type Principal } from '../auth/principal.js';
import type { Database } from '../db/database.js';
import type { ExecutionServices } from '../execution/execution-services.js';
import { referencesFile } from './file-references.js';
import type { FileLinksTable, FilesTable } from './file-tables.js';

type Link = Pick<Selectable<FileLinksTable>, 'subject_kind' | 'subject_id'>;

/** The instance's data as the caller sees it references the file (hidden fields never count). */
async function viaInstance(db: Kysely<Database>, services: ExecutionServices, principal: Principal, instanceId: string, fileId: string): Promise<boolean> {
  const row = await db.selectFrom('instances').selectAll().where('id', '=', instanceId).executeTakeFirst();
  if (!row) return false;
  const flow = await services.definitions.flow(db, row.flow_key, row.flow_version);
  const view = await instanceViewOf(db, principal, row, flow?.compiled);
  if (!view.visible) return false;
  const form = row.form_key ? await services.definitions.form(db, row.form_key) : undefined;
  return referencesFile(projectForView(row.data, view, flow?.compiled, form?.compiled), fileId);
}

async function viaRecord(db: Kysely<Database>, services: ExecutionServices, principal: Principal, recordId: string, fileId: string): Promise<boolean> {
  const row = await db.selectFrom('records').select(['form_key', 'data']).where('id', '=', recordId).executeTakeFirst();
  if (!row) return false;
  const form = await services.definitions.form(db, row.form_key);
  return canReadRecords(principal, form?.body ?? {}) && referencesFile(row.data, fileId);
}

/** A rule task's own data: its assignees, HR, and whoever may see its instance (as GET /tasks/:id). */
async function viaTask(db: Kysely<Database>, services: ExecutionServices, principal: Principal, taskId: string, fileId: string): Promise<boolean> {
  const task = await db.selectFrom('tasks').select(['assignees', 'instance_id', 'data']).where('id', '=', taskId).executeTakeFirst();
  if (!task || !referencesFile(task.data, fileId)) return false;
  if (task.assignees.includes(principal.userId) || hasAnyRole(principal, [ROLES.hr])) return true;
  if (!task.instance_id) return false;
  const row = await db.selectFrom('instances').select(['id', 'started_by', 'subject_id', 'flow_key', 'flow_version']).where('id', '=', task.instance_id).executeTakeFirst();
  if (!row) return false;
  const flow = await services.definitions.flow(db, row.flow_key, row.flow_version);
  return (await instanceViewOf(db, principal, row, flow?.compiled)).visible;
}

/**
 * Who may download a file: until it is attached, its uploader (and admins); afterwards whoever may see an
 * instance, record or task whose data (as they see it) still references it. Everyone else gets the same
 * 404 as for an id that does not exist.
 */
export async function canReadFile(
  db: Kysely<Database>,
  services: ExecutionServices,
  principal: Principal,
  file: Pick<Selectable<FilesTable>, 'id' | 'uploaded_by'>,
): Promise<boolean> {
  const links: Link[] = await db.selectFrom('file_links').select(['subject_kind', 'subject_id']).where('file_id', '=', file.id).execute();
  if (links.length === 0) return file.uploaded_by === principal.userId || hasAnyRole(principal, []);
  for (const link of links) {
    const check = link.subject_kind === 'instance' ? viaInstance : link.subject_kind === 'record' ? viaRecord : viaTask;
    if (await check(db, services, principal, link.subject_id, file.id)) return true;
  }
  return false;
}
