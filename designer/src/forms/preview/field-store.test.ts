import { describe, expect, it } from 'vitest';
import { FieldStore, type FieldMeta } from './field-store.js';

// The preview's isolation rests on this: a change notifies its own field only, and a validation answer
// notifies only the fields whose visibility, messages or computed value changed.
describe('FieldStore', () => {
  const watch = (store: FieldStore, keys: string[]) => {
    const calls: string[] = [];
    for (const key of keys) store.subscribeKey(key, () => calls.push(key));
    return calls;
  };

  it('notifies the changed field and the data listeners, nothing else', () => {
    const store = new FieldStore({ a: 1, b: 'x' });
    const calls = watch(store, ['a', 'b', 'c']);
    const seen: Array<Record<string, unknown>> = [];
    store.onData((d) => seen.push(d));
    store.set('b', 'y');
    expect(calls).toEqual(['b']);
    expect(seen).toEqual([{ a: 1, b: 'y' }]);
    store.set('b', 'y');
    expect(calls).toEqual(['b']);
    store.set('a', undefined);
    expect(store.snapshot).toEqual({ b: 'y' });
    expect(calls).toEqual(['b', 'a']);
  });

  it('keeps the old snapshot object intact (a new object per change)', () => {
    const store = new FieldStore({ a: 1 });
    const before = store.snapshot;
    store.set('a', 2);
    expect(before).toEqual({ a: 1 });
    expect(store.snapshot).not.toBe(before);
  });

  it('applies a validation answer to the fields whose meta changed only', () => {
    const store = new FieldStore({});
    const calls = watch(store, ['a', 'b', 'c']);
    const meta = (entries: Array<[string, FieldMeta]>) => new Map(entries);
    store.applyMeta(meta([['a', { visible: true, errors: [] }], ['b', { visible: false, errors: [] }]]));
    expect(calls).toEqual(['b']);
    expect(store.fieldMeta('b').visible).toBe(false);
    calls.length = 0;
    store.applyMeta(meta([['a', { visible: true, errors: ['Required'] }], ['b', { visible: false, errors: [] }]]));
    expect(calls).toEqual(['a']);
    calls.length = 0;
    // Equal messages in a new array, and a computed value that did not change: no re-render.
    store.applyMeta(meta([['a', { visible: true, errors: ['Required'] }], ['b', { visible: false, errors: [] }], ['c', { visible: true, errors: [], computed: 3 }]]));
    expect(calls).toEqual(['c']);
    calls.length = 0;
    store.applyMeta(meta([]));
    expect(calls.sort()).toEqual(['a', 'b', 'c']);
  });

  it('applies a whole answer: the changed fields, then the summary, which reads the new result', () => {
    const store = new FieldStore<{ ok: boolean }>({});
    const calls = watch(store, ['a', 'b']);
    const seen: Array<boolean | undefined> = [];
    store.subscribeResult(() => {
      calls.push('summary');
      seen.push(store.result?.ok);
    });
    expect(store.result).toBeNull();
    store.applyResult({ ok: false }, new Map([['a', { visible: true, errors: ['Required'] }]]));
    expect(calls).toEqual(['a', 'summary']);
    expect(seen).toEqual([false]);
  });

  it('replaces the data, notifying the fields that changed', () => {
    const store = new FieldStore({ a: 1, b: 2 });
    const calls = watch(store, ['a', 'b', 'c']);
    store.replace({ a: 1, c: 3 });
    expect(calls.sort()).toEqual(['b', 'c']);
    expect(store.snapshot).toEqual({ a: 1, c: 3 });
  });
});
