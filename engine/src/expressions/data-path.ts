/**
 * Reading values out of the data by path. Segments that reach an object's prototype machinery are refused,
 * so no expression can read (or, through a custom operation, write) `__proto__`, `constructor` or
 * `prototype`: a path through one of them yields nothing.
 */
const BLOCKED = new Set(['__proto__', 'constructor', 'prototype']);

export function isBlockedSegment(segment: string): boolean {
  return BLOCKED.has(segment);
}

/** `var` paths are dotted strings ("a.b.0"); a number is one segment; "" or null is the data itself. */
export function varSegments(path: unknown): string[] {
  if (path === null || path === undefined || path === '') return [];
  if (Array.isArray(path)) return path.length === 0 ? [] : varSegments(path[0]);
  return String(path).split('.');
}

/** `val` paths are arrays of literal keys (no dot splitting); a single key may be given bare. */
export function valSegments(path: unknown): string[] {
  if (path === null || path === undefined) return [];
  if (Array.isArray(path)) return path.map((p) => String(p));
  return [String(path)];
}

/** One step down; undefined when the step is impossible, blocked, or lands on a function. */
export function step(cur: unknown, key: string): unknown {
  if (cur === null || cur === undefined) return undefined;
  const t = typeof cur;
  if (t !== 'object' && t !== 'string') return undefined;
  if (BLOCKED.has(key)) return undefined;
  const v = (cur as Record<string, unknown>)[key];
  return typeof v === 'function' ? undefined : v;
}

export function readPath(data: unknown, segments: readonly string[]): unknown {
  let cur = data;
  for (let i = 0; i < segments.length; i++) {
    cur = step(cur, segments[i] as string);
    if (cur === undefined) return undefined;
  }
  return cur;
}

/** Like readPath but tells "present with value null" from "absent", for `exists`. */
export function hasPath(data: unknown, segments: readonly string[]): boolean {
  let cur = data;
  for (let i = 0; i < segments.length; i++) {
    const key = segments[i] as string;
    if (cur === null || typeof cur !== 'object' || BLOCKED.has(key)) return false;
    if (!Object.prototype.hasOwnProperty.call(cur, key)) return false;
    cur = (cur as Record<string, unknown>)[key];
  }
  return true;
}
