import { useCallback, useSyncExternalStore } from 'react';

/** What the engine's last validation says about one field. */
export interface FieldMeta {
  visible: boolean;
  /** Messages of the issues at this field's path (or under it). */
  errors: readonly string[];
  /** A computed field's value, as the engine computed it. */
  computed?: unknown;
}

const SHOWN: FieldMeta = { visible: true, errors: [] };

function sameMeta(a: FieldMeta, b: FieldMeta): boolean {
  return a.visible === b.visible && a.computed === b.computed && a.errors.length === b.errors.length && a.errors.every((m, i) => m === b.errors[i]);
}

/**
 * The preview's data and per-field validation state, outside React: each field subscribes to its own key,
 * so a keystroke re-renders one field, and a validation answer re-renders only the fields whose visibility,
 * messages or computed value changed. (rjsf re-renders the whole form on every change: 150–200 ms on a
 * medium form, far more on 300 fields.)
 */
export class FieldStore<R = unknown> {
  private data: Record<string, unknown>;
  private meta = new Map<string, FieldMeta>();
  private answer: R | null = null;
  private readonly keyListeners = new Map<string, Set<() => void>>();
  private readonly dataListeners = new Set<(data: Record<string, unknown>) => void>();
  private readonly resultListeners = new Set<() => void>();

  constructor(initial: Record<string, unknown>) {
    this.data = { ...initial };
  }

  get snapshot(): Record<string, unknown> {
    return this.data;
  }

  value(key: string): unknown {
    return this.data[key];
  }

  fieldMeta(key: string): FieldMeta {
    return this.meta.get(key) ?? SHOWN;
  }

  /** One field's new value: its own listeners, then whoever validates the whole data. */
  set(key: string, value: unknown): void {
    if (Object.is(this.data[key], value)) return;
    const next = { ...this.data };
    if (value === undefined) delete next[key];
    else next[key] = value;
    this.data = next;
    this.notify(key);
    for (const listener of this.dataListeners) listener(next);
  }

  /** New data for every field (reset to defaults). */
  replace(data: Record<string, unknown>): void {
    const old = this.data;
    this.data = { ...data };
    for (const key of new Set([...Object.keys(old), ...Object.keys(data)])) if (!Object.is(old[key], data[key])) this.notify(key);
    for (const listener of this.dataListeners) listener(this.data);
  }

  /** Applies a validation answer: notifies only the fields whose meta changed. */
  applyMeta(next: Map<string, FieldMeta>): void {
    const keys = new Set([...this.meta.keys(), ...next.keys()]);
    const old = this.meta;
    this.meta = next;
    for (const key of keys) if (!sameMeta(old.get(key) ?? SHOWN, next.get(key) ?? SHOWN)) this.notify(key);
  }

  /** The whole validation answer (for the summary under the fields), or null before the first. */
  get result(): R | null {
    return this.answer;
  }

  /**
   * Applies a validation answer: the fields whose meta changed, then the summary's listeners. Subscribers
   * use useSyncExternalStore, so React renders all of it synchronously, inside the caller's task.
   */
  applyResult(result: R, meta: Map<string, FieldMeta>): void {
    this.applyMeta(meta);
    this.answer = result;
    for (const listener of this.resultListeners) listener();
  }

  subscribeResult = (listener: () => void): (() => void) => {
    this.resultListeners.add(listener);
    return () => this.resultListeners.delete(listener);
  };

  subscribeKey(key: string, listener: () => void): () => void {
    let set = this.keyListeners.get(key);
    if (!set) this.keyListeners.set(key, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  onData(listener: (data: Record<string, unknown>) => void): () => void {
    this.dataListeners.add(listener);
    return () => this.dataListeners.delete(listener);
  }

  private notify(key: string): void {
    for (const listener of this.keyListeners.get(key) ?? []) listener();
  }
}

/** One field's value and meta, re-rendering only when they change. */
export function useField(store: FieldStore<unknown>, key: string): { value: unknown; meta: FieldMeta } {
  const subscribe = useCallback((listener: () => void) => store.subscribeKey(key, listener), [store, key]);
  const value = useSyncExternalStore(subscribe, () => store.value(key));
  const meta = useSyncExternalStore(subscribe, () => store.fieldMeta(key));
  return { value, meta };
}
