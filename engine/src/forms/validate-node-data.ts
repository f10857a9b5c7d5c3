import type { Issue } from '../errors/issue.js';
import type { EvalContext } from '../expressions/expression-types.js';
import type { Locale } from '../i18n/localized-text.js';
import type { CompiledForm } from './compile-form.js';
import { pickFormData } from './pick-form-data.js';

export interface NodeDataInput {
  /** The flow's start form: its fields (and its access at `nodeId`) cover the request data every node reads. */
  startForm?: CompiledForm | undefined;
  /** The form the task binds, when it is not the start form (an exit interview, a finance settlement…). */
  nodeForm?: CompiledForm | undefined;
  nodeId: string;
  /** The instance data with the submission merged in. */
  data: Readonly<Record<string, unknown>>;
  /** What was submitted. */
  patch: Readonly<Record<string, unknown>>;
  /** The stored data before this submission (read-only and hidden fields are compared with it). */
  previous?: Readonly<Record<string, unknown>> | undefined;
  locale: Locale;
  ctx?: EvalContext;
}

const declares = (form: CompiledForm, key: string): boolean => {
  const properties = form.jsonSchema.properties;
  return typeof properties === 'object' && properties !== null && Object.hasOwn(properties, key);
};

/**
 * Validates a task submission against the forms of its step. The node's own form judges its fields; when the
 * submission touches fields of the start form, the start form judges those with its access at that node (so
 * a field read-only there stays read-only); a key neither form declares is refused (as an unknown property of
 * the node's form). Each form sees only its own fields: the instance data is shared by all of them.
 */
export function validateNodeData(input: NodeDataInput): Issue[] {
  const { startForm, nodeId, data, patch, locale } = input;
  const nodeForm = input.nodeForm ?? startForm;
  if (!nodeForm) return [];
  const forms = startForm && startForm !== nodeForm ? [nodeForm, startForm] : [nodeForm];
  const unknown: Record<string, unknown> = {};
  for (const key of Object.keys(patch)) if (!forms.some((f) => declares(f, key))) unknown[key] = patch[key];

  const options = (form: CompiledForm) => ({
    node: nodeId,
    locale,
    ...(input.previous ? { previous: pickFormData(form, input.previous) } : {}),
    ...(input.ctx ? { ctx: input.ctx } : {}),
  });
  const issues = nodeForm.validate({ ...pickFormData(nodeForm, data), ...unknown }, options(nodeForm)).errors;
  if (startForm && startForm !== nodeForm && Object.keys(patch).some((key) => declares(startForm, key) && !declares(nodeForm, key))) {
    issues.push(...startForm.validate(pickFormData(startForm, data), options(startForm)).errors);
  }
  return issues;
}
