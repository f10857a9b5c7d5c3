import type { ExpressionOperation } from './expression-operation.js';

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

function walk(value: unknown, segments: readonly string[]): unknown {
  let current = value;
  for (const segment of segments) {
    if (FORBIDDEN.has(segment) || current === null || typeof current !== 'object' || Array.isArray(current)) return null;
    if (!Object.prototype.hasOwnProperty.call(current, segment)) return null;
    current = (current as Record<string, unknown>)[segment];
  }
  return current ?? null;
}

/**
 * Reads the organisation through `ctx.directory` (the same read-only directory flows resolve assignees
 * with), so a condition can route on who someone is rather than on what a form asked:
 * `{"directory": [{"var": "employeeId"}, "attributes.jobFamily"]}`. Not pure: the answer depends on ctx.
 */
export const DIRECTORY_OPERATIONS: Record<string, ExpressionOperation> = {
  directory: {
    minArgs: 1,
    maxArgs: 2,
    description: {
      en: 'A value of a directory user (or department) by id: "name", "departmentId", "position", "managerId", "hireDate", "attributes.<name>"; null when unknown or without a directory.',
      'zh-CN': '按 id 读取通讯录中人员（或部门）的值："name"、"departmentId"、"position"、"managerId"、"hireDate"、"attributes.<名称>"；未找到或无通讯录时为 null。',
    },
    example: '{"directory": [{"var": "employeeId"}, "attributes.jobFamily"]}',
    evaluate: ([id, path], ctx) => {
      const directory = ctx.directory;
      if (!directory || typeof id !== 'string' || id === '') return null;
      const entry = directory.user(id) ?? directory.department(id);
      if (!entry) return null;
      if (path === undefined || path === null || path === '') return entry.id;
      return typeof path === 'string' ? walk(entry, path.split('.')) : null;
    },
  },
};
