import { DEFAULT_OTHER_LABEL, localize, OTHER_VALUE, type Locale, type ReportQuery, type ReportRow } from '@baton/engine';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { latestPublished } from '../definitions/latest-published.js';
import type { LoadedReport } from './report-catalog.js';
import { idsIn, instanceReferences, userNames } from './reference-labels.js';

/** What a result column is, so a chart or a table can draw it without reading the definition. */
export interface ReportColumn {
  key: string;
  role: 'dimension' | 'measure';
  /** The dimension kind (field, date, tenure, department, words) or the measure op. */
  kind: string;
  label: string;
  type: 'string' | 'number' | 'boolean' | 'date';
  /** Date dimensions: the bucket (values are the first day of each). */
  bucket?: string;
  /** Display labels of values (department names, tenure bands, option labels, people's names). */
  valueLabels?: Record<string, string>;
  /**
   * The values are ids of people or flow instances, shown by their labels (name; business key or short id):
   * a CSV carries the label and, in a column of its own, the id.
   */
  references?: 'user' | 'instance';
  format?: Record<string, unknown>;
  unit?: string;
  stat?: string;
  /** Top-N dimensions: the value that stands for every value outside the top n (labelled in valueLabels). */
  otherValue?: string;
}

type Localized = Parameters<typeof localize>[0];
type FieldDimension = Extract<ReportQuery['dimensions'][number], { kind: 'field' }>;

/** What the values of a field dimension are ids of, if anything: a person, or a flow instance. */
function referenceOf(query: ReportQuery, d: FieldDimension): 'user' | 'instance' | undefined {
  if (d.field.via) return undefined;
  if (d.field.role === 'user') return 'user';
  const column = d.field.column;
  if (column === 'instanceId' || column === '$instanceId' || (query.dataset.source === 'flow-instances' && column === 'id')) return 'instance';
  return undefined;
}

function labelsOf(labels: Map<string, string>, ids: string[]): Record<string, string> {
  return Object.fromEntries(ids.flatMap((id) => (labels.has(id) ? [[id, labels.get(id)!]] : [])));
}

/** Labels of the reference dimensions' values (names of people, references of instances), one query each kind. */
async function referenceLabels(db: Kysely<Database>, query: ReportQuery, rows: ReportRow[]): Promise<Record<'user' | 'instance', Map<string, string>>> {
  const fields = query.dimensions.filter((d): d is FieldDimension => d.kind === 'field');
  const keysOf = (kind: 'user' | 'instance') => fields.filter((d) => referenceOf(query, d) === kind).map((d) => d.key);
  const [user, instance] = await Promise.all([userNames(db, idsIn(rows, keysOf('user'))), instanceReferences(db, idsIn(rows, keysOf('instance')))]);
  return { user, instance };
}

function optionLabels(formBody: Record<string, unknown> | undefined, fieldKey: string, locale: Locale): Record<string, string> | undefined {
  const fields = Array.isArray(formBody?.fields) ? (formBody.fields as Array<Record<string, unknown>>) : [];
  const field = fields.find((f) => f.key === fieldKey);
  const options = (field?.config as { options?: Array<{ value?: unknown; label?: unknown }> } | undefined)?.options;
  if (!Array.isArray(options)) return undefined;
  const out: Record<string, string> = {};
  for (const o of options) if (o.value !== undefined) out[String(o.value)] = localize(o.label as Localized, locale);
  return out;
}

/** Names of a flow's nodes ("managerApproval" → "Manager approval"), from its latest published version. */
async function nodeNames(db: Kysely<Database>, flow: string, locale: Locale): Promise<Record<string, string>> {
  const row = await latestPublished(db, 'flow', flow)
    .select(sql<unknown>`body -> 'nodes'`.as('nodes'))
    .executeTakeFirst();
  const out: Record<string, string> = {};
  if (!Array.isArray(row?.nodes)) return out;
  for (const node of row.nodes as Array<{ id?: unknown; name?: unknown }>) {
    if (typeof node.id === 'string' && node.name !== undefined) out[node.id] = localize(node.name as Localized, locale);
  }
  return out;
}

export async function reportColumns(db: Kysely<Database>, loaded: LoadedReport, query: ReportQuery, rows: ReportRow[], locale: Locale): Promise<ReportColumn[]> {
  const departmentKeys = query.dimensions.filter((d) => d.kind === 'department' || (d.kind === 'field' && d.field.role === 'department')).map((d) => d.key);
  const ids = new Set<string>();
  for (const row of rows) for (const key of departmentKeys) if (typeof row[key] === 'string') ids.add(row[key] as string);
  const names = new Map<string, string>();
  if (ids.size > 0) {
    const found = await db.selectFrom('directory_departments').select(['id', 'name']).where('id', 'in', [...ids]).execute();
    for (const d of found) names.set(d.id, d.name);
  }
  // Step dimensions (tasks, steps, history of one flow) show the steps' names, not their ids.
  const flow = 'flow' in query.dataset && typeof query.dataset.flow === 'string' ? query.dataset.flow : undefined;
  const showsNodes = query.dimensions.some((d) => d.kind === 'field' && d.field.column === 'node' && !d.field.via);
  const steps = flow && showsNodes ? await nodeNames(db, flow, locale) : undefined;
  const references = await referenceLabels(db, query, rows);
  const columns: ReportColumn[] = query.dimensions.map((d) => {
    const base = { key: d.key, role: 'dimension' as const, kind: d.kind, label: localize((d.label ?? d.key) as Localized, locale) };
    switch (d.kind) {
      case 'date':
        return { ...base, type: 'date', bucket: d.bucket };
      case 'tenure':
        return { ...base, type: 'string', valueLabels: Object.fromEntries(d.bands.map((b) => [b.key, localize(b.label as Localized, locale)])) };
      case 'department':
        return { ...base, type: 'string', valueLabels: Object.fromEntries([...names].filter(([id]) => rows.some((r) => r[d.key] === id))) };
      case 'words':
        return { ...base, type: 'string' };
      case 'field': {
        const type = d.field.type === 'number' ? 'number' : d.field.type === 'boolean' ? 'boolean' : d.field.type === 'date' ? 'date' : 'string';
        const declared = d.labels ? Object.fromEntries(Object.entries(d.labels).flatMap(([k, v]) => (v === undefined ? [] : [[k, localize(v as Localized, locale)]]))) : undefined;
        const options = d.field.column === 'data' && d.field.path.length === 1 && !d.field.via ? optionLabels(loaded.formBody, d.field.path[0] as string, locale) : undefined;
        const departments = d.field.role === 'department' ? Object.fromEntries([...names].filter(([id]) => rows.some((r) => r[d.key] === id))) : undefined;
        const nodes = d.field.column === 'node' && !d.field.via && steps ? Object.fromEntries(Object.entries(steps).filter(([id]) => rows.some((r) => r[d.key] === id))) : undefined;
        const reference = referenceOf(query, d);
        const referenced = reference ? labelsOf(references[reference], idsIn(rows, [d.key])) : undefined;
        const valueLabels = { ...departments, ...nodes, ...referenced, ...options, ...declared };
        return { ...base, type, ...(Object.keys(valueLabels).length > 0 ? { valueLabels } : {}), ...(reference ? { references: reference } : {}) };
      }
    }
  });
  query.dimensions.forEach((d, i) => {
    if (d.kind !== 'field' && d.kind !== 'department') return;
    if (!d.topN) return;
    const column = columns[i] as ReportColumn;
    const other = localize((d.topN.otherLabel ?? DEFAULT_OTHER_LABEL) as Localized, locale);
    columns[i] = { ...column, valueLabels: { ...column.valueLabels, [OTHER_VALUE]: other }, otherValue: OTHER_VALUE };
  });
  for (const m of query.measures) {
    const type = (m.op === 'min' || m.op === 'max') && m.as === 'date' ? 'date' : (m.op === 'min' || m.op === 'max') && m.as === 'string' ? 'string' : 'number';
    columns.push({
      key: m.key,
      role: 'measure',
      kind: m.op,
      label: localize(m.label as Localized, locale),
      type,
      ...(m.format ? { format: m.format as Record<string, unknown> } : {}),
      ...(m.op === 'duration' ? { unit: m.unit, stat: m.stat } : {}),
    });
  }
  return columns;
}
