// The flow definition types, generated from schemas/flow.schema.json (run gen:types after changing it).
// Re-exported here under names that read well next to the reducer's own types.
import type {
  Assignee, Duration as SchemaDuration, Edge, FormBinding as SchemaFormBinding, Node, Sla,
} from '../definitions/generated/flow.js';

// Re-exported, not aliased: the definitions module exports the same symbol, and two aliases would clash.
export type { FlowDefinition } from '../definitions/generated/flow.js';
export type FlowNodeDefinition = Node;
export type FlowEdgeDefinition = Edge;
/** Who a task goes to; resolved through the directory when the task is created. */
export type AssigneeSpec = Assignee;
export type FormBinding = SchemaFormBinding;
export type SlaSpec = Sla;
export type Duration = SchemaDuration;
export type FieldAccess = 'editable' | 'readonly' | 'hidden';
export type EscalationAction = Sla['escalate']['action'];
