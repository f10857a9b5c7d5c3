import type { CompiledFlow, CompiledForm } from '@baton/engine';
import { subjectOf } from '../access/instance-access.js';
import { checkPersonFields } from '../access/person-field-check.js';
import { checkRelationFilters } from '../access/relation-filter-check.js';
import { ApiError } from '../errors/api-error.js';
import type { Published } from '../execution/definition-cache.js';
import type { CommandEnv } from '../execution/execution-services.js';
import { startInstance, underData, type StepResult } from '../execution/instance-pipeline.js';
import '../execution/execution-errors.js';

export interface FlowStart {
  flow: Published<CompiledFlow>;
  /** The submitted start data, before validation. */
  data: Record<string, unknown>;
  /** Checked by the caller: who may start on whose behalf differs between the API and an inbound webhook. */
  initiator: string;
  businessKey?: string;
  mayHoldWrite?: boolean;
}

export interface StartedFlow {
  step: StepResult;
  form: Published<CompiledForm> | undefined;
}

/**
 * Starts an instance of a published flow the way every entry point must: a free business key, the start
 * form's validation at the start node (required fields, unknown properties, the node's field access,
 * computed values), then the person and department values (nobody unknown, outside the field's options or
 * gone: BATON_E_PERSON_LEFT unless the field allows leavers), then the pipeline. POST
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
  const step = await startInstance(env, {
    flow,
    data,
    initiator: input.initiator,
    subjectId: subjectOf(form?.compiled, form?.body, data),
    ...(businessKey !== undefined ? { businessKey } : {}),
    ...(input.mayHoldWrite ? { mayHoldWrite: true } : {}),
  });
  return { step, form };
}
