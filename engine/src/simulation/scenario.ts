import type { WorkCalendar } from '../calendar/work-calendar.js';

/** A flow run written by hand (engine/schemas/scenario.schema.json; see engine/docs/simulation.md). */
export interface Scenario {
  name: string;
  description?: string;
  /** Key of the flow the scenario is written for. */
  flow?: string;
  start: { data?: Record<string, unknown>; initiator: string; at: string; instanceId?: string; businessKey?: string };
  directory: { users: ScenarioUser[]; departments?: ScenarioDepartment[] };
  timeZone?: string;
  calendar?: WorkCalendar;
  steps: ScenarioStep[];
}

/** Only `id` is required: `name` defaults to the id, `roles` to none. */
export interface ScenarioUser {
  id: string;
  name?: string;
  departmentId?: string;
  position?: string;
  managerId?: string;
  roles?: string[];
  email?: string;
  attributes?: Record<string, unknown>;
}

export interface ScenarioDepartment { id: string; name?: string; parentId?: string; headId?: string }

/** A command step may say it must be refused with an error code; the state then stays as it was. */
export interface Refusable { refused?: string }

export interface CompleteStep {
  complete: Refusable & {
    /** The node whose open task is completed (or `task`: a task id). */
    node?: string;
    task?: string;
    /** Who acts; default the task's first assignee. With several open tasks at the node, picks the one `by` holds. */
    by?: string;
    action: string;
    data?: Record<string, unknown>;
    comment?: string;
    to?: string | string[];
  };
}

/** Moves the scenario clock: an ISO 8601 duration ("P3D", "PT4H") or to an instant. Due timers fire in order. */
export interface AdvanceStep { advance: string | { to: string } }

export interface SignalStep { signal: Refusable & { name: string; payload?: Record<string, unknown>; node?: string } }

export interface CancelStep { cancel: Refusable & { by: string; reason?: string; withdraw?: boolean } }

export interface ExpectStep {
  expect: {
    status?: 'running' | 'completed' | 'rejected' | 'cancelled' | 'withdrawn';
    /** Every node where a token is, in any order. */
    at?: string[];
    /** Every open task, in any order; `assignees` compared as a set when given. */
    openTasks?: Array<{ node: string; assignees?: string[] }>;
    /** Partial match of the instance data. */
    data?: Record<string, unknown>;
    /** Each must partially match one effect emitted since the previous expect. */
    effects?: Array<Record<string, unknown>>;
  };
}

export type ScenarioStep = CompleteStep | AdvanceStep | SignalStep | CancelStep | ExpectStep;
