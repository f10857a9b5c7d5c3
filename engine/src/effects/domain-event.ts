/**
 * What happened, as the engine reports it. Flow reducers emit these (and store them as history);
 * the rule engine matches its triggers against them; reports count them.
 * Payload fields are specific to each type; common addressing fields sit at the top level.
 */
export type DomainEventType =
  | 'record.created'
  | 'record.updated'
  | 'flow.started'
  | 'flow.completed'
  | 'flow.rejected'
  | 'flow.cancelled'
  | 'flow.migrated'
  | 'node.entered'
  | 'node.left'
  | 'task.created'
  | 'task.completed'
  | 'task.cancelled'
  | 'task.reassigned'
  | 'timer.scheduled'
  | 'timer.fired'
  | 'sla.breached'
  | 'data.changed'
  /** The runtime reports the outcome of an `invoke` effect (payload: connector, connectorType, action, error). */
  | 'invoke.succeeded'
  | 'invoke.failed'
  | (string & {});

export interface DomainEvent {
  type: DomainEventType;
  /** ISO 8601 instant taken from ctx.now. */
  at: string;
  /** Monotonic sequence within an instance (or record), so events order without a clock. */
  seq?: number;
  actor?: string;
  /** The user who started the flow instance (or created the record), for "initiator" assignees in rules. */
  initiator?: string;
  flowKey?: string;
  flowVersion?: number;
  instanceId?: string;
  nodeId?: string;
  nodeType?: string;
  taskId?: string;
  formKey?: string;
  recordId?: string;
  /** Snapshot of the instance or record data after the event, for rule conditions. */
  data?: Record<string, unknown>;
  /** The data before a change, for `record.updated` / `data.changed`. */
  previous?: Record<string, unknown>;
  payload?: Record<string, unknown>;
}
