import type { JsonSchema } from '../connector-type.js';

/** The params of every channel connector's `sendMessage` (the notify handler builds them; rules may too). */
export interface MessageParams {
  title: string;
  body?: string;
  link?: string;
  linkLabel?: string;
  /** The recipient on this channel (DingTalk/WeCom user id to mention, mobile, e-mail). */
  address?: string;
  userId?: string;
  locale?: 'en' | 'zh-CN';
  data?: Record<string, string>;
  template?: string;
}

export const messageParamsSchema: JsonSchema = {
  type: 'object',
  properties: {
    title: { type: 'string', minLength: 1, maxLength: 500 },
    body: { type: 'string', maxLength: 20000 },
    link: { type: 'string', pattern: '^https?://' },
    linkLabel: { type: 'string', maxLength: 100 },
    address: { type: 'string', minLength: 1, maxLength: 320 },
    userId: { type: 'string' },
    locale: { enum: ['en', 'zh-CN'] },
    data: { type: 'object', additionalProperties: { type: 'string' } },
    template: { type: 'string', minLength: 1 },
  },
  required: ['title'],
  additionalProperties: false,
};

export const TEST_MESSAGE = {
  title: 'Baton 连接测试 / connection test',
  body: '如果你看到这条消息，说明连接器配置正确。 If you can read this, the connector works.',
};

/** "Open in Baton" in the recipient's language, unless the caller named the link. */
export function linkLabelOf(params: MessageParams): string {
  return params.linkLabel ?? (params.locale === 'en' ? 'Open in Baton' : '在 Baton 中打开');
}

/** Mobile numbers are mentioned by number in DingTalk; anything else is a user id. */
export function looksLikeMobile(address: string): boolean {
  return /^\+?[0-9 -]{5,20}$/.test(address);
}
