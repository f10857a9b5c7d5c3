import { FORM_SYSTEM_COLUMNS, REPORT_DATASET_COLUMNS, type FormDefinition, type ReportSource } from '@baton/engine';

/** How a picked field is typed, as the report engine resolves it (report-fields.ts), in the designer's words. */
export type FieldType = 'text' | 'number' | 'boolean' | 'date' | 'datetime' | 'person' | 'department' | 'long-text' | 'any';

export type OptionTitle =
  /** A built-in column of the dataset ("status", "startedAt"), named by the messages table. */
  | { kind: 'column'; column: string }
  /** A directory attribute of the person in a user column ("the employee's department"). */
  | { kind: 'person'; attribute: PersonAttribute }
  /** A field of a form, named by its label. */
  | { kind: 'field'; label: unknown };

export interface FieldOption {
  /** The field reference stored in the definition ("node", "subjectId.department", "data.reason"). */
  value: string;
  title: OptionTitle;
  type: FieldType;
}

export type GroupName =
  | { kind: 'columns'; source: ReportSource }
  | { kind: 'person'; column: string; label?: unknown }
  | { kind: 'form'; form: string; title?: unknown };

export interface FieldGroup {
  name: GroupName;
  options: FieldOption[];
}

/** Directory attributes worth grouping by (the report engine follows any user column into them). */
export const PERSON_ATTRIBUTES = ['department', 'position', 'hireDate', 'leaveDate', 'name'] as const;
export type PersonAttribute = (typeof PERSON_ATTRIBUTES)[number];
const PERSON_TYPES: Record<PersonAttribute, FieldType> = { department: 'department', position: 'text', hireDate: 'date', leaveDate: 'date', name: 'text' };

/** The engine's value types and roles (report-fields.ts) in the designer's words. */
function columnType(spec: { type: string; role?: string }): FieldType {
  if (spec.role === 'user') return 'person';
  if (spec.role === 'department') return 'department';
  if (spec.type === 'string') return 'text';
  if (spec.type === 'unknown') return 'any';
  return spec.type as FieldType;
}

const FORM_FIELD_TYPES: Record<string, FieldType> = {
  number: 'number', money: 'number', date: 'date', 'date-time': 'datetime', boolean: 'boolean', user: 'person',
  department: 'department', 'long-text': 'long-text', text: 'text', select: 'text', relation: 'text',
};

function formFieldType(type: string): FieldType {
  return FORM_FIELD_TYPES[type.split('@')[0] ?? ''] ?? 'any';
}

function personGroup(column: string, label?: unknown): FieldGroup {
  return {
    name: label === undefined ? { kind: 'person', column } : { kind: 'person', column, label },
    options: PERSON_ATTRIBUTES.map((attribute) => ({ value: `${column}.${attribute}`, title: { kind: 'person', attribute }, type: PERSON_TYPES[attribute] })),
  };
}

/** Top-level fields of a form (sub-tables need the dataset's `rows`, so they are left out here). */
function formFields(form: FormDefinition, prefix: string): FieldOption[] {
  return form.fields
    .filter((f) => !f.fields && f.type.split('@')[0] !== 'sub-table')
    .map((f) => ({ value: `${prefix}${f.key}`, title: { kind: 'field', label: f.label }, type: formFieldType(f.type) }));
}

export interface FieldSources {
  source: ReportSource;
  /** The form of a form dataset, or the form a flow dataset's instances were started with (read as `data.*`). */
  form?: { key: string; body: FormDefinition };
}

/**
 * What a report may group by or measure, grouped as the designer sees them: the dataset's built-in columns
 * (step, status, dates…), the people its user columns point at (their department, position, hire date —
 * what attrition and tenure reports group by), and the fields of its form. Values are the references the
 * report engine resolves (engine/src/reports/report-fields.ts), so a picked option always resolves.
 */
export function reportFieldGroups({ source, form }: FieldSources): FieldGroup[] {
  if (source === 'form') {
    const groups: FieldGroup[] = [];
    if (form) groups.push({ name: { kind: 'form', form: form.key, title: form.body.title }, options: formFields(form.body, '') });
    groups.push({ name: { kind: 'columns', source }, options: columnOptions(FORM_SYSTEM_COLUMNS) });
    for (const f of form?.body.fields ?? []) if (formFieldType(f.type) === 'person') groups.push(personGroup(f.key, f.label));
    groups.push(personGroup('$createdBy'));
    return groups;
  }
  const columns = REPORT_DATASET_COLUMNS[source];
  const groups: FieldGroup[] = [{ name: { kind: 'columns', source }, options: columnOptions(columns) }];
  for (const [column, spec] of Object.entries(columns)) if (spec.role === 'user') groups.push(personGroup(column));
  if (form && 'data' in columns) groups.push({ name: { kind: 'form', form: form.key, title: form.body.title }, options: formFields(form.body, 'data.') });
  return groups;
}

function columnOptions(columns: Readonly<Record<string, { type: string; role?: string; json?: boolean }>>): FieldOption[] {
  // A JSON column is picked through its form's fields (data.reason), not as a whole.
  return Object.entries(columns)
    .filter(([, spec]) => !spec.json)
    .map(([column, spec]) => ({ value: column, title: { kind: 'column', column }, type: columnType(spec) }));
}

/** Which fields suit a use: a date period needs a date, department grouping a department, words a text. */
export type FieldUse = 'any' | 'date' | 'department' | 'words' | 'number';

const SUITS: Record<FieldUse, ReadonlySet<FieldType> | null> = {
  any: null,
  date: new Set(['date', 'datetime', 'any']),
  department: new Set(['department', 'any']),
  words: new Set(['text', 'long-text', 'any']),
  number: new Set(['number', 'any']),
};

/** The groups with only the options that suit `use` (empty groups dropped). */
export function suitableGroups(groups: readonly FieldGroup[], use: FieldUse): FieldGroup[] {
  const allowed = SUITS[use];
  if (!allowed) return [...groups];
  return groups.map((g) => ({ ...g, options: g.options.filter((o) => allowed.has(o.type)) })).filter((g) => g.options.length > 0);
}

/**
 * Whether a stored reference is among the options. One that is not (typed by hand, from a pack, or a field
 * since removed from the form) is still shown, marked "not found", rather than silently replaced. A path
 * below a JSON column or to a person's other attributes ("payload.a", "subjectId.attributes.level") counts as
 * found when its first part is a column the source has; `data.*` is checked against the form when it is known.
 */
export function isKnownField(groups: readonly FieldGroup[], value: string, source: ReportSource): boolean {
  if (groups.some((g) => g.options.some((o) => o.value === value))) return true;
  const [first = '', ...rest] = value.split('.');
  if (rest.length === 0 || source === 'form') return false;
  const spec = REPORT_DATASET_COLUMNS[source][first];
  if (!spec) return false;
  // data.* is checked against the flow's form when it is known; other JSON paths cannot be.
  if (spec.json) return first !== 'data' || !groups.some((g) => g.name.kind === 'form');
  return spec.role === 'user';
}
