import { defineErrors } from '../errors/error-catalogue.js';

/** Codes raised while compiling or rendering a document (the definition checks live in document-errors). */
export const DOCUMENT_RENDER_ERRORS = defineErrors({
  BATON_E_DOCUMENT_LOCALE_UNSUPPORTED: {
    status: 422,
    en: 'The document "{document}" is written in {locales}, not "{locale}": ask for one of those, or add the locale to the definition.',
    'zh-CN': '文档“{document}”只有 {locales} 版本，没有“{locale}”：请选择其中之一，或在定义中增加该语言。',
  },
  BATON_E_DOCUMENT_BAD_EXPRESSION: {
    status: 422,
    en: 'The expression at {where} of document "{document}" is invalid ({reason}): fix it in the designer and publish again.',
    'zh-CN': '文档“{document}”中 {where} 处的表达式无效（{reason}）：请在设计器中修正后重新发布。',
  },
});
