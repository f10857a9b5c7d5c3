const CHANNELS = ['inbox', 'email', 'dingtalk', 'wecom', 'sms'];

export interface ConnectorSettings {
  /** BATON_PUBLIC_URL without a trailing slash: the only base of links in messages (never a request's Host). */
  publicUrl: string | undefined;
  /** BATON_NOTIFY_CHANNELS: channels a notification uses when neither the rule nor the person names any. */
  notifyChannels: string[];
  /** BATON_NOTIFY_LOCALE: the language of messages to people whose profile sets none. */
  notifyLocale: 'en' | 'zh-CN';
}

export function connectorSettingsFrom(env: Record<string, string | undefined>): ConnectorSettings {
  const rawUrl = env.BATON_PUBLIC_URL?.trim();
  let publicUrl: string | undefined;
  if (rawUrl) {
    let url: URL;
    try {
      url = new URL(rawUrl);
    } catch {
      throw new Error(`BATON_PUBLIC_URL must be an absolute http(s) URL such as https://baton.example.com (got "${rawUrl}")`);
    }
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password || url.search || url.hash) {
      throw new Error(`BATON_PUBLIC_URL must be a plain http(s) URL without credentials, query or fragment (got "${rawUrl}")`);
    }
    publicUrl = url.toString().replace(/\/+$/, '');
  }
  const channels = (env.BATON_NOTIFY_CHANNELS ?? 'inbox,email,dingtalk,wecom').split(',').map((c) => c.trim()).filter((c) => c !== '');
  const unknown = channels.filter((c) => !CHANNELS.includes(c) && !/^[a-z][a-z0-9-]*$/.test(c));
  if (unknown.length > 0) throw new Error(`BATON_NOTIFY_CHANNELS takes channel names (${CHANNELS.join(', ')}) or connector keys (got "${unknown.join(', ')}")`);
  const locale = env.BATON_NOTIFY_LOCALE?.trim() || 'zh-CN';
  if (locale !== 'en' && locale !== 'zh-CN') throw new Error(`BATON_NOTIFY_LOCALE must be en or zh-CN (got "${locale}")`);
  return { publicUrl, notifyChannels: channels, notifyLocale: locale };
}
