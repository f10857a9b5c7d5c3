import { issue, personPresence, type CompiledForm, type DirectoryReader, type DirectoryUser, type FlowCommand, type FlowState, type Issue, type Locale } from '@baton/engine';
import { organisationToday } from '../directory/person-presence.js';
import { ApiError } from '../errors/api-error.js';
import { isRecord, valuesAtPaths } from '../secrets/data-paths.js';
import { uiFieldLabel, uiFieldsOf } from './ui-schema-fields.js';
import './person-field-errors.js';

type PersonKind = 'user' | 'department';

/** A user or department field ("employeeId") or column ("customers.successorId") and its options. */
interface PersonField {
  path: string;
  kind: PersonKind;
  /** user: allowed departments (and those below them). */
  departments: string[];
  /** user: the person must hold one of these. */
  roles: string[];
  /** department: only this one and those below it. */
  root: string | undefined;
  /** user: people who have left may be chosen (the field names the leaver themselves). */
  allowPeopleWhoLeft: boolean;
}

/** What the checks need of a command: its directory snapshot, language and clock, the organisation's zone. */
export interface PersonCheckEnv {
  directory: DirectoryReader;
  locale: Locale;
  now: Date;
  services: { timeZone: string };
}

/** What the directory says about an id asked for. */
interface Found {
  /** The person (undefined for a department). */
  user?: DirectoryUser;
  roles: string[];
  /** The person's department (or the department itself) and every one above it. */
  chain: Set<string>;
}

const WIDGETS: Record<string, PersonKind> = { 'user-picker': 'user', 'department-picker': 'department' };
const fieldsByForm = new WeakMap<CompiledForm, PersonField[]>();

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

function personField(path: string, entry: unknown): PersonField | undefined {
  if (!isRecord(entry)) return undefined;
  const kind = WIDGETS[String(entry['ui:widget'])];
  if (!kind) return undefined;
  const options = isRecord(entry['ui:options']) ? entry['ui:options'] : {};
  return {
    path, kind, departments: strings(options.departments), roles: strings(options.roles), root: typeof options.root === 'string' ? options.root : undefined,
    allowPeopleWhoLeft: options.allowPeopleWhoLeft === true,
  };
}

/**
 * The form's user and department fields, read from its compiled uiSchema: the field types state their
 * widget and options there (user-field-type.ts, department-field-type.ts), so the runtime needs neither
 * the definition body nor a change to the engine.
 */
function personFieldsOf(form: CompiledForm): PersonField[] {
  let fields = fieldsByForm.get(form);
  if (fields) return fields;
  fields = uiFieldsOf(form, personField);
  fieldsByForm.set(form, fields);
  return fields;
}

interface Asked {
  field: PersonField;
  form: CompiledForm;
  id: string;
  pointer: string;
}

/** Every id of the submission's person fields that differs from the stored data (a kept value is never re-judged). */
function askedIds(forms: readonly CompiledForm[], data: Readonly<Record<string, unknown>>, previous: Readonly<Record<string, unknown>>): Asked[] {
  const asked: Asked[] = [];
  const claimed = new Set<string>();
  for (const form of forms) {
    for (const field of personFieldsOf(form)) {
      const top = field.path.split('.')[0] ?? field.path;
      // The first form that declares a key judges it (the node's form before the start form).
      if (claimed.has(top)) continue;
      const kept = new Set(valuesAtPaths(previous as Record<string, unknown>, [field.path]).map((v) => v.value));
      for (const at of valuesAtPaths(data as Record<string, unknown>, [field.path])) {
        if (typeof at.value === 'string' && at.value !== '' && !kept.has(at.value)) asked.push({ field, form, id: at.value, pointer: at.pointer });
      }
    }
    for (const key of Object.keys(isRecord(form.jsonSchema.properties) ? form.jsonSchema.properties : {})) claimed.add(key);
  }
  return asked;
}

/**
 * The department and every one above it, from the command's directory snapshot (checked current in the
 * command's transaction, directory-snapshot.ts): no round trip. Empty when the department is unknown; a
 * cycle in imported data ends the walk instead of looping.
 */
function chainOf(directory: DirectoryReader, departmentId: string | undefined): Set<string> {
  const chain = new Set<string>();
  if (departmentId === undefined || !directory.department(departmentId)) return chain;
  for (let id: string | undefined = departmentId; id !== undefined && !chain.has(id); id = directory.department(id)?.parentId) chain.add(id);
  return chain;
}

/** The user or department asked for, with its roles and department chain; undefined when the directory has none. */
function lookUp(directory: DirectoryReader, kind: PersonKind, id: string): Found | undefined {
  if (kind === 'department') return directory.department(id) ? { roles: [], chain: chainOf(directory, id) } : undefined;
  const user = directory.user(id);
  return user ? { user, roles: user.roles, chain: chainOf(directory, user.departmentId) } : undefined;
}

const KIND_ZH: Record<PersonKind, string> = { user: '人员', department: '部门' };
const KIND_EN: Record<PersonKind, string> = { user: 'person', department: 'department' };

/** Why a found id does not meet its field's options, in both locales; undefined when it does. */
function refusal(field: PersonField, found: Found): { reason: string; reasonZh: string } | undefined {
  const within = (ids: readonly string[]) => ids.some((d) => found.chain.has(d));
  if (field.kind === 'department') {
    if (field.root !== undefined && !found.chain.has(field.root)) {
      return { reason: `is not "${field.root}" or a department below it`, reasonZh: `不是“${field.root}”或其下级部门` };
    }
    return undefined;
  }
  if (field.departments.length > 0 && !within(field.departments)) {
    const names = field.departments.join(', ');
    return { reason: `is not in ${names} or a department below`, reasonZh: `不属于 ${names} 及其下级部门` };
  }
  if (field.roles.length > 0 && !field.roles.some((r) => found.roles.includes(r))) {
    const names = field.roles.join(', ');
    return { reason: `holds none of the roles ${names}`, reasonZh: `不具备以下任一角色：${names}` };
  }
  return undefined;
}

/**
 * BATON_E_PERSON_LEFT for a person who has left or was deactivated (by `today`, the organisation's date),
 * undefined while they are present. The message names them and their leave date.
 */
function leftIssue(user: DirectoryUser, today: string, at: { path: string; field: string; fieldZh: string }, locale: Locale): Issue | undefined {
  const presence = personPresence(user, today);
  if (presence === 'active') return undefined;
  const status = presence === 'left' ? `left on ${user.leaveDate}` : 'is no longer active in the directory';
  const statusZh = presence === 'left' ? `已于 ${user.leaveDate} 离职` : '已在通讯录中停用';
  const params = { ...at, id: user.id, name: user.name, presence, leaveDate: user.leaveDate ?? null, status, statusZh };
  return issue('BATON_E_PERSON_LEFT', at.path, params, locale);
}

/**
 * Refuses (422) a submission whose user or department values name nobody in the directory
 * (BATON_E_PERSON_NOT_FOUND) or someone the field does not allow (BATON_E_PERSON_NOT_ALLOWED: outside
 * its departments, without one of its roles, outside its root department). Runs after the engine
 * validated the data and before anything is written, against the command's directory snapshot (no
 * query). Only values that differ from `previous` are judged, so a kept value whose person has since
 * left never blocks a step.
 * Paths are JSON Pointers into the request body (`/data/...`).
 */
export function checkPersonFields(
  env: PersonCheckEnv,
  forms: ReadonlyArray<CompiledForm | undefined>,
  data: Readonly<Record<string, unknown>>,
  previous: Readonly<Record<string, unknown>> = {},
): void {
  const asked = askedIds([...new Set(forms.filter((f): f is CompiledForm => f !== undefined))], data, previous);
  const issues: Issue[] = [];
  const today = asked.length > 0 ? organisationToday(env.now, env.services.timeZone) : '';
  for (const a of asked) {
    const hit = lookUp(env.directory, a.field.kind, a.id);
    const path = `/data${a.pointer}`;
    const field = uiFieldLabel(a.form, a.field.path, 'en');
    const fieldZh = uiFieldLabel(a.form, a.field.path, 'zh-CN');
    // Someone who has left is never a successor or an approver, unless the field names the leaver.
    const left = hit?.user && !a.field.allowPeopleWhoLeft ? leftIssue(hit.user, today, { path, field, fieldZh }, env.locale) : undefined;
    if (left) {
      issues.push(left);
      continue;
    }
    const why = hit ? refusal(a.field, hit) : undefined;
    if (hit && !why) continue;
    const params = { path, id: a.id, kind: KIND_EN[a.field.kind], kindZh: KIND_ZH[a.field.kind], field, fieldZh, ...why };
    issues.push(issue(hit ? 'BATON_E_PERSON_NOT_ALLOWED' : 'BATON_E_PERSON_NOT_FOUND', path, params, env.locale));
  }
  const first = issues[0];
  if (first) throw new ApiError(first.code, first.params ?? {}, issues, first.path);
}

/**
 * The person check of a flow command: the fields a task submission touched, as the engine is about to
 * store them (a value it dropped, e.g. of a hidden field, is not judged), against the task's form and the
 * flow's start form, compared with the instance's stored data.
 */
export function checkCommandPersonFields(
  env: PersonCheckEnv,
  command: FlowCommand,
  before: FlowState,
  after: FlowState,
  formOf: (formKey: string | undefined) => CompiledForm | undefined,
): void {
  if (command.type !== 'completeTask') return;
  checkActionTargets(env, command.action, command.to);
  if (!command.data) return;
  const task = before.tasks.find((t) => t.id === command.taskId);
  const stored = after.data as Record<string, unknown>;
  const touched = Object.fromEntries(Object.keys(command.data).filter((key) => Object.hasOwn(stored, key)).map((key) => [key, stored[key]]));
  checkPersonFields(env, [formOf(task?.formKey), formOf(undefined)], touched, before.data as Record<string, unknown>);
}

/** The people a delegate, transfer or add-signer action names in `to` (a return's `to` is a node). */
function checkActionTargets(env: PersonCheckEnv, action: string, to: string | string[] | undefined): void {
  if (to === undefined || !isHandOver(action)) return;
  const ids = Array.isArray(to) ? to : [to];
  const issues: Issue[] = [];
  const today = organisationToday(env.now, env.services.timeZone);
  ids.forEach((id, i) => {
    const path = Array.isArray(to) ? `/to/${i}` : '/to';
    const field = TARGET_EN[action] ?? action;
    const fieldZh = TARGET_ZH[action] ?? action;
    const user = env.directory.user(id);
    // Work handed to someone is never handed to someone who has left.
    const left = user ? leftIssue(user, today, { path, field, fieldZh }, env.locale) : undefined;
    if (left) issues.push(left);
    if (user) return;
    const params = { path, id, kind: KIND_EN.user, kindZh: KIND_ZH.user, field, fieldZh };
    issues.push(issue('BATON_E_PERSON_NOT_FOUND', path, params, env.locale));
  });
  const first = issues[0];
  if (first) throw new ApiError(first.code, first.params ?? {}, issues, first.path);
}

const TARGET_EN: Record<string, string> = { delegate: 'Delegate to', transfer: 'Transfer to', 'add-signer-before': 'Signers to add', 'add-signer-after': 'Signers to add' };
const TARGET_ZH: Record<string, string> = { delegate: '委托给', transfer: '转交给', 'add-signer-before': '加签人', 'add-signer-after': '加签人' };

/** What a hand-over (delegate, transfer, add-signer) is judged against besides the directory. */
export interface HandOverContext {
  action: string;
  to: string | string[] | undefined;
  /** The person the instance is about (the leaver): never handed its work. */
  subjectId: string | null;
  /** The caller: handing their own task to themselves changes nothing. */
  by: string;
}

/**
 * Refuses (422 at /to or /to/i) a hand-over to the instance's subject (BATON_E_TASK_TARGET_SUBJECT: the
 * leaver would approve their own exit interview and see the fields kept from them) or to the caller
 * themselves (BATON_E_TASK_TARGET_SELF; another holder of a shared task may be named: it becomes theirs). Runs before the engine, on
 * the locked instance; the directory checks (checkActionTargets) follow after it.
 */
export function checkHandOverTargets(env: PersonCheckEnv, at: HandOverContext): void {
  const { action, to } = at;
  if (to === undefined || !isHandOver(action)) return;
  const issues: Issue[] = [];
  (Array.isArray(to) ? to : [to]).forEach((id, i) => {
    const path = Array.isArray(to) ? `/to/${i}` : '/to';
    const code = id === at.subjectId ? 'BATON_E_TASK_TARGET_SUBJECT' : id === at.by ? 'BATON_E_TASK_TARGET_SELF' : undefined;
    if (!code) return;
    const name = env.directory.user(id)?.name ?? id;
    issues.push(issue(code, path, { path, id, name, field: TARGET_EN[action] ?? action, fieldZh: TARGET_ZH[action] ?? action }, env.locale));
  });
  const first = issues[0];
  if (first) throw new ApiError(first.code, first.params ?? {}, issues, first.path);
}

function isHandOver(action: string): boolean {
  return action === 'delegate' || action === 'transfer' || action.startsWith('add-signer');
}
