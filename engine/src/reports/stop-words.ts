/**
 * Words too common to say anything about why people leave, in Chinese and English. Kept short on
 * purpose: a word such as 薪资 or 加班 that looks common in a corpus is exactly what HR wants to see.
 */
export const ZH_STOP_WORDS: readonly string[] = [
  '的', '了', '和', '是', '在', '我', '有', '就', '不', '人', '都', '一', '一个', '上', '也', '很', '到', '说', '要', '去',
  '你', '会', '着', '没有', '看', '好', '自己', '这', '那', '他', '她', '它', '们', '我们', '你们', '他们', '因为', '所以',
  '但是', '但', '而且', '还是', '或者', '如果', '虽然', '然后', '比较', '非常', '觉得', '可以', '没', '太', '又', '还', '把',
  '被', '让', '给', '对', '从', '与', '及', '等', '吗', '呢', '吧', '啊', '这个', '那个', '什么', '怎么', '为什么', '已经',
  '现在', '一些', '一直', '希望', '想', '能', '其他', '以及', '目前', '之后', '之前', '方面', '问题', '情况', '进行', '这样',
  '那样', '这里', '那里', '可能', '需要', '由于', '对于', '关于', '公司', '本人', '感谢', '谢谢',
];

export const EN_STOP_WORDS: readonly string[] = [
  'a', 'an', 'the', 'and', 'or', 'but', 'of', 'to', 'in', 'on', 'for', 'with', 'at', 'by', 'from', 'is', 'are', 'was',
  'were', 'be', 'been', 'being', 'it', 'its', 'this', 'that', 'these', 'those', 'i', 'me', 'my', 'we', 'our', 'you', 'your',
  'he', 'she', 'they', 'them', 'their', 'not', 'no', 'so', 'as', 'if', 'then', 'than', 'too', 'very', 'can', 'could',
  'would', 'should', 'will', 'just', 'also', 'more', 'most', 'some', 'any', 'about', 'into', 'over', 'after', 'before',
  'because', 'due', 'etc', 'have', 'has', 'had', 'do', 'does', 'did', 'am', 'want', 'get', 'got', 'there', 'here', 'what',
  'which', 'who', 'when', 'where', 'why', 'how', 'all', 'other', 'such', 'only', 'own', 'same', 'now', 'company', 'thanks',
];

export const BUILTIN_STOP_WORDS: ReadonlySet<string> = new Set([...ZH_STOP_WORDS, ...EN_STOP_WORDS]);
