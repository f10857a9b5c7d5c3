import type { DirectoryRole } from '@baton/client';
import { useEffect, useState } from 'react';
import { useSession } from '../../app/session/session-store.js';
import { useApi } from '../../app/session/use-api.js';

// One GET /api/directory/roles per token for the page: every role picker of every panel shares it.
const cache = new Map<string, Promise<DirectoryRole[]>>();

/**
 * The roles held in the directory (GET /directory/roles), [] until they arrive or when the caller may not
 * list them: the pickers then still offer the built-in roles and take a typed name.
 */
export function useDirectoryRoles(): readonly DirectoryRole[] {
  const api = useApi();
  const token = useSession((s) => s.token) ?? '';
  const [roles, setRoles] = useState<readonly DirectoryRole[]>([]);
  useEffect(() => {
    let live = true;
    let pending = cache.get(token);
    if (!pending) {
      pending = api.directory.roles().then((r) => r.items);
      cache.set(token, pending);
      pending.catch(() => cache.delete(token));
    }
    pending.then((items) => live && setRoles(items)).catch(() => live && setRoles([]));
    return () => {
      live = false;
    };
  }, [token]); // eslint-disable-line react-hooks/exhaustive-deps
  return roles;
}
