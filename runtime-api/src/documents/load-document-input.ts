import type { CompiledFlow, DirectoryReader, DocumentInput, DocumentRecord, DocumentTask, FormField, LocalizedText } from '@baton/engine';
import type { Kysely } from 'kysely';
import type { RuntimeConfig } from '../config/runtime-config.js';
import type { Database } from '../db/database.js';
import type { InstanceRow } from '../execution/instance-pipeline.js';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Ids held by relation fields (top level and sub-table columns), so their records are loaded in one query. */
export function relationIds(fields: readonly FormField[], data: Record<string, unknown>): string[] {
  const ids = new Set<string>();
  const take = (value: unknown) => {
    for (const v of Array.isArray(value) ? value : [value]) if (typeof v === 'string' && v !== '') ids.add(v);
  };
  for (const field of fields) {
    const type = field.type.split('@')[0];
    if (type === 'relation') take(data[field.key]);
    if (Array.isArray(field.fields)) {
      const columns = field.fields.filter((c) => c.type.split('@')[0] === 'relation');
      const rows = data[field.key];
      if (columns.length === 0 || !Array.isArray(rows)) continue;
      for (const row of rows) if (isRecord(row)) for (const column of columns) take(row[column.key]);
    }
  }
  return [...ids];
}

export interface DocumentInputSource {
  instance: InstanceRow;
  /** The data to print: the caller's view of the instance, or an effect's snapshot. */
  data: Record<string, unknown>;
  flow: CompiledFlow | undefined;
  formFields: readonly FormField[];
  directory: DirectoryReader;
  config: RuntimeConfig;
  /** The employer's name (organization-name.ts); BATON_ORG_NAME when not given. */
  organizationName?: LocalizedText | undefined;
  now: Date;
}

/**
 * Everything a render reads, loaded up front so the engine's render stays pure: the instance, its tasks
 * (who confirmed what when), the records its relation fields point at, the directory and the employer's name.
 */
export async function loadDocumentInput(db: Kysely<Database>, source: DocumentInputSource): Promise<DocumentInput> {
  const { instance, data, flow } = source;
  const taskRows = await db
    .selectFrom('tasks')
    .select(['id', 'node_id', 'title', 'status', 'outcome', 'assignees', 'completed_by', 'completed_at', 'created_at', 'comment'])
    .where('instance_id', '=', instance.id)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  // Whom each `each` task was made for lives in the flow state (the tasks table has no column for it).
  const slots = new Map<string, string>();
  for (const t of ((instance.state as { tasks?: Array<{ id?: unknown; slot?: unknown }> } | null)?.tasks ?? [])) {
    if (typeof t.id === 'string' && typeof t.slot === 'string') slots.set(t.id, t.slot);
  }
  const tasks: DocumentTask[] = taskRows.map((t) => {
    const nodeName = flow?.node(t.node_id)?.def.name as LocalizedText | undefined;
    const task: DocumentTask = {
      id: t.id,
      nodeId: t.node_id,
      status: t.status,
      assignees: t.assignees,
      createdAt: new Date(t.created_at).toISOString(),
    };
    if (nodeName !== undefined) task.nodeName = nodeName;
    if (t.title && Object.keys(t.title).length > 0) task.title = t.title as LocalizedText;
    if (t.outcome !== null) task.outcome = t.outcome;
    if (t.completed_by !== null) task.completedBy = t.completed_by;
    if (t.completed_at !== null) task.completedAt = new Date(t.completed_at).toISOString();
    if (t.comment !== null) task.comment = t.comment;
    const slot = slots.get(t.id);
    if (slot !== undefined) task.slot = slot;
    return task;
  });

  const ids = relationIds(source.formFields, data);
  const records = new Map<string, DocumentRecord>();
  if (ids.length > 0) {
    const rows = await db.selectFrom('records').select(['id', 'form_key', 'data']).where('id', 'in', ids).execute();
    for (const row of rows) records.set(row.id, { id: row.id, formKey: row.form_key, data: row.data });
  }

  const input: DocumentInput = {
    data,
    now: source.now.toISOString(),
    timeZone: source.config.timeZone,
    directory: source.directory,
    record: (id) => records.get(id),
    tasks,
    instance: {
      id: instance.id,
      flowKey: instance.flow_key,
      flowVersion: instance.flow_version,
      status: instance.status,
      startedAt: new Date(instance.created_at).toISOString(),
      initiator: instance.started_by,
      ...(instance.business_key !== null ? { businessKey: instance.business_key } : {}),
      ...(instance.completed_at !== null ? { completedAt: new Date(instance.completed_at).toISOString() } : {}),
    },
  };
  const org = source.organizationName ?? source.config.documents?.organizationName;
  if (org) input.org = { name: org as LocalizedText };
  return input;
}
