import { useEffect, useState } from 'react';

/**
 * State kept in this tab's sessionStorage under `key`: sample data survives the editor reloading (a language
 * switch, a restored draft) and a page reload, and never leaves the browser.
 */
export function useKeptState<T>(key: string, initial: () => T): [T, (update: T | ((current: T) => T)) => void] {
  const [value, setValue] = useState<T>(() => {
    try {
      const raw = globalThis.sessionStorage?.getItem(key);
      return raw ? (JSON.parse(raw) as T) : initial();
    } catch {
      return initial();
    }
  });
  useEffect(() => {
    try {
      globalThis.sessionStorage?.setItem(key, JSON.stringify(value));
    } catch {
      // A full or disabled storage only costs the sample data on reload.
    }
  }, [key, value]);
  return [value, setValue];
}
