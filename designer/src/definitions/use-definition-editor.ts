import { isBatonApiError, type Definition, type DefinitionKind, type DefinitionSummary } from '@baton/client';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ResolvedDefinition } from '../app/engine/engine-protocol.js';
import { engine, EngineError } from '../app/engine/engine-client.js';
import type { DisplayIssue } from '../app/errors/to-display-error.js';
import { useLocalized } from '../app/i18n/localized.js';
import { useApi } from '../app/session/use-api.js';
import { clearLocalDraft, readLocalDraft, writeLocalDraft } from './local-drafts.js';

export type SaveState =
  | { state: 'loading' }
  | { state: 'new' }
  | { state: 'pending' }
  | { state: 'saving' }
  | { state: 'saved'; version: number; at: string }
  /** Kept in this browser only: the definition has problems the server would refuse. */
  | { state: 'local'; problems: number }
  | { state: 'error'; error: unknown };

export interface DefinitionBody {
  kind: string;
  key: string;
  version: number;
}

export interface DefinitionRef {
  kind: DefinitionKind;
  key: string;
}

export interface DefinitionEditor<T extends DefinitionBody> {
  kind: DefinitionKind;
  defKey: string;
  body: T | null;
  setBody: (update: (body: T) => T) => void;
  loadError: unknown;
  /** Problems the engine (here) or the server found, with JSON Pointers into the body. */
  issues: DisplayIssue[];
  save: SaveState;
  versions: DefinitionSummary[];
  published: Definition | null;
  /** Published definitions this one refers to, as the server will resolve them. */
  resolved: ResolvedDefinition[];
  restoredLocal: boolean;
  discardLocal: () => void;
  saveNow: () => Promise<number | null>;
  publish: () => Promise<Definition>;
  openVersion: (version: number) => Promise<void>;
}

const AUTOSAVE_MS = 700;

/** The body as saved, minus the version the server assigns: what "changed since the last save" compares. */
function contentText(body: DefinitionBody | null): string {
  if (!body) return '';
  const { version: _v, ...rest } = body;
  return JSON.stringify(rest);
}

/**
 * Loads, validates, auto-saves and publishes one definition. Every change is validated by the engine in
 * the browser (as the server will) after a short pause; a valid definition is saved as the server's
 * draft (POST /api/definitions), an invalid one is kept in this browser with its problems listed.
 */
export function useDefinitionEditor<T extends DefinitionBody>(
  kind: DefinitionKind,
  defKey: string,
  createNew: (key: string) => T,
  references: (body: T) => DefinitionRef[],
): DefinitionEditor<T> {
  const api = useApi();
  const { locale } = useLocalized();
  const [body, setBodyState] = useState<T | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [issues, setIssues] = useState<DisplayIssue[]>([]);
  const [save, setSave] = useState<SaveState>({ state: 'loading' });
  const [versions, setVersions] = useState<DefinitionSummary[]>([]);
  const [published, setPublished] = useState<Definition | null>(null);
  const [resolved, setResolved] = useState<ResolvedDefinition[]>([]);
  const [restoredLocal, setRestoredLocal] = useState(false);
  const lastSaved = useRef<string>('');
  const loaded = useRef(false);
  const bodyRef = useRef<T | null>(null);
  bodyRef.current = body;

  const refreshVersions = useCallback(async () => {
    const list = await api.definitions.list({ kind, key: defKey, limit: 200 });
    setVersions(list.items);
    const latestPublished = list.items.find((v) => v.status === 'published');
    setPublished(latestPublished ? await api.definitions.get(kind, defKey, latestPublished.version) : null);
    return list.items;
  }, [api, kind, defKey]);

  // Load once per definition: the newest version (draft or published), or a new skeleton.
  useEffect(() => {
    let cancelled = false;
    loaded.current = false;
    setBodyState(null);
    setSave({ state: 'loading' });
    (async () => {
      const items = await refreshVersions();
      const latest = items[0];
      let start: T;
      if (latest) {
        const def = await api.definitions.get(kind, defKey, latest.version);
        start = { ...(def.body as unknown as T), version: def.version };
        lastSaved.current = contentText(start);
        lastSavedInfo.current = { version: def.version, at: def.updatedAt };
        setSave(latest.status === 'draft' ? { state: 'saved', version: def.version, at: def.updatedAt } : { state: 'saved', version: def.version, at: def.publishedAt ?? def.updatedAt });
      } else {
        start = createNew(defKey);
        lastSaved.current = '';
        setSave({ state: 'new' });
      }
      const local = readLocalDraft(kind, defKey);
      if (local && contentText(local.body as unknown as T) !== contentText(start)) {
        start = { ...(local.body as unknown as T), version: start.version };
        setRestoredLocal(true);
      }
      if (cancelled) return;
      setBodyState(start);
      loaded.current = true;
    })().catch((err: unknown) => !cancelled && setLoadError(err));
    return () => {
      cancelled = true;
    };
  }, [api, kind, defKey]); // eslint-disable-line react-hooks/exhaustive-deps

  // Referenced definitions, as published (the server validates against those).
  const refsText = body ? JSON.stringify(references(body)) : '[]';
  useEffect(() => {
    let cancelled = false;
    const refs = JSON.parse(refsText) as DefinitionRef[];
    Promise.all(
      refs.map(async (r) => {
        try {
          const def = await api.definitions.get(r.kind, r.key);
          return [{ kind: r.kind, key: r.key, body: def.body }];
        } catch {
          return [];
        }
      }),
    ).then((list) => !cancelled && setResolved(list.flat()));
    return () => {
      cancelled = true;
    };
  }, [api, refsText]);

  const validate = useCallback(
    async (current: T) => {
      const result = await engine().call('validateDefinition', { definition: current, resolved, locale });
      setIssues(result.errors);
      return result;
    },
    [resolved, locale],
  );

  // One save at a time: a change made while a save is in flight is saved right after it, from the newest
  // body, so the server never ends up with an older version than the screen shows.
  const inFlight = useRef<Promise<number | null> | null>(null);
  const lastSavedInfo = useRef<{ version: number; at: string } | null>(null);

  const flush = useCallback(async (): Promise<number | null> => {
    let savedVersion: number | null = null;
    for (;;) {
      const current = bodyRef.current;
      if (!current) return savedVersion;
      const text = contentText(current);
      const result = await validate(current);
      if (!result.ok) {
        writeLocalDraft(kind, defKey, current as unknown as Record<string, unknown>);
        setSave({ state: 'local', problems: result.errors.length });
        return savedVersion;
      }
      if (text === lastSaved.current) {
        const info = lastSavedInfo.current;
        if (info) setSave({ state: 'saved', version: info.version, at: info.at });
        return savedVersion;
      }
      setSave({ state: 'saving' });
      try {
        const saved = await api.definitions.save(current as never);
        lastSaved.current = text;
        lastSavedInfo.current = { version: saved.version, at: saved.updatedAt };
        savedVersion = saved.version;
        clearLocalDraft(kind, defKey);
        setRestoredLocal(false);
        setBodyState((b) => (b && b.version !== saved.version ? { ...b, version: saved.version } : b));
        await refreshVersions();
      } catch (err) {
        writeLocalDraft(kind, defKey, current as unknown as Record<string, unknown>);
        if (isBatonApiError(err) && err.issues.length > 0) setIssues(err.issues);
        setSave({ state: 'error', error: err });
        return savedVersion;
      }
      // Loop: when the body changed during the save, the newer one is saved next; else this reports "saved".
    }
  }, [api, kind, defKey, validate, refreshVersions]);

  const persist = useCallback(async (): Promise<number | null> => {
    while (inFlight.current) await inFlight.current;
    const run = flush();
    inFlight.current = run;
    try {
      return await run;
    } finally {
      inFlight.current = null;
    }
  }, [flush]);

  // Auto-save: a short pause after the last change.
  const text = contentText(body);
  useEffect(() => {
    if (!loaded.current || !body) return;
    if (text === lastSaved.current && !inFlight.current) {
      void validate(body);
      const info = lastSavedInfo.current;
      setSave((s) => (s.state === 'pending' && info ? { state: 'saved', version: info.version, at: info.at } : s));
      return;
    }
    setSave({ state: 'pending' });
    const timer = setTimeout(() => void persist(), AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [text, resolved, locale]); // eslint-disable-line react-hooks/exhaustive-deps

  const saveNow = useCallback(async () => {
    const current = bodyRef.current;
    if (!current) return null;
    const version = await persist();
    const result = await validate(current);
    if (!result.ok) {
      throw new EngineError({ code: 'BATON_E_DESIGNER_INVALID', message: result.errors[0]?.message ?? 'invalid', path: result.errors[0]?.path ?? '', issues: result.errors });
    }
    return version;
  }, [persist, validate]);

  const publish = useCallback(async () => {
    await saveNow();
    const list = await refreshVersions();
    const draft = list.find((v) => v.status === 'draft');
    const def = await api.definitions.publish(kind, defKey, draft?.version);
    await refreshVersions();
    setSave({ state: 'saved', version: def.version, at: def.publishedAt ?? def.updatedAt });
    return def;
  }, [api, kind, defKey, saveNow, refreshVersions]);

  const openVersion = useCallback(
    async (version: number) => {
      const def = await api.definitions.get(kind, defKey, version);
      setBodyState((b) => ({ ...(def.body as unknown as T), version: b?.version ?? def.version }));
    },
    [api, kind, defKey],
  );

  const setBody = useCallback((update: (b: T) => T) => setBodyState((b) => (b ? update(b) : b)), []);

  return {
    kind,
    defKey,
    body,
    setBody,
    loadError,
    issues,
    save,
    versions,
    published,
    resolved,
    restoredLocal,
    discardLocal: () => {
      clearLocalDraft(kind, defKey);
      setRestoredLocal(false);
      window.location.reload();
    },
    saveNow,
    publish,
    openVersion,
  };
}
