import { defineErrors } from '@baton/engine';

/** Codes of the documents routes and the renderDocument handler. */
export const DOCUMENT_API_ERRORS = defineErrors({
  BATON_E_DOCUMENT_NOT_FOUND: {
    status: 404,
    en: 'There is no published document "{documentKey}" for this instance\'s flow: publish it first, or check the key.',
    'zh-CN': '此实例所属流程没有已发布的文档“{documentKey}”：请先发布，或核对标识。',
  },
  BATON_E_DOCUMENT_FORBIDDEN: {
    status: 403,
    en: 'You may not download this document ({documentKey}): only the employee the request is about, the person who filed it and HR may download it. Ask HR for a copy.',
    'zh-CN': '您无权下载此文档（{documentKey}）：只有申请所涉员工、提交人和 HR 可以下载。如需副本请联系 HR。',
  },
  BATON_E_DOCUMENT_NOT_ISSUED: {
    status: 409,
    en: 'The document "{documentKey}" is issued only once the request has completed (it is {status} now): download it after completion.',
    'zh-CN': '文档“{documentKey}”仅在流程办结后出具（当前状态：{status}）：请在办结后下载。',
  },
  BATON_E_DOCUMENT_ORG_NAME_MISSING: {
    status: 422,
    en: 'The document "{documentKey}" names the employer, and no organisation name is set: an admin sets the pack parameter organizationName (and organizationNameEn for English) with PUT /api/packs/{pack}/parameters, or the BATON_ORG_NAME environment variable; then request the document again.',
    'zh-CN': '文档“{documentKey}”须写明用人单位名称，但尚未设置组织名称：请管理员通过 PUT /api/packs/{pack}/parameters 设置参数 organizationName（英文文档另设 organizationNameEn），或设置环境变量 BATON_ORG_NAME，然后重新获取文档。',
  },
});
