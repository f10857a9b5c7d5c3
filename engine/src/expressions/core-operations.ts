import type { CoreCompiler } from './compile-context.js';
import { ARITHMETIC_OPERATIONS } from './arithmetic-operations.js';
import { COMPARISON_OPERATIONS } from './comparison-operations.js';
import { DATA_OPERATIONS } from './data-operations.js';
import { ITERATOR_OPERATIONS } from './iterator-operations.js';
import { LOGIC_OPERATIONS } from './logic-operations.js';
import { VALUE_OPERATIONS } from './value-operations.js';

/** The JsonLogic operators (the modern spec), compiled by hand-specialised code rather than the generic path. */
export const CORE_OPERATIONS: Readonly<Record<string, CoreCompiler>> = {
  ...DATA_OPERATIONS,
  ...LOGIC_OPERATIONS,
  ...ARITHMETIC_OPERATIONS,
  ...COMPARISON_OPERATIONS,
  ...ITERATOR_OPERATIONS,
  ...VALUE_OPERATIONS,
};

/** What a call must look like, checked before compiling; `null` literals are rejected where listed. */
export interface ArgumentShape {
  literalArray?: boolean;
  minArgs?: number;
  maxArgs?: number;
  notNull?: readonly number[];
}

const LAZY: ArgumentShape = { literalArray: true };
const COMPARE: ArgumentShape = { literalArray: true, minArgs: 2 };
const MAPPING: ArgumentShape = { literalArray: true, minArgs: 2, maxArgs: 2, notNull: [0, 1] };
const QUANTIFIER: ArgumentShape = { literalArray: true, minArgs: 2, maxArgs: 2, notNull: [0] };

export const CORE_SHAPES: Readonly<Record<string, ArgumentShape>> = {
  and: LAZY,
  or: LAZY,
  if: LAZY,
  '?:': LAZY,
  '==': COMPARE,
  '!=': COMPARE,
  '===': COMPARE,
  '!==': COMPARE,
  '<': COMPARE,
  '<=': COMPARE,
  '>': COMPARE,
  '>=': COMPARE,
  '-': { minArgs: 1 },
  '/': { minArgs: 1 },
  '%': { minArgs: 2 },
  max: { minArgs: 1 },
  min: { minArgs: 1 },
  map: MAPPING,
  filter: MAPPING,
  reduce: { literalArray: true, minArgs: 2, maxArgs: 3, notNull: [0, 1] },
  all: QUANTIFIER,
  some: QUANTIFIER,
  none: QUANTIFIER,
  missing_some: { minArgs: 2, maxArgs: 2 },
  in: { minArgs: 2, maxArgs: 3 },
};

/** Operators that read the data (or raise), so a call containing one is never folded at compile time. */
export const DATA_DEPENDENT = new Set(['var', 'val', 'exists', 'missing', 'missing_some', 'throw']);
