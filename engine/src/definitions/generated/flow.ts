/* Generated from engine/schemas/flow.schema.json by engine/scripts/generate-types.ts. Do not edit: change the schema, then run pnpm --filter @baton/engine gen:types. */

/**
 * A label: one string, or one per locale.
 */
export type LocalizedText =
  | string
  | {
      en?: string;
      'zh-CN'?: string;
    };
/**
 * JsonLogic over the instance data; the edge is taken when it is truthy.
 */
export type JsonLogic = unknown;
/**
 * Who a task goes to. Resolved through the directory when the task is created; the resolved users are recorded.
 *
 * This interface was referenced by `FlowDefinition`'s JSON-Schema
 * via the `definition` "assignee".
 */
export type Assignee =
  | {
      kind: 'user';
      id: string;
    }
  | {
      kind: 'role';
      role: string;
    }
  | {
      kind: 'department';
      id: string;
    }
  | {
      kind: 'field';
      path: string;
    }
  | {
      kind: 'manager-of';
      path?: string;
      user?: string;
      level?: number;
    }
  | {
      kind: 'department-head-of';
      path?: string;
      user?: string;
      department?: string;
    }
  | {
      kind: 'initiator';
    };

/**
 * A process graph: nodes (start, end, approval, task, gateways, timer, action, subflow or a plugin's node type) joined by edges. The engine runs it as a pure reducer.
 */
export interface FlowDefinition {
  kind: 'flow';
  /**
   * Stable machine name: lower-case letters, digits and dashes, starting with a letter.
   */
  key: string;
  version: number;
  title: LocalizedText;
  description?: LocalizedText;
  tags?: string[];
  /**
   * Stable machine name: lower-case letters, digits and dashes, starting with a letter.
   */
  form?: string;
  /**
   * Roles that may see every instance of this flow and its whole data (read-only), besides its participants, HR and admins.
   */
  viewers?: string[];
  /**
   * The person an instance is about (the leaver of an offboarding): the start-form field that names them, who may start one about somebody else, and whether one person may have two running at once.
   */
  subject?: {
    /**
     * A top-level user field of the start form. It names the subject, and it cannot change once the instance has started (a resubmission that changes it is refused).
     */
    field: string;
    /**
     * Roles that may start an instance about somebody else (e.g. hr, admin). Anybody else may only name themselves; absent, anybody may name anybody.
     */
    onBehalfRoles?: string[];
    /**
     * true: a person may be the subject of only one running instance of this flow at a time; a second start is refused and names the running one.
     */
    oneRunning?: boolean;
  };
  /**
   * IANA time zone for timers and business-time SLAs (e.g. "Asia/Shanghai"); defaults to the organisation's.
   */
  timeZone?: string;
  /**
   * @minItems 1
   */
  nodes: Node[];
  edges: Edge[];
}
/**
 * This interface was referenced by `FlowDefinition`'s JSON-Schema
 * via the `definition` "node".
 */
export interface Node {
  /**
   * A field or node id usable in expressions: letters, digits and underscores.
   */
  id: string;
  /**
   * An extension type name, optionally pinned: "text", "approval@1", "acme/id-card@1.2".
   */
  type: string;
  name: LocalizedText;
  description?: LocalizedText;
  /**
   * Settings of the node type, validated against the type's configSchema.
   */
  config?: {
    [k: string]: unknown | undefined;
  };
  form?: FormBinding;
  sla?: Sla;
  /**
   * Where the designer draws the node; ignored by the engine.
   */
  position?: {
    x: number;
    y: number;
  };
}
/**
 * Which form a node's task shows and how each field may be touched there.
 *
 * This interface was referenced by `FlowDefinition`'s JSON-Schema
 * via the `definition` "formBinding".
 */
export interface FormBinding {
  /**
   * Stable machine name: lower-case letters, digits and dashes, starting with a letter.
   */
  key?: string;
  /**
   * Field key ("table.column" for a sub-table column) -> access. Unlisted fields are editable.
   */
  access?: {
    [k: string]: 'editable' | 'readonly' | 'hidden' | undefined;
  };
}
/**
 * How long the node may take and what happens when it takes longer.
 *
 * This interface was referenced by `FlowDefinition`'s JSON-Schema
 * via the `definition` "sla".
 */
export interface Sla {
  due: Duration;
  escalate: {
    action: 'notify' | 'reassign' | 'auto-approve' | 'auto-reject';
    /**
     * Who is notified or takes over; defaults to the manager of each assignee.
     */
    to?:
      | {
          kind: 'user';
          id: string;
        }
      | {
          kind: 'role';
          role: string;
        }
      | {
          kind: 'department';
          id: string;
        }
      | {
          kind: 'field';
          path: string;
        }
      | {
          kind: 'manager-of';
          path?: string;
          user?: string;
          level?: number;
        }
      | {
          kind: 'department-head-of';
          path?: string;
          user?: string;
          department?: string;
        }
      | {
          kind: 'initiator';
        };
  };
}
/**
 * An amount of time; business units skip non-working days and hours of the calendar.
 */
export interface Duration {
  amount: number;
  unit: 'minutes' | 'hours' | 'days' | 'business-hours' | 'business-days';
}
/**
 * This interface was referenced by `FlowDefinition`'s JSON-Schema
 * via the `definition` "edge".
 */
export interface Edge {
  /**
   * A field or node id usable in expressions: letters, digits and underscores.
   */
  id: string;
  /**
   * A field or node id usable in expressions: letters, digits and underscores.
   */
  from: string;
  /**
   * A field or node id usable in expressions: letters, digits and underscores.
   */
  to: string;
  /**
   * Output port of the source node this edge leaves from (e.g. "rejected"); absent = the main output.
   */
  port?: string;
  condition?: JsonLogic;
  /**
   * Taken when no other edge's condition holds.
   */
  default?: boolean;
  label?: LocalizedText;
}
