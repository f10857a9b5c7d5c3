import { defineErrors } from '@baton/engine';

/** Codes of person and department values in submitted form data and task targets (person-field-check.ts). */
export const PERSON_FIELD_ERRORS = defineErrors({
  BATON_E_PERSON_NOT_FOUND: {
    status: 422,
    en: 'Choose another {kind} for "{field}" ({path}): the directory has no {kind} "{id}".',
    'zh-CN': '请为“{fieldZh}”（{path}）重新选择{kindZh}：通讯录中没有{kindZh}“{id}”。',
  },
  BATON_E_PERSON_NOT_ALLOWED: {
    status: 422,
    en: 'Choose another {kind} for "{field}" ({path}): "{id}" {reason}.',
    'zh-CN': '请为“{fieldZh}”（{path}）重新选择{kindZh}：“{id}”{reasonZh}。',
  },
  BATON_E_PERSON_LEFT: {
    status: 422,
    en: 'Choose someone who is still here for "{field}" ({path}): {name} ("{id}") {status}.',
    'zh-CN': '请为“{fieldZh}”（{path}）选择在职人员：{name}（“{id}”）{statusZh}。',
  },
  BATON_E_TASK_TARGET_SUBJECT: {
    status: 422,
    en: 'Choose someone else for "{field}" ({path}): {name} is the person this request is about, and may not act on its steps (they would see what is kept from them).',
    'zh-CN': '请为“{fieldZh}”（{path}）选择其他人：{name}是本申请所涉的人员，不能处理其中的步骤（否则会看到不对其公开的内容）。',
  },
  BATON_E_TASK_TARGET_SELF: {
    status: 422,
    en: 'Choose someone else for "{field}" ({path}): you already hold this task.',
    'zh-CN': '请为“{fieldZh}”（{path}）选择其他人：您本人已是此任务的处理人。',
  },
});
