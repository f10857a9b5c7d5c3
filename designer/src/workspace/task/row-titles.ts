/**
 * A sub-table row's own title. rjsf hands row i of a table to its field as name "<table>-<i>" and title
 * "<table title>-<i+1>" ("Work handed over-1"); this finds that pair and gives back the table's title and
 * the row's number, for a title in the reader's language ("Work handed over 1", "工作交接 第 1 项").
 * Anything else (a field whose title merely ends in a number) gives undefined.
 */
export function rowOf(name: string | undefined, title: string | undefined): { table: string; n: number } | undefined {
  if (!name || !title) return undefined;
  const index = /-(\d+)$/.exec(name)?.[1];
  if (index === undefined) return undefined;
  const n = Number(index) + 1;
  const suffix = `-${n}`;
  if (!title.endsWith(suffix) || title.length === suffix.length) return undefined;
  return { table: title.slice(0, -suffix.length), n };
}
