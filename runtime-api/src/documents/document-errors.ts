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
    en: 'The document "{documentKey}" is only for {readers}: ask HR for a copy.',
    'zh-CN': '文档“{documentKey}”仅限 {readers} 查看：如需副本请联系 HR。',
  },
});
