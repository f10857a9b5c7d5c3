/* Generated from engine/schemas/scenario.schema.json by engine/scripts/generate-types.ts. Do not edit: change the schema, then run pnpm --filter @baton/engine gen:types. */

/**
 * This interface was referenced by `ScenarioDefinition`'s JSON-Schema
 * via the `definition` "instant".
 */
export type Instant = string;
/**
 * This interface was referenced by `ScenarioDefinition`'s JSON-Schema
 * via the `definition` "date".
 */
export type Date = string;
/**
 * This interface was referenced by `ScenarioDefinition`'s JSON-Schema
 * via the `definition` "time".
 */
export type Time = string;
/**
 * This interface was referenced by `ScenarioDefinition`'s JSON-Schema
 * via the `definition` "userIds".
 */
export type UserIds = string | string[];
/**
 * The command must be refused with this error code (the state stays as it was).
 *
 * This interface was referenced by `ScenarioDefinition`'s JSON-Schema
 * via the `definition` "refusal".
 */
export type Refusal = string;
/**
 * ISO 8601 duration: P3D, PT4H, P1DT2H30M, P2W.
 *
 * This interface was referenced by `ScenarioDefinition`'s JSON-Schema
 * via the `definition` "isoDuration".
 */
export type IsoDuration = string;

/**
 * A flow run written by hand: start input, a small organisation, then a script of decisions, clock moves, signals and expectations. Packs ship these as test cases (see engine/docs/simulation.md).
 */
export interface ScenarioDefinition {
  name: string;
  description?: string;
  /**
   * Key of the flow the scenario runs.
   */
  flow?: string;
  start: {
    data?: {
      [k: string]: unknown | undefined;
    };
    initiator: string;
    at: Instant;
    instanceId?: string;
    businessKey?: string;
  };
  directory: {
    users: User[];
    departments?: Department[];
  };
  /**
   * The organisation's time zone; the flow's own timeZone wins.
   */
  timeZone?: string;
  calendar?: {
    weekend?: number[];
    holidays?: Date[];
    workdays?: Date[];
    workStart?: Time;
    workEnd?: Time;
  };
  steps: Step[];
}
/**
 * This interface was referenced by `ScenarioDefinition`'s JSON-Schema
 * via the `definition` "user".
 */
export interface User {
  id: string;
  name?: string;
  departmentId?: string;
  position?: string;
  managerId?: string;
  roles?: string[];
  email?: string;
  attributes?: {
    [k: string]: unknown | undefined;
  };
}
/**
 * This interface was referenced by `ScenarioDefinition`'s JSON-Schema
 * via the `definition` "department".
 */
export interface Department {
  id: string;
  name?: string;
  parentId?: string;
  headId?: string;
}
/**
 * Exactly one of complete, advance, signal, cancel, expect.
 *
 * This interface was referenced by `ScenarioDefinition`'s JSON-Schema
 * via the `definition` "step".
 */
export interface Step {
  complete?: {
    [k: string]: unknown | undefined;
  } & {
    /**
     * Node whose open task is completed.
     */
    node?: string;
    /**
     * A task id, instead of node.
     */
    task?: string;
    /**
     * Who acts; default the task's first assignee.
     */
    by?: string;
    action: string;
    data?: {
      [k: string]: unknown | undefined;
    };
    comment?: string;
    to?: UserIds;
    refused?: Refusal;
  };
  advance?:
    | IsoDuration
    | {
        to: Instant;
      };
  signal?: {
    name: string;
    payload?: {
      [k: string]: unknown | undefined;
    };
    node?: string;
    refused?: Refusal;
  };
  cancel?: {
    by: string;
    reason?: string;
    /**
     * The initiator withdraws instead of an administrator cancelling.
     */
    withdraw?: boolean;
    refused?: Refusal;
  };
  expect?: {
    status?: 'running' | 'completed' | 'rejected' | 'cancelled' | 'withdrawn';
    /**
     * Every node where a token is, in any order.
     */
    at?: string[];
    /**
     * Every open task, in any order.
     */
    openTasks?: {
      node: string;
      assignees?: string[];
    }[];
    /**
     * Partial match of the instance data.
     */
    data?: {
      [k: string]: unknown | undefined;
    };
    /**
     * Each must partially match an effect emitted since the previous expect.
     */
    effects?: {
      [k: string]: unknown | undefined;
    }[];
  };
}
