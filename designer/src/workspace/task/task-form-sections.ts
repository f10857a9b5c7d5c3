import type { BatonClient } from '@baton/client';
import type { FlowDefinition, FormDefinition } from '@baton/engine';
import type { ErrorSchema } from '@rjsf/utils';
import { issuesToErrorSchema, type PathIssue } from '../../shared/schema-form/issues-to-error-schema.js';
import { editableData, type FieldAccess } from './field-access.js';

/**
 * One form a task page shows. A step that binds its own form (IT clearance, an exit interview) shows the
 * request (the flow's start form at this node's access: read-only fields, and the columns the step may
 * tick) and then its own form; a step without one shows the request as its form.
 */
export interface SectionPlan {
  key: string;
  role: 'request' | 'step';
  /** The rjsf id prefix: the form the step acts on keeps "task" (task_<field>), the request beside it "request". */
  idPrefix: 'task' | 'request';
}

export interface SectionSource extends SectionPlan {
  form: FormDefinition;
  nodeAccess: Record<string, string> | undefined;
}

/** Which forms a task node shows, in order: the request first when the step binds a form of its own. */
export function planSections(requestKey: string | null | undefined, stepKey: string | null | undefined): SectionPlan[] {
  if (stepKey && requestKey && stepKey !== requestKey) {
    return [{ key: requestKey, role: 'request', idPrefix: 'request' }, { key: stepKey, role: 'step', idPrefix: 'task' }];
  }
  const only = stepKey ?? requestKey;
  return only ? [{ key: only, role: 'request', idPrefix: 'task' }] : [];
}

/** The published forms of a task's sections; the flow binding's access applies to both (as on the server). */
export async function loadTaskSections(api: BatonClient, flow: FlowDefinition | null, nodeId: string, formKey: string | null): Promise<SectionSource[]> {
  const node = flow?.nodes.find((n) => n.id === nodeId);
  // A rule's to-do is no node of the flow: its own completion form or none, never a copy of the request.
  const plans = node ? planSections(flow?.form ?? null, formKey ?? node.form?.key ?? null) : planSections(null, formKey);
  const nodeAccess = node?.form?.access as Record<string, string> | undefined;
  return Promise.all(plans.map(async (plan) => ({ ...plan, form: (await api.definitions.get('form', plan.key)).body as unknown as FormDefinition, nodeAccess })));
}

/** Whether a section has anything to show at this node (a request entirely hidden from the step is left out). */
export function showsAnything(access: Record<string, FieldAccess>): boolean {
  return Object.entries(access).some(([key, mode]) => !key.includes('.') && mode !== 'hidden');
}

/** The part of the task's data one section's form declares (each rjsf form sees only its own fields). */
export function sectionData(data: Record<string, unknown>, schema: Record<string, unknown>): Record<string, unknown> {
  const properties = (schema.properties ?? {}) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(data).filter(([key]) => Object.hasOwn(properties, key)));
}

/**
 * What a decision sends as `data`: every section's editable fields (a whole sub-table when some of its
 * columns are editable; the server checks the read-only columns did not change).
 */
export function submissionData(data: Record<string, unknown>, accessBySection: ReadonlyArray<Record<string, FieldAccess>>): Record<string, unknown> {
  return Object.assign({}, ...accessBySection.map((access) => editableData(data, access))) as Record<string, unknown>;
}

export interface ErrorWithIssues {
  code?: string;
  issues?: ReadonlyArray<PathIssue & { code: string }>;
}

/**
 * The issues of a refused action as rjsf errors of one section, at their fields: paths point into the
 * request body ("/data/assets/1/returned"). The error's own summary issue is left to the error panel when
 * more precise ones (one per blocking row) come with it.
 */
export function sectionErrors(error: unknown, fieldKeys: ReadonlySet<string>): ErrorSchema {
  const { code, issues = [] } = (error ?? {}) as ErrorWithIssues;
  const precise = issues.filter((i) => i.code !== code);
  const shown = (precise.length > 0 ? precise : issues).filter((i) => {
    const top = i.path.split('/')[2];
    return i.path.startsWith('/data/') && top !== undefined && fieldKeys.has(top.replace(/~1/g, '/').replace(/~0/g, '~'));
  });
  return issuesToErrorSchema(shown, '/data');
}
