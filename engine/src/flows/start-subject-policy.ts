import { defineErrors } from '../errors/error-catalogue.js';
import { localize, type LocalizedText } from '../i18n/localized-text.js';
import type { FlowDefinition } from './flow-definition.js';

/**
 * Refusals of a start that the flow's own rules decide: its `subject` setting (flow.schema.json) and its
 * start node's checks. runtime-api (start-subject.ts) and the simulation (simulated-start.ts) raise the
 * same codes with the same words, so an analyst sees in the designer what a user would meet.
 */
export const START_ERRORS = defineErrors({
  BATON_E_START_NOT_FOR_OTHERS: {
    status: 403,
    en: 'You may only start "{flow}" for yourself: choose yourself as "{label}", or ask someone with one of the roles {roles} to start it for {subject}.',
    'zh-CN': '您只能为自己发起“{flowZh}”：请在“{labelZh}”中选择您本人，或请具有以下角色之一的人员代为发起：{roles}。',
  },
  BATON_E_START_SUBJECT_MISSING: {
    status: 422,
    en: '"{label}" names the person this request is about, and it is empty: choose that person.',
    'zh-CN': '“{labelZh}”是本申请所涉的人员，目前为空：请选择该人员。',
  },
  BATON_E_START_CHECKS_FAILED: {
    status: 422,
    en: 'The start was refused: {count, plural, one {# entry needs} other {# entries need}} fixing, see the message at each field.',
    'zh-CN': '发起被拒绝：有 {count} 项内容需要修改，请查看各字段旁的提示。',
  },
});

/** The role that may always act for others, whatever the flow names (as runtime-api's hasAnyRole). */
export const ALWAYS_ON_BEHALF_ROLE = 'admin';

/** Who submits a start. */
export interface StartStarter {
  id: string;
  roles: readonly string[];
}

export interface StartSubjectInput {
  /** The person the start data names in the subject field (subjectNamedIn), null when it names nobody. */
  subjectId: string | null;
  /** Absent: a system caller (an inbound webhook an admin configured), which `onBehalfRoles` does not restrict. */
  starter?: StartStarter;
  /** The subject field's label in the start form, for messages that name it as people see it. */
  fieldLabel?: LocalizedText;
}

/** A refusal as data: the caller raises it as its own error type (runtime-api's ApiError, the engine's BatonError). */
export interface StartRefusal {
  code: keyof typeof START_ERRORS;
  path: string;
  params: Record<string, unknown>;
}

/** The subject the flow's setting names in the start data: undefined when the flow names no subject field. */
export function subjectNamedIn(def: Pick<FlowDefinition, 'subject'>, data: Readonly<Record<string, unknown>>): string | null | undefined {
  const field = def.subject?.field;
  if (field === undefined) return undefined;
  const value = data[field];
  return typeof value === 'string' && value !== '' ? value : null;
}

/** May this starter start about somebody else? Without `onBehalfRoles` anybody may. */
export function mayStartOnBehalf(def: Pick<FlowDefinition, 'subject'>, roles: readonly string[]): boolean {
  const allowed = def.subject?.onBehalfRoles;
  if (!allowed) return true;
  return roles.includes(ALWAYS_ON_BEHALF_ROLE) || allowed.some((role) => roles.includes(role));
}

function flowTitles(def: Pick<FlowDefinition, 'key' | 'title'>): { flowKey: string; flow: string; flowZh: string } {
  const title = def.title as LocalizedText | undefined;
  return { flowKey: def.key, flow: localize(title, 'en') || def.key, flowZh: localize(title, 'zh-CN') || def.key };
}

/**
 * What the flow's `subject` setting says about a start, before any instance exists: the subject field must
 * name somebody, and a starter without one of `onBehalfRoles` must name themself. `oneRunning` needs the
 * running instances, so the runtime judges it in its transaction (runtime-api start-subject.ts).
 */
export function judgeStartSubject(def: Pick<FlowDefinition, 'key' | 'title' | 'subject'>, input: StartSubjectInput): StartRefusal | undefined {
  const setting = def.subject;
  if (!setting) return undefined;
  const path = `/data/${setting.field}`;
  const labels = { field: setting.field, label: localize(input.fieldLabel, 'en') || setting.field, labelZh: localize(input.fieldLabel, 'zh-CN') || setting.field };
  if (input.subjectId === null) return { code: START_ERRORS.BATON_E_START_SUBJECT_MISSING, path, params: { ...flowTitles(def), ...labels } };
  const { starter } = input;
  if (!starter || input.subjectId === starter.id || mayStartOnBehalf(def, starter.roles)) return undefined;
  return {
    code: START_ERRORS.BATON_E_START_NOT_FOR_OTHERS,
    path,
    params: { ...flowTitles(def), ...labels, roles: (setting.onBehalfRoles ?? []).join(', '), subjectId: input.subjectId, subject: input.subjectId },
  };
}
