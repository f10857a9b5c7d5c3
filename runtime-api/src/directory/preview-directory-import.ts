import type { Issue, Locale } from '@baton/engine';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { DepartmentInputValue, DirectoryImport, KeepableField, UserInputValue } from './directory-schemas.js';
import { KEEPABLE_FIELDS } from './directory-schemas.js';

/** Stored rows read at once: far below PostgreSQL's 65 535 bound parameters. */
const READ_CHUNK = 5_000;
/** Changed entries listed one by one in a preview; the counts cover every entry. */
export const PREVIEW_CHANGES_SHOWN = 1_000;

export interface PreviewCount {
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface PreviewChange {
  list: 'users' | 'departments';
  index: number;
  id: string;
  action: 'insert' | 'update';
  /** The fields an update changes (API names); empty for an insert. */
  fields: string[];
}

export interface ImportPreview {
  users: PreviewCount;
  departments: PreviewCount;
  changes: PreviewChange[];
  changesTruncated: boolean;
}

const USER_FIELDS = ['name', 'departmentId', 'position', 'managerId', 'roles', 'hireDate', 'leaveDate', 'email', 'mobile', 'attributes', 'active'] as const;
const DEPARTMENT_FIELDS = ['name', 'parentId', 'headId'] as const;

/** JSON with object keys sorted: jsonb does not keep key order, so {a,b} and {b,a} are the same attributes. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** A user as upsertUsers would store it (absent fields cleared), keyed by API field. */
function userRecord(u: UserInputValue): Record<(typeof USER_FIELDS)[number], unknown> {
  return {
    name: u.name,
    departmentId: u.departmentId ?? null,
    position: u.position ?? null,
    managerId: u.managerId ?? null,
    roles: u.roles ?? [],
    hireDate: u.hireDate ?? null,
    leaveDate: u.leaveDate ?? null,
    email: u.email ?? null,
    mobile: u.mobile ?? null,
    attributes: u.attributes ?? {},
    active: u.active ?? true,
  };
}

function changedFields<K extends string>(fields: readonly K[], next: Record<K, unknown>, stored: Record<K, unknown>): K[] {
  return fields.filter((f) => canonical(next[f]) !== canonical(stored[f]));
}

async function storedUsers(db: Kysely<Database>, ids: string[]): Promise<Map<string, Record<(typeof USER_FIELDS)[number], unknown>>> {
  const out = new Map<string, Record<(typeof USER_FIELDS)[number], unknown>>();
  for (let i = 0; i < ids.length; i += READ_CHUNK) {
    const rows = await db
      .selectFrom('directory_users')
      .select(['id', 'name', 'department_id', 'position', 'manager_id', 'roles', 'hire_date', 'leave_date', 'email', 'mobile', 'attributes', 'active'])
      .where('id', 'in', ids.slice(i, i + READ_CHUNK))
      .execute();
    for (const r of rows) {
      out.set(r.id, {
        name: r.name, departmentId: r.department_id, position: r.position, managerId: r.manager_id, roles: r.roles, hireDate: r.hire_date,
        leaveDate: r.leave_date, email: r.email, mobile: r.mobile, attributes: r.attributes, active: r.active,
      });
    }
  }
  return out;
}

/**
 * What an import would do, entry by entry, without writing: new (insert), stored and different (update, with
 * the fields that change), or stored and identical (unchanged; the import itself rewrites it and counts it
 * as updated). Users are compared after `keep` filled them in, as the import writes them. An id given twice
 * is judged once, at its first entry (the checks report the repeat).
 */
export async function previewDirectoryImport(db: Kysely<Database>, body: DirectoryImport): Promise<ImportPreview> {
  const users = body.users ?? [];
  const departments = body.departments ?? [];
  const userIds = [...new Set(users.map((u) => u.id).filter(Boolean))];
  const stored = await storedUsers(db, userIds);
  const deptRows = departments.length === 0 ? [] : await db.selectFrom('directory_departments').select(['id', 'name', 'parent_id', 'head_id']).execute();
  const storedDepts = new Map(deptRows.map((d) => [d.id, { name: d.name, parentId: d.parent_id, headId: d.head_id }]));

  const changes: PreviewChange[] = [];
  let truncated = false;
  const note = (change: PreviewChange) => {
    if (changes.length < PREVIEW_CHANGES_SHOWN) changes.push(change);
    else truncated = true;
  };
  const judge = <T extends { id: string }, K extends string>(
    list: 'users' | 'departments',
    entries: readonly T[],
    before: ReadonlyMap<string, Record<K, unknown>>,
    fields: readonly K[],
    record: (entry: T) => Record<K, unknown>,
  ): PreviewCount => {
    const count = { inserted: 0, updated: 0, unchanged: 0 };
    const seen = new Set<string>();
    entries.forEach((entry, index) => {
      if (!entry.id || seen.has(entry.id)) return;
      seen.add(entry.id);
      const old = before.get(entry.id);
      if (!old) {
        count.inserted += 1;
        note({ list, index, id: entry.id, action: 'insert', fields: [] });
        return;
      }
      const changed = changedFields(fields, record(entry), old);
      if (changed.length === 0) count.unchanged += 1;
      else {
        count.updated += 1;
        note({ list, index, id: entry.id, action: 'update', fields: changed });
      }
    });
    return count;
  };
  const deptRecord = (d: DepartmentInputValue) => ({ name: d.name, parentId: d.parentId ?? null, headId: d.headId ?? null });
  return {
    departments: judge('departments', departments, storedDepts, DEPARTMENT_FIELDS, deptRecord),
    users: judge('users', users, stored, USER_FIELDS, userRecord),
    changes,
    changesTruncated: truncated,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const KEEPABLE = new Set<string>(KEEPABLE_FIELDS);

/**
 * A body the schema refused, reduced to what the reference checks and the comparison can judge: every entry
 * keeps its index (so issue paths still point at it) and only the values of the right type; an entry that is
 * not an object, or has no string id, becomes one with an empty id, which the checks and counts skip (the
 * schema's issues already name it). Null when the body is not an object at all.
 */
export function checkableImport(raw: unknown): DirectoryImport | null {
  if (!isObject(raw)) return null;
  const text = (entry: Record<string, unknown>, key: string) => (typeof entry[key] === 'string' ? { [key]: entry[key] as string } : {});
  const list = (value: unknown) => (Array.isArray(value) ? value : []);
  const users = list(raw.users).map((entry): UserInputValue => {
    if (!isObject(entry)) return { id: '', name: '' };
    const roles = Array.isArray(entry.roles) && entry.roles.every((r) => typeof r === 'string') ? { roles: entry.roles as string[] } : {};
    return {
      id: typeof entry.id === 'string' ? entry.id : '',
      name: typeof entry.name === 'string' ? entry.name : '',
      ...['departmentId', 'position', 'managerId', 'hireDate', 'leaveDate', 'email', 'mobile'].reduce((acc, key) => ({ ...acc, ...text(entry, key) }), {}),
      ...roles,
      ...(isObject(entry.attributes) ? { attributes: entry.attributes } : {}),
      ...(typeof entry.active === 'boolean' ? { active: entry.active } : {}),
    };
  });
  const departments = list(raw.departments).map((entry): DepartmentInputValue => {
    if (!isObject(entry)) return { id: '', name: '' };
    return { id: typeof entry.id === 'string' ? entry.id : '', name: typeof entry.name === 'string' ? entry.name : '', ...text(entry, 'parentId'), ...text(entry, 'headId') };
  });
  const keep = list(raw.keep).filter((f): f is KeepableField => typeof f === 'string' && KEEPABLE.has(f));
  // The schema's Static types keep as never[] (a union built from a list): the values are checked above.
  return { users, departments, ...(keep.length > 0 ? { keep: [...new Set(keep)] as unknown as DirectoryImport['keep'] } : {}) };
}

/** Issues as the API writes them: code, path and the message in the caller's language. */
export function issuesOut(issues: readonly Issue[], locale: Locale): Array<{ code: string; path: string; message: string }> {
  return issues.map((i) => ({ code: i.code, path: i.path, message: i.messages[locale] ?? i.message }));
}
