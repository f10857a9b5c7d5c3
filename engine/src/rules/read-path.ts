import type { DirectoryReader } from '../directory/directory.js';

/**
 * A record of a collection form by id (an asset, a customer), for templates that name what a relation field
 * points at: "{assets.assetId.tag}". The runtime loads the records before the rules run (the engine does no IO).
 * `formKey`, when the lookup knows it, is the record's collection: a relation's filter accepts only its own.
 */
export type RecordLookup = (id: string) => { data: Record<string, unknown>; formKey?: string } | undefined;

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Reads a dotted path ("employeeId.name", "customers.successorId") from a scope.
 * - An array followed by a non-numeric segment maps over its items, so "assets.assetId" lists every asset id.
 * - A string followed by more segments is looked up in the directory, as a user first, then a department,
 *   so templates can say "{employeeId.name}" or "{employeeId.departmentId.name}"; then, when `records` is
 *   given, as a record id, so "{assets.assetId.tag}" lists the assets' tags.
 * Unknown paths give undefined; prototype keys are never followed.
 */
export function readPath(scope: unknown, path: string, directory?: DirectoryReader, records?: RecordLookup): unknown {
  return walk(scope, path.split('.'), 0, directory, records);
}

function walk(value: unknown, segments: string[], index: number, directory?: DirectoryReader, records?: RecordLookup): unknown {
  if (index >= segments.length) return value;
  const segment = segments[index] as string;
  if (FORBIDDEN.has(segment)) return undefined;
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) {
    if (/^\d+$/.test(segment)) return walk(value[Number(segment)], segments, index + 1, directory, records);
    return value.map((item) => walk(item, segments, index, directory, records)).flat();
  }
  if (typeof value === 'string' && (directory || records)) {
    const entry = directory?.user(value) ?? directory?.department(value) ?? records?.(value)?.data;
    return entry ? walk(entry, segments, index, directory, records) : undefined;
  }
  if (typeof value === 'object') {
    if (!Object.prototype.hasOwnProperty.call(value, segment)) return undefined;
    return walk((value as Record<string, unknown>)[segment], segments, index + 1, directory, records);
  }
  return undefined;
}
