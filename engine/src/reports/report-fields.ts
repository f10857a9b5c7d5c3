import type { FieldInfo } from '../definitions/form-field-index.js';
import { REPORT_ERRORS } from '../definitions/report-errors.js';
import type { DirectoryAttribute, ReportField, ReportSource, ReportValueType } from './report-model.js';
import { REPORTS_ERRORS } from './reports-errors.js';

interface ColumnSpec {
  type: ReportValueType;
  role?: ReportField['role'];
  /** A JSON column: any path below it is a column too. */
  json?: boolean;
}

const text: ColumnSpec = { type: 'string' };
const user: ColumnSpec = { type: 'string', role: 'user' };
const instant: ColumnSpec = { type: 'datetime' };
const json: ColumnSpec = { type: 'unknown', json: true };

/**
 * The columns of each built-in dataset. Their SQL lives in runtime-api; these names are the contract.
 * A `user` column can be followed into the directory ("initiatorId.department").
 */
export const REPORT_DATASET_COLUMNS: Readonly<Record<Exclude<ReportSource, 'form'>, Readonly<Record<string, ColumnSpec>>>> = {
  'flow-instances': {
    id: text, flow: text, flowVersion: { type: 'number' }, status: text, businessKey: text,
    startedAt: instant, completedAt: instant, initiatorId: user, subjectId: user, data: json,
  },
  tasks: {
    id: text, flow: text, flowVersion: { type: 'number' }, instanceId: text, node: text, nodeType: text, status: text,
    outcome: text, assigneeId: user, createdAt: instant, completedAt: instant, dueAt: instant, breached: { type: 'boolean' }, data: json,
    subjectId: user,
  },
  history: {
    id: { type: 'number' }, flow: text, flowVersion: { type: 'number' }, instanceId: text, type: text, at: instant,
    node: text, taskId: text, actorId: user, data: json, payload: json,
  },
  steps: {
    id: text, flow: text, flowVersion: { type: 'number' }, instanceId: text, node: text, nodeType: text,
    enteredAt: instant, leftAt: instant, open: { type: 'boolean' }, data: json, subjectId: user,
  },
  directory: {
    userId: text, name: text, department: { type: 'string', role: 'department' }, position: text, managerId: user,
    hireDate: { type: 'date' }, leaveDate: { type: 'date' }, status: text, attributes: json,
  },
};

/** System columns of a form dataset (records of a collection, or instances started with the form). */
export const FORM_SYSTEM_COLUMNS: Readonly<Record<string, ColumnSpec>> = {
  $id: text, $createdAt: instant, $updatedAt: instant, $createdBy: user, $instanceId: text,
};

const DIRECTORY_ATTRIBUTES: Readonly<Record<Exclude<DirectoryAttribute, 'attributes'>, ColumnSpec>> = {
  name: text, department: { type: 'string', role: 'department' }, position: text, managerId: user,
  hireDate: { type: 'date' }, leaveDate: { type: 'date' }, email: text,
};

/** Column patterns for the definition checks: "status", "initiatorId.*", "data.*". */
export function reportColumnPatterns(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [source, columns] of Object.entries(REPORT_DATASET_COLUMNS)) {
    out[source] = Object.entries(columns).map(([name, spec]) => (spec.json || spec.role === 'user' ? `${name}.*` : name));
  }
  return out;
}

export interface FieldScope {
  source: ReportSource;
  form?: string;
  /** The dataset's sub-table, for form datasets with `rows`. */
  rows?: string;
  /** Fields of the dataset's form, when it could be resolved. */
  formFields?: Map<string, FieldInfo>;
}

export interface FieldProblem {
  code: string;
  params: Record<string, unknown>;
}

const FIELD_TYPES: Record<string, Pick<ReportField, 'type' | 'role'>> = {
  number: { type: 'number' },
  money: { type: 'number', role: 'money' },
  date: { type: 'date' },
  'date-time': { type: 'datetime' },
  boolean: { type: 'boolean' },
  user: { type: 'string', role: 'user' },
  department: { type: 'string', role: 'department' },
  'long-text': { type: 'string', role: 'text' },
  text: { type: 'string' },
  select: { type: 'string' },
  relation: { type: 'string' },
};

function typeOfFormField(info: FieldInfo | undefined): Pick<ReportField, 'type' | 'role'> {
  return (info && FIELD_TYPES[info.type]) ?? { type: 'unknown' };
}

/** Follows a user id into the directory: "employeeId" + ["department"] → the user's department. */
function followUser(base: ReportField, rest: string[]): ReportField | FieldProblem {
  const [attribute = '', ...deeper] = rest;
  const known = DIRECTORY_ATTRIBUTES[attribute as keyof typeof DIRECTORY_ATTRIBUTES];
  if (known) {
    if (deeper.length > 0) return { code: REPORTS_ERRORS.BATON_E_REPORT_FIELD_TOO_DEEP, params: { field: base.ref } };
    return clean({ ...base, via: { attribute: attribute as DirectoryAttribute, path: [] }, type: known.type, role: known.role });
  }
  // "employeeId.attributes.level" and the shorter "employeeId.level" both read the user's attributes.
  const path = attribute === 'attributes' ? deeper : rest;
  return clean({ ...base, via: { attribute: 'attributes', path }, type: 'unknown', role: undefined });
}

/** Drops an undefined role, so models compare equal to hand-written expectations. */
function clean(field: ReportField): ReportField {
  if (field.role === undefined) delete field.role;
  return field;
}

/**
 * Resolves a field reference of a report to where its value lives and how it is typed. Returns a problem
 * (a catalogue code and its params) for a column the dataset does not have.
 */
export function resolveReportField(ref: string, scope: FieldScope): ReportField | FieldProblem {
  const [first = '', ...rest] = ref.split('.');
  if (scope.source !== 'form') {
    const columns = REPORT_DATASET_COLUMNS[scope.source];
    const spec = Object.hasOwn(columns, first) ? columns[first] : undefined;
    const unknown = { code: REPORT_ERRORS.BATON_E_REPORT_UNKNOWN_DATASET_COLUMN, params: { field: ref, source: scope.source, known: Object.keys(columns).map((c) => `"${c}"`).join(', ') } };
    if (!spec) return unknown;
    if (spec.json) return { ref, column: first, path: rest, type: 'unknown' };
    const base: ReportField = clean({ ref, column: first, path: [], type: spec.type, role: spec.role });
    if (rest.length === 0) return base;
    if (spec.role === 'user') return followUser(base, rest);
    return unknown;
  }

  if (first.startsWith('$')) {
    const spec = Object.hasOwn(FORM_SYSTEM_COLUMNS, first) ? FORM_SYSTEM_COLUMNS[first] : undefined;
    if (!spec) return { code: REPORT_ERRORS.BATON_E_REPORT_UNKNOWN_FIELD, params: { field: first, form: scope.form ?? '' } };
    const base: ReportField = clean({ ref, column: first, path: [], type: spec.type, role: spec.role });
    if (rest.length === 0) return base;
    if (spec.role === 'user') return followUser(base, rest);
    return { code: REPORT_ERRORS.BATON_E_REPORT_UNKNOWN_FIELD, params: { field: ref, form: scope.form ?? '' } };
  }

  const fields = scope.formFields;
  if (scope.rows !== undefined && first === scope.rows) {
    const [column, ...deeper] = rest;
    const info = column === undefined ? undefined : fields?.get(first)?.columns?.get(column);
    if (column === undefined) return { ref, column: 'row', path: [], type: 'unknown' };
    return resolveTyped(ref, 'row', [column], deeper, info);
  }
  const info = fields?.get(first);
  if (fields && !info) return { code: REPORT_ERRORS.BATON_E_REPORT_UNKNOWN_FIELD, params: { field: first, form: scope.form ?? '' } };
  if (info && (info.columns !== undefined || info.type === 'sub-table') && rest.length > 0) {
    return { code: REPORTS_ERRORS.BATON_E_REPORT_SUB_TABLE_NEEDS_ROWS, params: { field: ref, table: first } };
  }
  return resolveTyped(ref, 'data', [first], rest, info);
}

function resolveTyped(ref: string, column: string, path: string[], rest: string[], info: FieldInfo | undefined): ReportField | FieldProblem {
  const typed = typeOfFormField(info);
  const base: ReportField = clean({ ref, column, path, ...typed });
  if (rest.length === 0) return typed.role === 'money' ? { ...base, path: [...path, 'amount'] } : base;
  if (typed.role === 'user') return followUser(base, rest);
  // Below a field of unknown shape (or without its form): a JSON path into the value.
  return { ref, column, path: [...path, ...rest], type: 'unknown' };
}

export function isFieldProblem(value: ReportField | FieldProblem): value is FieldProblem {
  return 'code' in value;
}
