import type { ReportDataset, ReportField } from '@baton/engine';
import { sql } from 'kysely';
import { asInstant, asLocalDate, asNumber, asText, param, type Sql, type SqlValue } from './sql-values.js';

/** Who the rows are limited to: everything, or what one user may see one by one. */
export type RowScope = { kind: 'all' } | { kind: 'visible'; userId: string; viewerFlows: string[] };

const col = (kind: Exclude<SqlValue['kind'], 'json'>, text: string): SqlValue => ({ kind, sql: sql.raw(text) });
const json = (text: string): SqlValue => ({ kind: 'json', base: sql.raw(text), path: [] });

const INSTANCE_COLUMNS: Record<string, SqlValue> = {
  id: col('text', 'i.id'), flow: col('text', 'i.flow_key'), flowVersion: col('numeric', 'i.flow_version'), status: col('text', 'i.status'),
  businessKey: col('text', 'i.business_key'), startedAt: col('timestamptz', 'i.created_at'), completedAt: col('timestamptz', 'i.completed_at'),
  initiatorId: col('text', 'i.started_by'), subjectId: col('text', 'i.subject_id'), data: json('i.data'),
  $id: col('text', 'i.id'), $createdAt: col('timestamptz', 'i.created_at'), $updatedAt: col('timestamptz', 'i.updated_at'),
  $createdBy: col('text', 'i.started_by'), $instanceId: col('text', 'i.id'), row: json('rw.value'),
};
const RECORD_COLUMNS: Record<string, SqlValue> = {
  $id: col('text', 'rec.id'), $createdAt: col('timestamptz', 'rec.created_at'), $updatedAt: col('timestamptz', 'rec.updated_at'),
  $createdBy: col('text', 'rec.created_by'), $instanceId: col('text', 'rec.instance_id'), data: json('rec.data'), row: json('rw.value'),
};
const TASK_COLUMNS: Record<string, SqlValue> = {
  id: col('text', 't.id'), flow: col('text', 'i.flow_key'), flowVersion: col('numeric', 'i.flow_version'), instanceId: col('text', 't.instance_id'),
  node: col('text', 't.node_id'), nodeType: col('text', 't.kind'), status: col('text', 't.status'), outcome: col('text', 't.outcome'),
  assigneeId: col('text', "coalesce(t.completed_by, t.assignee_id, t.assignees ->> 0)"), createdAt: col('timestamptz', 't.created_at'),
  completedAt: col('timestamptz', 't.completed_at'), dueAt: col('timestamptz', 't.due_at'), data: json('t.data'),
  subjectId: col('text', 'i.subject_id'),
};
const HISTORY_COLUMNS: Record<string, SqlValue> = {
  id: col('numeric', 'h.id'), flow: col('text', 'i.flow_key'), flowVersion: col('numeric', 'i.flow_version'), instanceId: col('text', 'h.instance_id'),
  type: col('text', 'h.type'), at: col('timestamptz', 'h.at'), node: col('text', 'h.node_id'), taskId: col('text', "(h.payload ->> 'taskId')"),
  actorId: col('text', 'h.actor'), data: json("(h.payload -> 'data')"), payload: json("(h.payload -> 'payload')"),
};
const STEP_COLUMNS: Record<string, SqlValue> = {
  id: col('text', 's.id::text'), flow: col('text', 's.flow_key'), flowVersion: col('numeric', 'i.flow_version'), instanceId: col('text', 's.instance_id'),
  node: col('text', 's.node_id'), nodeType: col('text', 's.node_type'), enteredAt: col('timestamptz', 's.entered_at'),
  leftAt: col('timestamptz', 's.left_at'), open: col('boolean', '(s.left_at is null)'), data: json('i.data'),
  subjectId: col('text', 'i.subject_id'),
};
const DIRECTORY_COLUMNS: Record<string, SqlValue> = {
  userId: col('text', 'u.id'), name: col('text', 'u.name'), department: col('text', 'u.department_id'), position: col('text', 'u.position'),
  managerId: col('text', 'u.manager_id'), hireDate: col('date', 'u.hire_date'), leaveDate: col('date', 'u.leave_date'), attributes: json('u.attributes'),
};
const USER_ATTRIBUTES: Record<string, [Exclude<SqlValue['kind'], 'json'>, string]> = {
  name: ['text', 'name'], department: ['text', 'department_id'], position: ['text', 'position'], managerId: ['text', 'manager_id'],
  hireDate: ['date', 'hire_date'], leaveDate: ['date', 'leave_date'], email: ['text', 'email'],
};

/** Columns that need the instance row joined to a dataset whose base is not the instance. */
const NEEDS_INSTANCE: Partial<Record<ReportDataset['source'], ReadonlySet<string>>> = {
  tasks: new Set(['flow', 'flowVersion', 'subjectId']),
  history: new Set(['flow', 'flowVersion']),
  steps: new Set(['flowVersion', 'data', 'subjectId']),
};

/** The recursive department tree: each department with the path of ids from the top (path[1] = top level). */
export const DEPARTMENT_TREE = sql`dept_tree (id, path) as (
  select d.id, array[d.id] from directory_departments d
  where d.parent_id is null or not exists (select 1 from directory_departments p where p.id = d.parent_id)
  union all
  select d.id, t.path || d.id from directory_departments d join dept_tree t on d.parent_id = t.id
  where array_length(t.path, 1) < 64 and not d.id = any(t.path)
)`;

/**
 * Builds the FROM clause of one report query: the dataset's base table(s), plus the joins fields ask for
 * (a directory user per person field, the department tree, first/last events, calendar days), each added
 * once and in dependency order. Every value in it is a bound parameter; identifiers are fixed text.
 */
export class ReportSqlContext {
  readonly timeZone: string;
  readonly now: string;
  readonly today: string;
  private readonly joins = new Map<string, { alias: string; clause: Sql }>();
  private instanceUsed = false;
  private departmentTree = false;
  private aliasCount = 0;
  readonly where: Sql[] = [];

  constructor(
    readonly dataset: ReportDataset,
    /** For form datasets: records of a collection form, not instances. */
    readonly collection: boolean,
    query: { timeZone: string; now: string; today: string },
  ) {
    this.timeZone = query.timeZone;
    this.now = query.now;
    this.today = query.today;
    const d = dataset;
    if (d.source === 'form') this.where.push(collection ? sql`rec.form_key = ${param(d.form ?? '', 'text')}` : sql`i.form_key = ${param(d.form ?? '', 'text')}`);
    if (d.flow !== undefined) {
      if (d.source === 'steps') this.where.push(sql`s.flow_key = ${param(d.flow, 'text')}`);
      else if (d.source === 'tasks' || d.source === 'history') {
        // A semi-join on an index of instances (flow_key, created_at) INCLUDE (id), so the flow alone does not pull in the instance rows.
        const own = d.source === 'tasks' ? 't.instance_id' : 'h.instance_id';
        this.where.push(sql`${sql.raw(own)} in (select fi.id from instances fi where fi.flow_key = ${param(d.flow, 'text')})`);
      } else if (d.source !== 'directory') this.where.push(sql`i.flow_key = ${param(d.flow, 'text')}`);
    }
    if (d.source === 'tasks' && d.node !== undefined) this.where.push(sql`t.node_id = ${param(d.node, 'text')}`);
    if (d.source === 'history' && d.events?.length) this.where.push(sql`h.type in (${sql.join(d.events.map((e) => param(e, 'text')))})`);
    if (d.source === 'steps' && d.nodes?.length) this.where.push(sql`s.node_id in (${sql.join(d.nodes.map((n) => param(n, 'text')))})`);
  }

  alias(prefix: string): string {
    this.aliasCount += 1;
    return `${prefix}${this.aliasCount}`;
  }

  /** Joins the row's instance as `i` (the base already is it for instance datasets). */
  useInstance(): void {
    if (!this.baseIsInstance()) this.instanceUsed = true;
  }

  /** The row's instance id, or undefined for the directory (and records outside any instance). */
  instanceId(): Sql | undefined {
    switch (this.dataset.source) {
      case 'form': return this.collection ? sql.raw('rec.instance_id') : sql.raw('i.id');
      case 'flow-instances': return sql.raw('i.id');
      case 'tasks': return sql.raw('t.instance_id');
      case 'history': return sql.raw('h.instance_id');
      case 'steps': return sql.raw('s.instance_id');
      case 'directory': return undefined;
    }
  }

  /** True when the dataset's base row is the instance itself (its started_by, created_at … are at hand). */
  baseIsInstance(): boolean {
    return this.dataset.source === 'flow-instances' || (this.dataset.source === 'form' && !this.collection);
  }

  /** A stable id of the row, for drill-down. */
  rowId(): Sql {
    switch (this.dataset.source) {
      case 'form': {
        const id = this.collection ? 'rec.id' : 'i.id';
        return this.dataset.rows !== undefined ? sql.raw(`${id} || '#' || rw.n`) : sql.raw(id);
      }
      case 'flow-instances': return sql.raw('i.id');
      case 'tasks': return sql.raw('t.id');
      case 'history': return sql.raw('h.id::text');
      case 'steps': return sql.raw('s.id::text');
      case 'directory': return sql.raw('u.id');
    }
  }

  /** When the row happened, newest first in drill-down lists. */
  rowTime(): Sql {
    switch (this.dataset.source) {
      case 'form': return sql.raw(this.collection ? 'rec.created_at' : 'i.created_at');
      case 'flow-instances': return sql.raw('i.created_at');
      case 'tasks': return sql.raw('t.created_at');
      case 'history': return sql.raw('h.at');
      case 'steps': return sql.raw('s.entered_at');
      case 'directory': return sql.raw('u.hire_date');
    }
  }

  private columns(): Record<string, SqlValue> {
    switch (this.dataset.source) {
      case 'form': return this.collection ? RECORD_COLUMNS : INSTANCE_COLUMNS;
      case 'flow-instances': return INSTANCE_COLUMNS;
      case 'tasks': return TASK_COLUMNS;
      case 'history': return HISTORY_COLUMNS;
      case 'steps': return STEP_COLUMNS;
      case 'directory': return DIRECTORY_COLUMNS;
    }
  }

  private column(name: string): SqlValue {
    if (this.dataset.source === 'tasks' && name === 'breached') {
      return { kind: 'boolean', sql: sql`(t.due_at is not null and coalesce(t.completed_at, ${param(this.now, 'timestamptz')}) > t.due_at)` };
    }
    if (this.dataset.source === 'directory' && name === 'status') {
      return { kind: 'text', sql: sql`(case when u.leave_date is not null and u.leave_date < ${param(this.today, 'date')} then 'left' when not u.active then 'inactive' else 'active' end)` };
    }
    const value = this.columns()[name];
    if (!value) throw new Error(`report column ${name} has no SQL for dataset ${this.dataset.source}`);
    if (NEEDS_INSTANCE[this.dataset.source]?.has(name)) this.instanceUsed = true;
    return value;
  }

  /** The value of a report field: a column, a JSON path under one, or a directory attribute of a person. */
  field(f: ReportField): SqlValue {
    const base = this.column(f.column);
    const value: SqlValue = base.kind === 'json' ? { kind: 'json', base: base.base, path: [...base.path, ...f.path] } : base;
    if (!f.via) return value;
    const user = this.userJoin(asText(value), `${f.column}:${JSON.stringify(f.path)}`);
    if (f.via.attribute === 'attributes') return { kind: 'json', base: sql.raw(`${user}.attributes`), path: f.via.path };
    const [kind, column] = USER_ATTRIBUTES[f.via.attribute] ?? ['text', 'id'];
    return { kind, sql: sql.raw(`${user}.${column}`) };
  }

  /** Joins the directory user whose id is `id`; the same key joins once. */
  userJoin(id: Sql, key: string): string {
    return this.join(`users:${key}`, 'u', (alias) => sql`left join directory_users ${sql.raw(alias)} on ${sql.raw(alias)}.id = ${id}`);
  }

  /** Joins the department tree on a department id; returns the alias (its `path` column holds the ancestry). */
  departmentJoin(id: Sql, key: string): string {
    this.departmentTree = true;
    return this.join(`dept:${key}`, 'dt', (alias) => sql`left join dept_tree ${sql.raw(alias)} on ${sql.raw(alias)}.id = ${id}`);
  }

  /** The first (or last) time each instance saw an event (at a node): one grouped pass over the index. */
  eventJoin(event: string, node: string | undefined, occurrence: 'first' | 'last'): string {
    const instanceId = this.instanceId();
    if (!instanceId) throw new Error('event instants need an instance-backed dataset');
    const agg = sql.raw(occurrence === 'first' ? 'min' : 'max');
    const nodeCond = node === undefined ? sql`` : sql` and node_id = ${param(node, 'text')}`;
    return this.join(`ev:${JSON.stringify([event, node ?? null, occurrence])}`, 'e', (alias) => sql`left join (select instance_id, ${agg}(at) as at from history where type = ${param(event, 'text')}${nodeCond} group by instance_id) ${sql.raw(alias)} on ${sql.raw(alias)}.instance_id = ${instanceId}`);
  }

  /** The calendar row of the day an instant falls on in the org's time zone. */
  calendarJoin(instant: Sql, key: string): string {
    return this.join(`cal:${key}`, 'c', (alias) => sql`left join report_calendar_days ${sql.raw(alias)} on ${sql.raw(alias)}.day = (${instant} at time zone ${param(this.timeZone, 'text')})::date`);
  }

  private join(key: string, prefix: string, make: (alias: string) => Sql): string {
    const existing = this.joins.get(key);
    if (existing) return existing.alias;
    const alias = this.alias(prefix);
    this.joins.set(key, { alias, clause: make(alias) });
    return alias;
  }

  localDate(v: SqlValue): Sql {
    return asLocalDate(v, this.timeZone);
  }

  instant(v: SqlValue): Sql {
    return asInstant(v, this.timeZone);
  }

  /**
   * A field's date. A form field typed `date` holds "YYYY-MM-DD" (the form validated it), so it is cast
   * directly, which is several times cheaper per row than the defensive pattern match used for values of
   * unknown type.
   */
  dateOf(f: ReportField): Sql {
    const v = this.field(f);
    return f.type === 'date' && v.kind === 'json' ? sql`(${asText(v)})::date` : this.localDate(v);
  }

  /** A field's instant; form `date-time` values are ISO 8601 with an offset (validated). */
  instantOf(f: ReportField): Sql {
    const v = this.field(f);
    return f.type === 'datetime' && v.kind === 'json' ? sql`(${asText(v)})::timestamptz` : this.instant(v);
  }

  /** A field's number; form `number` and `money` values are numbers or decimal strings (validated). */
  numberOf(f: ReportField): Sql {
    const v = this.field(f);
    return f.type === 'number' && v.kind === 'json' ? sql`(${asText(v)})::numeric` : asNumber(v);
  }

  usesDepartmentTree(): boolean {
    return this.departmentTree;
  }

  /** `with recursive dept_tree …` when a department join was used. */
  withClause(): Sql {
    return this.departmentTree ? sql`with recursive ${DEPARTMENT_TREE} ` : sql``;
  }

  /** FROM base [join instances] joins… */
  fromClause(): Sql {
    const d = this.dataset;
    const rows = (alias: string) =>
      d.rows === undefined
        ? sql``
        : sql` cross join lateral jsonb_array_elements(case when jsonb_typeof(${sql.raw(alias)}.data -> ${param(d.rows, 'text')}) = 'array' then ${sql.raw(alias)}.data -> ${param(d.rows, 'text')} else '[]'::jsonb end) with ordinality as rw(value, n)`;
    let base: Sql;
    switch (d.source) {
      case 'form': base = this.collection ? sql`records rec${rows('rec')}` : sql`instances i${rows('i')}`; break;
      case 'flow-instances': base = sql`instances i`; break;
      case 'tasks': base = this.instanceUsed ? sql`tasks t join instances i on i.id = t.instance_id` : sql`tasks t`; break;
      case 'history': base = this.instanceUsed ? sql`history h join instances i on i.id = h.instance_id` : sql`history h`; break;
      case 'steps': base = this.instanceUsed ? sql`report_step_visits s join instances i on i.id = s.instance_id` : sql`report_step_visits s`; break;
      case 'directory': base = sql`directory_users u`; break;
    }
    const joins = [...this.joins.values()].map((j) => j.clause);
    return joins.length > 0 ? sql`${base} ${sql.join(joins, sql` `)}` : base;
  }

  /** Rows the scope lets the caller count: instances they take part in, or their own directory row. */
  scopeCondition(scope: RowScope): Sql | undefined {
    if (scope.kind === 'all') return undefined;
    const me = param(scope.userId, 'text');
    if (this.dataset.source === 'directory') return sql`u.id = ${me}`;
    if (this.dataset.source === 'form' && this.collection) return undefined;
    const instanceId = this.instanceId() as Sql;
    this.useInstance();
    const viewer = scope.viewerFlows.length > 0 ? sql` or i.flow_key in (${sql.join(scope.viewerFlows.map((f) => param(f, 'text')))})` : sql``;
    return sql`(i.started_by = ${me} or i.subject_id = ${me}${viewer} or exists (select 1 from tasks vt where vt.instance_id = ${instanceId} and vt.assignees @> ${param(JSON.stringify([scope.userId]), 'jsonb')}))`;
  }
}
