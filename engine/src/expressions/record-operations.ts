import { pathReader } from './data-operations.js';
import { valSegments } from './data-path.js';
import { toNumber } from './coerce.js';
import { invalidArguments } from './expression-error.js';
import type { ExpressionOperation } from './expression-operation.js';

/** Helpers over arrays of records (sub-tables: the customers and assets a leaver hands over). */
function records(v: unknown, operator: string): unknown[] {
  if (v === null || v === undefined) return [];
  if (!Array.isArray(v)) throw invalidArguments(operator, 'the first argument must be an array of records');
  return v;
}

export const RECORD_OPERATIONS: Record<string, ExpressionOperation> = {
  pluck: {
    pure: true,
    minArgs: 2,
    maxArgs: 2,
    description: { en: 'The value of one key (a path) of every record.', 'zh-CN': '取每条记录某个键（路径）的值。' },
    example: '{"pluck": [{"var": "customers"}, "successorId"]}',
    evaluate: ([list, key]) => {
      const read = pathReader(valSegments(key));
      return records(list, 'pluck').map((r) => read(r) ?? null);
    },
  },
  sumBy: {
    pure: true,
    minArgs: 2,
    maxArgs: 2,
    description: { en: 'The sum of one numeric key over the records (missing counts as 0).', 'zh-CN': '对记录的某个数值键求和（缺失按 0 计）。' },
    example: '{"sumBy": [{"var": "expenses"}, "amount"]}',
    evaluate: ([list, key]) => {
      const read = pathReader(valSegments(key));
      let sum = 0;
      for (const r of records(list, 'sumBy')) sum += toNumber(read(r), 'sumBy');
      return sum;
    },
  },
};
