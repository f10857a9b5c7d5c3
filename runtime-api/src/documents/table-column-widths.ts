/**
 * Table column widths for a PDF: the layout's share of the width, widened where a column's longest word
 * (header included) would otherwise break mid-word ("Confirme/d"). The extra room is taken from columns
 * with room to spare, in proportion to that spare; if all minimums together exceed the width, the
 * minimums are scaled down to fit (words then break, as before).
 */
export function fitColumnWidths(shares: readonly number[], minimums: readonly number[], total: number): number[] {
  const wanted = shares.map((share) => share * total);
  const mins = wanted.map((_, i) => minimums[i] ?? 0);
  const minSum = mins.reduce((s, m) => s + m, 0);
  if (minSum >= total) return mins.map((m) => (minSum > 0 ? (m / minSum) * total : total / mins.length));
  const needed = wanted.reduce((s, w, i) => s + Math.max(0, mins[i]! - w), 0);
  if (needed === 0) return wanted;
  const spare = wanted.map((w, i) => Math.max(0, w - mins[i]!));
  const spareSum = spare.reduce((s, v) => s + v, 0);
  return wanted.map((w, i) => (w < mins[i]! ? mins[i]! : w - (spare[i]! / spareSum) * needed));
}

/**
 * The runs of a text that a PDF line breaker (UAX #14) will not split: space/slash/hyphen-separated words,
 * and each Han/kana/hangul character on its own (CJK text may break between any two characters).
 */
export function unbreakableRuns(text: string): string[] {
  return text
    .split(/[\s/-]+/u)
    .flatMap((word) => word.split(/([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}])/u))
    .filter((run) => run.length > 0);
}
