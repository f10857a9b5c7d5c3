import { fillTemplate, type LocalizedText, type NotifyEffect } from '@baton/engine';
import type { MessageParams } from '../types/message-params.js';

export type Lang = 'en' | 'zh-CN';

/**
 * Message templates are the notify action's own localized `title` and `body` (in rule and flow definitions,
 * `{ "en": …, "zh-CN": … }` with `{placeholders}`), filled by the engine when the effect was decided and
 * again here with the effect's `data` for placeholders left for delivery time. Each channel connector lays
 * the result out its own way (DingTalk markdown card, WeCom markdown, HTML e-mail, SMS template parameters).
 */
export function localized(text: LocalizedText | Record<string, string> | undefined, locale: Lang): string | undefined {
  if (text === undefined) return undefined;
  if (typeof text === 'string') return text;
  const map = text as Record<string, string | undefined>;
  return map[locale] ?? map.en ?? map['zh-CN'] ?? Object.values(map).find((v) => typeof v === 'string');
}

function filled(text: LocalizedText | undefined, data: Record<string, unknown> | undefined): LocalizedText | undefined {
  if (text === undefined || !data) return text;
  return fillTemplate(text, data);
}

/** The title and body in both languages, as kept in the inbox (shown in the reader's language). */
export function bothLanguages(text: LocalizedText | undefined, data: Record<string, unknown> | undefined): Record<string, string> | null {
  const value = filled(text, data);
  if (value === undefined) return null;
  return { en: localized(value, 'en') ?? '', 'zh-CN': localized(value, 'zh-CN') ?? '' };
}

/** A link under BATON_PUBLIC_URL (never a request's Host header); none when it is not configured. */
export function linkOf(effect: NotifyEffect, publicUrl: string | undefined): string | undefined {
  if (!publicUrl || !effect.link) return undefined;
  if (effect.link.taskId) return `${publicUrl}/tasks/${encodeURIComponent(effect.link.taskId)}`;
  if (effect.link.instanceId) return `${publicUrl}/instances/${encodeURIComponent(effect.link.instanceId)}`;
  return undefined;
}

function scalars(data: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(data ?? {})) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out[name] = String(value);
  }
  return out;
}

/** The `sendMessage` params for one person on one channel. */
export function channelMessage(effect: NotifyEffect, userId: string, address: string, locale: Lang, publicUrl: string | undefined): MessageParams {
  const title = localized(filled(effect.title, effect.data), locale) ?? '';
  const body = localized(filled(effect.body, effect.data), locale);
  const link = linkOf(effect, publicUrl);
  const template = typeof effect.data?.smsTemplate === 'string' ? effect.data.smsTemplate : undefined;
  return {
    title: title.slice(0, 500) || '(Baton)',
    ...(body ? { body } : {}),
    ...(link ? { link } : {}),
    address,
    userId,
    locale,
    data: scalars(effect.data),
    ...(template ? { template } : {}),
  };
}
