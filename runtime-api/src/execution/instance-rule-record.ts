import type { RuleRecord } from '@baton/engine';

/** The instance columns the rules need. */
export interface RuleInstanceRow {
  id: string;
  flow_key: string;
  form_key: string | null;
  started_by: string;
}

/** Which published rules apply to an instance: its flow's, and its form's when it has one. */
export function instanceRuleScope(instance: RuleInstanceRow): { flowKey: string; formKey?: string } {
  return { flowKey: instance.flow_key, ...(instance.form_key ? { formKey: instance.form_key } : {}) };
}

/** An instance as the rules see it: a record that is the instance, with the data the caller holds as current. */
export function instanceRuleRecord(instance: RuleInstanceRow, data: Record<string, unknown>): RuleRecord {
  return {
    id: instance.id,
    instanceId: instance.id,
    flowKey: instance.flow_key,
    initiator: instance.started_by,
    data,
    ...(instance.form_key ? { formKey: instance.form_key } : {}),
  };
}
