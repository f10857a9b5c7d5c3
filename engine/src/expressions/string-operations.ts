import { toText } from './coerce.js';
import { invalidArguments } from './expression-error.js';
import type { ExpressionOperation } from './expression-operation.js';

/** String helpers. null reads as ""; other values are turned into text the way `cat` does. */
function text1(description: ExpressionOperation['description'], example: string, fn: (s: string) => unknown): ExpressionOperation {
  return { pure: true, minArgs: 1, maxArgs: 1, description, example, evaluate: ([s]) => fn(toText(s)) };
}

export const STRING_OPERATIONS: Record<string, ExpressionOperation> = {
  lower: text1({ en: 'Lower-case text.', 'zh-CN': '转为小写。' }, '{"lower": {"var": "email"}}', (s) => s.toLowerCase()),
  upper: text1({ en: 'Upper-case text.', 'zh-CN': '转为大写。' }, '{"upper": {"var": "code"}}', (s) => s.toUpperCase()),
  trim: text1({ en: 'Text without leading and trailing white space.', 'zh-CN': '去掉首尾空白。' }, '{"trim": {"var": "name"}}', (s) => s.trim()),
  startsWith: {
    pure: true,
    minArgs: 2,
    maxArgs: 2,
    description: { en: 'Whether the text starts with the prefix.', 'zh-CN': '文本是否以该前缀开头。' },
    example: '{"startsWith": [{"var": "employeeId"}, "CN-"]}',
    evaluate: ([s, p]) => toText(s).startsWith(toText(p)),
  },
  endsWith: {
    pure: true,
    minArgs: 2,
    maxArgs: 2,
    description: { en: 'Whether the text ends with the suffix.', 'zh-CN': '文本是否以该后缀结尾。' },
    example: '{"endsWith": [{"var": "email"}, "@example.com"]}',
    evaluate: ([s, p]) => toText(s).endsWith(toText(p)),
  },
  includes: {
    pure: true,
    minArgs: 2,
    maxArgs: 2,
    description: { en: 'Whether the text contains the part, or the array contains the value.', 'zh-CN': '文本是否包含该片段，或数组是否包含该值。' },
    example: '{"includes": [{"var": "roles"}, "manager"]}',
    evaluate: ([s, part]) => (Array.isArray(s) ? s.includes(part) : toText(s).includes(toText(part))),
  },
  split: {
    pure: true,
    minArgs: 2,
    maxArgs: 2,
    description: { en: 'Splits text at each separator into an array.', 'zh-CN': '按分隔符把文本拆成数组。' },
    example: '{"split": [{"var": "ccList"}, ","]}',
    evaluate: ([s, sep]) => (toText(s) === '' ? [] : toText(s).split(toText(sep))),
  },
  join: {
    minArgs: 1,
    maxArgs: 2,
    description: { en: 'Joins array items into text with a separator (default ",").', 'zh-CN': '用分隔符（默认 ","）把数组元素连接成文本。' },
    example: '{"join": [{"pluck": [{"var": "assets"}, "tag"]}, ", "]}',
    evaluate: ([list, sep]) => {
      if (!Array.isArray(list)) throw invalidArguments('join', 'the first argument must be an array');
      return list.map(toText).join(sep === undefined ? ',' : toText(sep));
    },
  },
  length: {
    minArgs: 1,
    maxArgs: 1,
    description: { en: 'Number of characters of text, or of items of an array (null is 0).', 'zh-CN': '文本的字符数或数组的元素数（null 为 0）。' },
    example: '{"length": {"var": "assets"}}',
    evaluate: ([v]) => {
      if (v === null || v === undefined) return 0;
      if (typeof v === 'string' || Array.isArray(v)) return v.length;
      throw invalidArguments('length', 'takes text or an array');
    },
  },
  replace: {
    pure: true,
    minArgs: 3,
    maxArgs: 3,
    description: { en: 'Replaces every occurrence of a literal text (no patterns).', 'zh-CN': '替换所有出现的字面文本（不支持正则）。' },
    example: '{"replace": [{"var": "phone"}, "-", ""]}',
    evaluate: ([s, search, by]) => {
      const needle = toText(search);
      return needle === '' ? toText(s) : toText(s).split(needle).join(toText(by));
    },
  },
  padStart: {
    pure: true,
    minArgs: 2,
    maxArgs: 3,
    description: { en: 'Pads text on the left to a length (default with spaces).', 'zh-CN': '在左侧补足到指定长度（默认补空格）。' },
    example: '{"padStart": [{"var": "seq"}, 6, "0"]}',
    evaluate: ([s, n, fill]) => toText(s).padStart(Math.min(Number(n) || 0, 10_000), fill === undefined ? ' ' : toText(fill)),
  },
};
