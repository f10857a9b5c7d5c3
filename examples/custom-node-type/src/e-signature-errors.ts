import { defineErrors } from '@baton/engine';

// Every code lives in the engine's one catalogue (so the API can list it); prefix yours with your vendor name.
export const ESIGN_ERRORS = defineErrors({
  BATON_E_ACME_ESIGN_NO_SIGNER: {
    status: 422,
    en: 'Field "{field}" must hold the user who signs (found "{value}"): fill it in before node "{nodeId}" is reached.',
    'zh-CN': '字段 "{field}" 必须填写签署人（当前为 "{value}"）：请在流程到达节点 "{nodeId}" 之前填写。',
  },
  BATON_E_ACME_ESIGN_SIGNAL_INVALID: {
    status: 400,
    en: 'Signal "{name}" for envelope "{envelopeId}" needs a non-empty "documentRef" in its payload: send the reference of the signed file.',
    'zh-CN': '信号 "{name}"（信封 "{envelopeId}"）的 payload 缺少 "documentRef"：请附上已签署文件的引用。',
  },
  BATON_E_ACME_ESIGN_EXPIRED_UNCONNECTED: {
    status: 400,
    en: 'E-signature "{nodeId}" has a timeout but nothing is connected to its "expired" port: connect that port or remove the timeout.',
    'zh-CN': '电子签节点 "{nodeId}" 设置了超时，但 "expired" 端口没有连线：请连接该端口，或删除超时设置。',
  },
  BATON_E_ACME_ESIGN_UNKNOWN_PORT: {
    status: 400,
    en: 'Edge "{edgeId}" leaves e-signature "{nodeId}" through port "{port}", which it does not have: use "declined", "expired" or no port.',
    'zh-CN': '连线 "{edgeId}" 从电子签节点 "{nodeId}" 的 "{port}" 端口出发，但该节点没有此端口：请使用 "declined"、"expired" 或不指定端口。',
  },
});
