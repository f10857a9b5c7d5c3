import type { Words } from './schema-error-places.js';

/**
 * The patterns of engine/schemas in words ("may contain only lower-case letters, digits and -"), so an
 * analyst never reads a regular expression. A pattern not listed (a plugin's) is shown as it is.
 */
const PATTERNS: Record<string, Words> = {
  '^[a-z][a-z0-9-]*$': {
    en: 'may contain only lower-case letters, digits and -, and must start with a letter',
    'zh-CN': '只能包含小写字母、数字和 -，且必须以字母开头',
  },
  '^[A-Za-z_][A-Za-z0-9_]*$': {
    en: 'may contain only letters, digits and _, and must not start with a digit',
    'zh-CN': '只能包含字母、数字和 _，且不能以数字开头',
  },
  '^[A-Za-z_][A-Za-z0-9_-]*$': {
    en: 'may contain only letters, digits, - and _, and must start with a letter or _',
    'zh-CN': '只能包含字母、数字、- 和 _，且必须以字母或 _ 开头',
  },
  '^[a-z][a-z0-9-]*(/[a-z0-9-]+)?(@[0-9]+(\\.[0-9]+){0,2})?$': {
    en: 'must be a type name such as “text”, “approval@1” or “acme/id-card@1.2”',
    'zh-CN': '必须是类型名称，例如 “text”、“approval@1” 或 “acme/id-card@1.2”',
  },
  '^[0-9]+\\.[0-9]+\\.[0-9]+(-[0-9A-Za-z.-]+)?$': { en: 'must be a version number such as 1.2.0', 'zh-CN': '必须是版本号，例如 1.2.0' },
  '^(\\^|>=)?[0-9]+\\.[0-9]+\\.[0-9]+$': {
    en: 'must be a version such as 1.2.0, ^1.2.0 or >=1.2.0',
    'zh-CN': '必须是版本要求，例如 1.2.0、^1.2.0 或 >=1.2.0',
  },
  '^([01][0-9]|2[0-3]):[0-5][0-9]$': { en: 'must be a time of day as HH:mm, for example 09:30', 'zh-CN': '必须是 HH:mm 格式的时间，例如 09:30' },
  '^https?://': { en: 'must start with http:// or https://', 'zh-CN': '必须以 http:// 或 https:// 开头' },
  '^[A-Z]{3}$': { en: 'must be a three-letter currency code such as CNY or USD', 'zh-CN': '必须是三个大写字母的货币代码，例如 CNY 或 USD' },
  '^\\d{4}-\\d{2}-\\d{2}$': { en: 'must be a date as YYYY-MM-DD, for example 2030-06-28', 'zh-CN': '必须是 YYYY-MM-DD 格式的日期，例如 2030-06-28' },
  '^P(?!$)(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+S)?)?$': {
    en: 'must be a duration such as P3D (3 days) or PT4H (4 hours)',
    'zh-CN': '必须是时长，例如 P3D（3 天）或 PT4H（4 小时）',
  },
  '^[^\\s/]+$': { en: 'must not contain spaces or /', 'zh-CN': '不能包含空格或 /' },
  '^BATON_E_[A-Z0-9_]+$': { en: 'must be an error code such as BATON_E_NOT_FOUND', 'zh-CN': '必须是错误代码，例如 BATON_E_NOT_FOUND' },
  '^(?!/)(?!.*\\.\\.)[A-Za-z0-9_./-]+$': {
    en: 'must be a relative file path of letters, digits, _ . / and -, without “..”',
    'zh-CN': '必须是由字母、数字和 _ . / - 组成的相对文件路径，且不含 “..”',
  },
};

/** What a value must look like to satisfy `pattern`, as the end of a sentence. */
export function patternWords(pattern: unknown): Words {
  const known = typeof pattern === 'string' ? PATTERNS[pattern] : undefined;
  return known ?? { en: `must match the pattern ${String(pattern)}`, 'zh-CN': `必须符合格式 ${String(pattern)}` };
}
