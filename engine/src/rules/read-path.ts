import type { DirectoryReader } from '../directory/directory.js';

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Reads a dotted path ("employeeId.name", "customers.successorId") from a scope.
 * - An array followed by a non-numeric segment maps over its items, so "assets.assetId" lists every asset id.
 * - A string followed by more segments is looked up in the directory, as a user first, then a department,
 *   so templates can say "{employeeId.name}" or "{employeeId.departmentId.name}".
 * Unknown paths give undefined; prototype keys are never followed.
 */
export function readPath(scope: unknown, path: string, directory?: DirectoryReader): unknown {
  return walk(scope, path.split('.'), 0, directory);
}

function walk(value: unknown, segments: string[], index: number, directory?: DirectoryReader): unknown {
  if (index >= segments.length) return value;
  const segment = segments[index] as string;
  if (FORBIDDEN.has(segment)) return undefined;
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) {
    if (/^\d+$/.test(segment)) return walk(value[Number(segment)], segments, index + 1, directory);
    return value.map((item) => walk(item, segments, index, directory)).flat();
  }
  if (typeof value === 'string' && directory) {
    const entry = directory.user(value) ?? directory.department(value);
    return entry ? walk(entry, segments, index, directory) : undefined;
  }
  if (typeof value === 'object') {
    if (!Object.prototype.hasOwnProperty.call(value, segment)) return undefined;
    return walk((value as Record<string, unknown>)[segment], segments, index + 1, directory);
  }
  return undefined;
}
