import { BUILTIN_STOP_WORDS } from './stop-words.js';

let segmenter: Intl.Segmenter | undefined;

/**
 * The distinct words of a free text, lower-cased, in order of first appearance. Chinese has no spaces;
 * `Intl.Segmenter('zh', { granularity: 'word' })` (ICU's dictionary) splits it, and handles English,
 * numbers and mixed text in the same pass. Punctuation and spaces are dropped.
 */
export function segmentWords(text: string): string[] {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  const seen = new Set<string>();
  for (const part of segmenter.segment(text.normalize('NFKC'))) {
    if (!part.isWordLike) continue;
    const word = part.segment.toLowerCase();
    if (/^\d+$/.test(word)) continue;
    seen.add(word);
  }
  return [...seen];
}

export interface WordFilter {
  /** Extra words to ignore besides the built-in zh-CN and en lists. */
  stopWords?: readonly string[];
  /** Shorter words (in characters) are ignored; 2 by default. */
  minLength?: number;
}

/**
 * Words without any Han/kana/hangul character (English and the like) need at least this many characters:
 * two Chinese characters make a word (薪资), two Latin letters are almost always a fragment or filler
 * ("ok", "ll", "re", "us"), which crowded the exit-reason word list.
 */
export const MIN_ALPHABETIC_WORD_LENGTH = 3;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** A predicate for the words worth showing: not a stop word, long enough (longer for alphabetic words). */
export function wordFilter(options: WordFilter = {}): (word: string) => boolean {
  const extra = new Set((options.stopWords ?? []).map((w) => w.toLowerCase()));
  const minLength = options.minLength ?? 2;
  const longEnough = (word: string): boolean => {
    const length = [...word].length;
    return length >= minLength && (CJK.test(word) || length >= MIN_ALPHABETIC_WORD_LENGTH);
  };
  return (word) => longEnough(word) && !BUILTIN_STOP_WORDS.has(word) && !extra.has(word);
}

/** Words of many texts counted once per text (how many leavers mention it), most frequent first. */
export function countWords(texts: Iterable<{ text: string; count?: number }>, options: WordFilter & { top?: number } = {}): Array<{ word: string; count: number }> {
  const keep = wordFilter(options);
  const counts = new Map<string, number>();
  for (const { text, count = 1 } of texts) {
    for (const word of segmentWords(text)) if (keep(word)) counts.set(word, (counts.get(word) ?? 0) + count);
  }
  return [...counts.entries()]
    .map(([word, count]) => ({ word, count }))
    .sort((a, b) => b.count - a.count || (a.word < b.word ? -1 : a.word > b.word ? 1 : 0))
    .slice(0, options.top ?? 50);
}
