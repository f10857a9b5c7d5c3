// `pnpm start` in this folder: runs one leave notice through the engine and prints each step.
import { runOffboarding } from './run-offboarding.js';

const result = runOffboarding((line) => console.log(line));
console.log(`final data: ${JSON.stringify(result.state.data)}`);
console.log(`${result.effects.length} effects for the runtime to carry out: ${[...new Set(result.effects.map((e) => e.type))].join(', ')}`);
