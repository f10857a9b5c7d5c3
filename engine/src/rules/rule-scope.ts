import type { DomainEvent } from '../effects/domain-event.js';
import type { RuleContext, RuleRecord } from './trigger-type.js';

/** Names the scope reserves besides the data's own fields; field keys cannot start with "$". */
export const RESERVED_SCOPE_NAMES = ['$event', '$params', '$record', '$item', '$index', '$now', '$timer'] as const;

/** Where a rule runs: the addressing fields shared by events and records. */
export interface RuleTarget {
  formKey?: string;
  flowKey?: string;
  instanceId?: string;
  recordId?: string;
  initiator?: string;
}

export function targetOfEvent(event: DomainEvent): RuleTarget {
  const t: RuleTarget = {};
  if (event.formKey !== undefined) t.formKey = event.formKey;
  if (event.flowKey !== undefined) t.flowKey = event.flowKey;
  if (event.instanceId !== undefined) t.instanceId = event.instanceId;
  if (event.recordId !== undefined) t.recordId = event.recordId;
  if (event.initiator !== undefined) t.initiator = event.initiator;
  return t;
}

export function targetOfRecord(record: RuleRecord): RuleTarget {
  const t: RuleTarget = { recordId: record.id };
  if (record.formKey !== undefined) t.formKey = record.formKey;
  if (record.flowKey !== undefined) t.flowKey = record.flowKey;
  if (record.instanceId !== undefined) t.instanceId = record.instanceId;
  if (record.initiator !== undefined) t.initiator = record.initiator;
  return t;
}

/** True when a rule scoped to `scope` applies to `target` (every given scope part must match). */
export function inScope(scope: { form?: string; flow?: string } | undefined, target: RuleTarget): boolean {
  if (scope?.form !== undefined && scope.form !== target.formKey) return false;
  if (scope?.flow !== undefined && scope.flow !== target.flowKey) return false;
  return true;
}

/**
 * The identity of an event for idempotency keys: type, the instance or record, its sequence number (or,
 * without one, its instant) and the task or node. Replaying the same event gives the same identity.
 */
export function eventIdentity(event: DomainEvent): string {
  const subject = event.instanceId ?? event.recordId ?? '-';
  const when = event.seq !== undefined ? `#${event.seq}` : event.at;
  const detail = event.taskId ?? event.nodeId;
  return `${event.type}/${subject}/${when}${detail !== undefined ? `/${detail}` : ''}`;
}

/** The event as conditions and templates see it under `$event`. */
export function eventView(event: DomainEvent): Record<string, unknown> {
  const { data: _data, previous, ...rest } = event;
  return previous ? { ...rest, previous } : rest;
}

/** The base scope: data fields at the top, reserved names beside them. */
export function baseScope(
  data: Record<string, unknown>,
  target: RuleTarget,
  ctx: RuleContext,
  event?: DomainEvent,
): Record<string, unknown> {
  const scope: Record<string, unknown> = { ...data, $params: ctx.parameters ?? {}, $record: { ...target }, $now: ctx.now };
  if (event) scope.$event = eventView(event);
  return scope;
}
