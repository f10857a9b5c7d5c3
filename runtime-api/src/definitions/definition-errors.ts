import { defineErrors } from '@baton/engine';

export const DEFINITION_ERRORS = defineErrors({
  BATON_E_DEFINITION_INVALID: {
    status: 422,
    en: 'Fix the definition: each problem is listed in issues with its JSON path.',
    'zh-CN': '请修正该定义：每个问题及其 JSON 路径都列在 issues 中。',
  },
  BATON_E_DEFINITION_NOT_FOUND: {
    status: 404,
    en: 'There is no {status}{kind} definition "{key}"{version}: check the kind, key and version, or publish it first.',
    'zh-CN': '不存在{status}{kind} 定义 "{key}"{version}：请检查类型、键和版本，或先发布它。',
  },
  BATON_E_DEFINITION_NO_DRAFT: {
    status: 409,
    en: 'There is no draft of {kind} "{key}" to publish: save a draft with POST /api/definitions first.',
    'zh-CN': '{kind} "{key}" 没有可发布的草稿：请先通过 POST /api/definitions 保存草稿。',
  },
  BATON_E_DEFINITION_NOT_DRAFT: {
    status: 409,
    en: 'Version {version} of {kind} "{key}" is {status}: only a draft can be published; save a new draft instead.',
    'zh-CN': '{kind} "{key}" 的第 {version} 版状态为 {status}：只能发布草稿；请改为保存新的草稿。',
  },
  BATON_E_DEFINITION_IMMUTABLE: {
    status: 409,
    en: 'Version {version} of {kind} "{key}" is {status} and cannot be changed: save the change as a new draft (POST /api/definitions) and publish that.',
    'zh-CN': '{kind} "{key}" 的第 {version} 版状态为 {status}，不能再修改：请把修改保存为新的草稿（POST /api/definitions）并发布它。',
  },
});
