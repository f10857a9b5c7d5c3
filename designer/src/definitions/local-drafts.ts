/**
 * A copy of each definition being edited, kept in this browser. The server refuses to store a draft that
 * does not validate, so work in progress that still has problems lives here until it does.
 */
export interface LocalDraft {
  body: Record<string, unknown>;
  savedAt: string;
}

const key = (kind: string, defKey: string) => `baton.draft.${kind}.${defKey}`;

export function readLocalDraft(kind: string, defKey: string): LocalDraft | null {
  try {
    const raw = globalThis.localStorage?.getItem(key(kind, defKey));
    return raw ? (JSON.parse(raw) as LocalDraft) : null;
  } catch {
    return null;
  }
}

export function writeLocalDraft(kind: string, defKey: string, body: Record<string, unknown>): void {
  try {
    globalThis.localStorage?.setItem(key(kind, defKey), JSON.stringify({ body, savedAt: new Date().toISOString() }));
  } catch {
    /* storage full or blocked: the server copy is still there */
  }
}

export function clearLocalDraft(kind: string, defKey: string): void {
  globalThis.localStorage?.removeItem(key(kind, defKey));
}
