/** What documents read from the environment. */
export interface DocumentSettings {
  /**
   * The employer's name printed on documents ({{$org.name}}, the seal): BATON_ORG_NAME (Chinese, the legal
   * name) and BATON_ORG_NAME_EN (English documents; the Chinese name when unset).
   */
  organizationName: { 'zh-CN'?: string; en?: string } | undefined;
}

export function documentSettingsFrom(env: Record<string, string | undefined>): DocumentSettings {
  const zh = env.BATON_ORG_NAME?.trim() || undefined;
  const en = env.BATON_ORG_NAME_EN?.trim() || undefined;
  const name: { 'zh-CN'?: string; en?: string } = {};
  if (zh) name['zh-CN'] = zh;
  if (en ?? zh) name.en = (en ?? zh) as string;
  return { organizationName: zh || en ? name : undefined };
}
