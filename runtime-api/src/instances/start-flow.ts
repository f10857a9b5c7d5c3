import { runStartChecks, type CompiledFlow, type CompiledForm, type LocalizedText } from '@baton/engine';
import { subjectOf } from '../access/instance-access.js';
import { checkPersonFields } from '../access/person-field-check.js';
import { checkRelationFilters } from '../access/relation-filter-check.js';
import { ApiError } from '../errors/api-error.js';
import type { Published } from '../execution/definition-cache.js';
import type { CommandEnv } from '../execution/execution-services.js';
import { startInstance, underData, type StepResult } from '../execution/instance-pipeline.js';
import '../execution/execution-errors.js';
import type { Principal } from '../auth/principal.js';
import { checkOneRunning, checkStartOnBehalf, declaredSubject } from './start-subject.js';

export interface FlowStart {
  flow: Published<CompiledFlow>;
  /** The submitted start data, before validation. */
  data: Record<string, unknown>;
  /** Checked by the caller: who may start on whose behalf differs between the API and an inbound webhook. */
  initiator: string;
  businessKey?: string;
  mayHoldWrite?: boolean;
  /**
   * The signed-in caller, for the flow's `subject.onBehalfRoles` (may they start about somebody else?).
   * Absent for a system caller (an inbound webhook an admin configured).
   */
  starter?: Principal;
}

export interface StartedFlow {
  step: StepResult;
  form: Published<CompiledForm> | undefined;
}

/**
 * Starts an instance of a published flow the way every entry point must: a free business key, the start
 * form's validation at the start node (required fields, unknown properties, the node's field access,
 * computed values), then the person and department values (nobody unknown, outside the field's options or
 * gone: BATON_E_PERSON_LEFT unless the field allows leavers), then the flow's subject setting (only HR-like
 * roles start about somebody else; one running instance per subject), then the pipeline. POST
 * /api/flows/:key/instances and inbound webhooks both come through here, so neither accepts what the other refuses.
 */
export async function startFlow(env: CommandEnv, input: FlowStart): Promise<StartedFlow> {
  const { flow, businessKey } = input;
  if (businessKey !== undefined) {
    const existing = await env.trx.selectFrom('instances').select('id').where('flow_key', '=', flow.key).where('business_key', '=', businessKey).executeTakeFirst();
    if (existing) throw new ApiError('BATON_E_BUSINESS_KEY_TAKEN', { flowKey: flow.key, businessKey, instanceId: existing.id }, [], '/businessKey');
  }
  const formKey = flow.compiled.definition.form;
  const form = formKey ? await env.services.definitions.form(env.trx, formKey) : undefined;
  if (formKey && !form) throw new ApiError('BATON_E_FORM_NOT_PUBLISHED', { formKey });
  let data = input.data;
  if (form) {
    const result = form.compiled.validate(data, {
      node: flow.compiled.startNodeId,
      locale: env.locale,
      ctx: { now: env.now.toISOString(), timeZone: env.services.timeZone },
    });
    if (!result.ok) {
      const issues = underData(result.errors);
      throw new ApiError('BATON_E_DATA_INVALID', {}, issues, issues[0]?.path ?? '/data');
    }
    data = result.data;
    checkPersonFields(env, [form.compiled], data);
    await checkRelationFilters(env.trx, env.locale, [form.compiled], data, data);
  }
  // The start node's checks: what the starter submits (HR may be spared by a check reading $starter.roles).
  const starter = input.starter ?? { userId: input.initiator, roles: env.directory.user(input.initiator)?.roles ?? [] };
  const checked = runStartChecks(flow.compiled, {
    data,
    starter: { id: starter.userId, roles: starter.roles },
    ctx: { now: env.now.toISOString(), timeZone: flow.compiled.definition.timeZone ?? env.services.timeZone, directory: env.directory },
    locale: env.locale,
  });
  if (checked.length > 0) throw new ApiError('BATON_E_DATA_INVALID', {}, checked, checked[0]!.path);
  // The flow's own subject setting (who it is about, who may start it for them, one at a time).
  const declared = declaredSubject(flow.compiled, data);
  const subjectId = declared === undefined ? subjectOf(form?.compiled, form?.body, data) : declared;
  checkStartOnBehalf(flow.compiled, subjectId, input.starter, subjectLabel(form?.body, flow.compiled.definition.subject?.field));
  await checkOneRunning(env, flow.compiled, subjectId);
  const step = await startInstance(env, {
    flow,
    data,
    initiator: input.initiator,
    subjectId,
    ...(businessKey !== undefined ? { businessKey } : {}),
    ...(input.mayHoldWrite ? { mayHoldWrite: true } : {}),
  });
  return { step, form };
}

/** The label of the start form's top-level field, for messages that name it as people see it. */
function subjectLabel(formBody: Record<string, unknown> | undefined, field: string | undefined): LocalizedText | undefined {
  const fields = Array.isArray(formBody?.fields) ? (formBody.fields as Array<{ key?: unknown; label?: LocalizedText }>) : [];
  return field === undefined ? undefined : fields.find((f) => f.key === field)?.label;
}
