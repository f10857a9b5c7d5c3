import { describe, expect, it } from 'vitest';
import { compileExpression } from './compile-expression.js';
import { judge, listSuites, loadSuite } from '../../test/conformance-suite.js';

/**
 * Every suite of the public JsonLogic compatibility set (shared/conformance/jsonlogic). Each case is compiled
 * (an invalid tree is rejected at compile time with an "Invalid arguments" BatonError) and evaluated.
 */
describe('JsonLogic conformance', () => {
  it('passes every case of every suite', () => {
    let passed = 0;
    let failed = 0;
    const failures: string[] = [];
    for (const suite of listSuites()) {
      let p = 0;
      let f = 0;
      for (const c of loadSuite(suite)) {
        if (judge(c, (rule, data) => compileExpression(rule)(data))) p++;
        else {
          f++;
          failures.push(`${suite}: ${JSON.stringify(c.rule)} data=${JSON.stringify(c.data)}`);
        }
      }
      console.log(`${suite}: ${p} passed, ${f} failed`);
      passed += p;
      failed += f;
    }
    console.log(`jsonlogic conformance: ${passed} passed, ${failed} failed`);
    expect(failures).toEqual([]);
    expect(passed).toBe(1138);
  });
});
