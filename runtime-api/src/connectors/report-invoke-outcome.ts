import type { DomainEvent } from '@baton/engine';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { commandEnv, type ExecutionServices } from '../execution/execution-services.js';
import { appendHistory } from '../execution/history-rows.js';
import { writeRuleEffects } from '../execution/instance-pipeline.js';
import { runRules } from '../execution/rules-step.js';
import { instanceEventIds, publishDomainEvents } from './webhooks/publish-domain-events.js';
import { instanceRuleRecord, instanceRuleScope } from '../execution/instance-rule-record.js';

export interface InvokeOutcomeReport {
  instanceId: string;
  connector: string;
  connectorType: string;
  /** The linked system's name in both languages (a SCIM connector's `system`, else its key): what people call it. */
  system?: { en: string; 'zh-CN': string };
  action: string;
  outcome: 'succeeded' | 'failed';
  error?: string;
  proof?: Record<string, unknown>;
}

/**
 * Tells the instance how a connector call ended for good: a runtime `invoke.succeeded` / `invoke.failed`
 * event (payload: connector, connectorType, system, action, error or proof) is appended to its history under the
 * instance's row lock and offered to the rules — so an `invoke-failed` rule can, say, give IT a task to
 * revoke the account by hand — then published to webhook subscriptions, all in one transaction.
 */
export async function reportInvokeOutcome(db: Kysely<Database>, services: ExecutionServices, report: InvokeOutcomeReport): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const instance = await trx.selectFrom('instances').selectAll().where('id', '=', report.instanceId).forUpdate().executeTakeFirst();
    if (!instance) return false;
    const env = await commandEnv(trx, services, 'system', 'en');
    const event: DomainEvent = {
      type: `invoke.${report.outcome}`,
      at: env.now.toISOString(),
      actor: 'system',
      instanceId: instance.id,
      flowKey: instance.flow_key,
      seq: instance.history_seq + 1,
      payload: {
        connector: report.connector,
        connectorType: report.connectorType,
        ...(report.system !== undefined ? { system: report.system } : {}),
        action: report.action,
        ...(report.error !== undefined ? { error: report.error } : {}),
        ...(report.proof !== undefined ? { proof: report.proof } : {}),
      },
    };
    let seq = await appendHistory(trx, instance.id, instance.history_seq, [event], 'runtime');
    const rules = await env.services.definitions.rulesFor(trx, instanceRuleScope(instance));
    const record = instanceRuleRecord(instance, instance.data);
    const ruled = await runRules(env, rules, [event], { record });
    seq = await writeRuleEffects(env, { instanceId: instance.id, flowKey: instance.flow_key, recordId: null }, ruled.effects, seq);
    await trx.updateTable('instances').set({ history_seq: seq }).where('id', '=', instance.id).execute();
    await publishDomainEvents(trx, instanceEventIds(instance.id, instance.history_seq, [event]));
    return true;
  });
}
