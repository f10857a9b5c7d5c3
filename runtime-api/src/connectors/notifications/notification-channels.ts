import type { ChannelSpec } from '../connector-type.js';

export type ChannelName = ChannelSpec['channel'];
export const CHANNEL_NAMES: readonly string[] = ['inbox', 'email', 'dingtalk', 'wecom', 'sms'];

/** The directory profile fields the notify handler reads. */
export interface Recipient {
  id: string;
  name: string;
  email: string | null;
  mobile: string | null;
  attributes: Record<string, unknown>;
  active: boolean;
}

export interface ChannelConnector {
  key: string;
  channel: ChannelName;
}

export interface ChannelPick {
  connectorKey: string;
  channel: ChannelName;
  address: string;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * The person's address on a channel, from their directory profile: e-mail and mobile are profile fields;
 * DingTalk and WeCom user ids are attributes (`dingtalk` / `wecom`, or `dingtalkUserId` / `wecomUserId`).
 */
export function addressOf(user: Recipient, channel: ChannelName): string | undefined {
  const attr = user.attributes;
  switch (channel) {
    case 'email':
      return text(user.email) ?? text(attr.email);
    case 'sms':
      return text(user.mobile) ?? text(attr.mobile);
    case 'dingtalk':
      return text(attr.dingtalk) ?? text(attr.dingtalkUserId);
    case 'wecom':
      return text(attr.wecom) ?? text(attr.wecomUserId);
  }
}

/** `zh…` → zh-CN, `en…` → en, from the profile's `locale` attribute; otherwise the organisation's default. */
export function localeOf(user: Recipient | undefined, fallback: 'en' | 'zh-CN'): 'en' | 'zh-CN' {
  const wanted = text(user?.attributes.locale)?.toLowerCase();
  if (wanted?.startsWith('zh')) return 'zh-CN';
  if (wanted?.startsWith('en')) return 'en';
  return fallback;
}

/**
 * Which connectors carry a notification to one person. The names come from the effect (`channels`: channel
 * names or connector keys), else from the person's `notifyChannels` attribute, else from the organisation's
 * default (BATON_NOTIFY_CHANNELS). A channel name picks the enabled connector of that channel whose key is the
 * channel's name, else the first by key. A channel without an address in the profile is skipped. The inbox
 * is not picked here: it is always written.
 */
export function pickChannels(
  user: Recipient,
  requested: readonly string[] | undefined,
  orgDefaults: readonly string[],
  connectors: readonly ChannelConnector[],
): ChannelPick[] {
  const preference = Array.isArray(user.attributes.notifyChannels)
    ? (user.attributes.notifyChannels as unknown[]).filter((v): v is string => typeof v === 'string')
    : undefined;
  const names = requested && requested.length > 0 ? requested : (preference ?? orgDefaults);
  const picks: ChannelPick[] = [];
  for (const name of names) {
    if (name === 'inbox') continue;
    const connector = CHANNEL_NAMES.includes(name)
      ? (connectors.find((c) => c.channel === name && c.key === name) ?? connectors.find((c) => c.channel === name))
      : connectors.find((c) => c.key === name);
    if (!connector || picks.some((p) => p.connectorKey === connector.key)) continue;
    const address = addressOf(user, connector.channel);
    if (address) picks.push({ connectorKey: connector.key, channel: connector.channel, address });
  }
  return picks;
}
