/**
 * A read a command needs before anything else (a task action's task with its instance locked). runCommand
 * sends it with the Idempotency-Key's check as ONE statement (a round trip fewer per keyed command), or
 * with the cache versions alone when the request carries no deferred key (what the key's check also
 * carries), and hands the command what `read` made of its row.
 */
export interface FirstRead<R> {
  /**
   * A fixed SELECT text of at most one row, its parameters `$1`, `$2`… (renumbered when joined to the
   * key's check, so the text must hold no other `$<digits>`). Its column names must not start with `baton_key`
   * or `baton_v_` (the cache versions it is sent with when there is no key).
   */
  text: string;
  params: readonly unknown[];
  /** Its row as the command uses it: undefined, or (joined to the key's check or the versions) all columns null, when none. */
  read(row: Record<string, unknown> | undefined): R;
}

/** The text with its parameters moved up by `by` (`$1` → `$3` for by = 2). */
export function shiftParams(text: string, by: number): string {
  return text.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + by}`);
}
