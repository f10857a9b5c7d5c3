import type { DirectoryPerson } from '@baton/client';

/** What the directory says about an id: undefined while asking, null when nobody has it. */
export type Looked = DirectoryPerson | null | undefined;

/** The name to show for a user id: the directory's name, else the id itself (still loading, or unknown). */
export function personText(id: string, person: Looked): string {
  return person && person.name ? person.name : id;
}

/** "left" / "inactive" for someone no longer here (tagged next to the name), null for people present. */
export function presenceOf(person: Looked): 'left' | 'inactive' | null {
  if (!person || person.status === 'active') return null;
  return person.status === 'left' ? 'left' : 'inactive';
}

/** Distinct non-empty ids in first-seen order, the set one page asks the directory about. */
export function distinctIds(ids: Iterable<string | null | undefined>): string[] {
  const seen = new Set<string>();
  for (const id of ids) if (id) seen.add(id);
  return [...seen];
}
