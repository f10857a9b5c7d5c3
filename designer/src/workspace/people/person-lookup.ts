import type { BatonClient, DirectoryPerson } from '@baton/client';

/** Ids asked for in one request at most (the route's cap is 100). */
const BATCH = 50;

interface Loader {
  known: Map<string, Promise<DirectoryPerson | null>>;
  waiting: Map<string, (person: DirectoryPerson | null) => void>;
  failing: Map<string, (error: unknown) => void>;
  scheduled: boolean;
}

const loaders = new WeakMap<BatonClient, Loader>();

function loaderOf(api: BatonClient): Loader {
  let loader = loaders.get(api);
  if (!loader) {
    loader = { known: new Map(), waiting: new Map(), failing: new Map(), scheduled: false };
    loaders.set(api, loader);
  }
  return loader;
}

async function flush(api: BatonClient, loader: Loader): Promise<void> {
  loader.scheduled = false;
  const ids = [...loader.waiting.keys()];
  const resolve = new Map(loader.waiting);
  const reject = new Map(loader.failing);
  loader.waiting.clear();
  loader.failing.clear();
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = ids.slice(i, i + BATCH);
    try {
      // Everyone, people who left included: a stored value may name someone who has since left.
      const found = await api.directory.searchUsers({ id: batch, include: 'all', limit: BATCH });
      const byId = new Map(found.items.map((p) => [p.id, p]));
      for (const id of batch) resolve.get(id)?.(byId.get(id) ?? null);
    } catch (error) {
      for (const id of batch) {
        // A failed lookup is not remembered: the next page that needs the name asks again.
        loader.known.delete(id);
        reject.get(id)?.(error);
      }
    }
  }
}

/**
 * The person behind a stored id (null: nobody has it), for showing names of values already chosen. The
 * ids every picker on a page asks for in the same tick go in one request (a sub-table of successors is one
 * round trip, not one per row), and answers are kept for the client's lifetime (a new sign-in is a new one).
 */
export function lookupPerson(api: BatonClient, id: string): Promise<DirectoryPerson | null> {
  const loader = loaderOf(api);
  const known = loader.known.get(id);
  if (known) return known;
  const pending = new Promise<DirectoryPerson | null>((resolve, reject) => {
    loader.waiting.set(id, resolve);
    loader.failing.set(id, reject);
  });
  loader.known.set(id, pending);
  if (!loader.scheduled) {
    loader.scheduled = true;
    setTimeout(() => void flush(api, loader), 0);
  }
  return pending;
}

/** Remembers people a search already returned, so choosing one needs no second request for its name. */
export function rememberPeople(api: BatonClient, people: readonly DirectoryPerson[]): void {
  const loader = loaderOf(api);
  for (const p of people) if (!loader.waiting.has(p.id)) loader.known.set(p.id, Promise.resolve(p));
}
