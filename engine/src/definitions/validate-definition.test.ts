import { describe, expect, it } from 'vitest';
import { codesAndPaths, resolveExamples } from './fixtures/check-harness.js';
import {
  attritionReport,
  copy,
  crmConnector,
  cycleTimeReport,
  dingtalkConnector,
  leavingCertificate,
  offboardingPack,
  requestForm,
} from './fixtures/offboarding-examples.js';
import type { DefinitionKind } from './semantic-check-context.js';
import { comparePointers, validateDefinition } from './validate-definition.js';

/** The examples plus an installed "offboarding" flow, as the runtime's resolver would find them. */
const resolve = (kind: DefinitionKind, key: string): unknown =>
  kind === 'flow' && key === 'offboarding' ? { kind: 'flow', key } : resolveExamples(kind, key);

describe('validateDefinition', () => {
  it('accepts a valid example of every kind it owns', () => {
    for (const def of [requestForm, attritionReport, cycleTimeReport, leavingCertificate, crmConnector, dingtalkConnector, offboardingPack]) {
      expect(validateDefinition(def, { resolve }), `${def.kind} ${def.key}`).toEqual({ ok: true, errors: [] });
    }
  });

  it('gives one clear issue at /kind for a missing or unknown kind', () => {
    const missing = validateDefinition({ key: 'x', version: 1, title: 'X' });
    expect(missing.ok).toBe(false);
    expect(codesAndPaths(missing.errors)).toEqual([['BATON_E_DEFINITION_KIND_MISSING', '/kind']]);
    expect(missing.errors[0]?.message).toBe('Add "kind" to say what this definition is: one of "form", "flow", "rule", "report", "document", "connector", "pack".');
    const unknown = validateDefinition({ kind: 'workflow', key: 'x' }, { locale: 'zh-CN' });
    expect(codesAndPaths(unknown.errors)).toEqual([['BATON_E_DEFINITION_KIND_UNKNOWN', '/kind']]);
    expect(unknown.errors[0]?.message).toContain('不存在定义类别 "workflow"');
    expect(codesAndPaths(validateDefinition([1, 2]).errors)).toEqual([['BATON_E_DEFINITION_NOT_OBJECT', '']]);
  });

  it('returns schema errors sorted by path, with the semantic checks of the parts the schema accepts', () => {
    const def = copy(attritionReport) as Record<string, any>;
    def.chart.x = 'nowhere'; // semantic, in a part the schema accepts: reported at once
    def.measures[1].stat = 'median';
    def.title = 42;
    def.dimensions[0].level = 0;
    const result = validateDefinition(def, { resolve });
    expect(codesAndPaths(result.errors)).toEqual([
      ['BATON_E_SCHEMA_ENUM', '/measures/1/stat'],
      ['BATON_E_SCHEMA_MINIMUM', '/dimensions/0/level'],
      ['BATON_E_SCHEMA_ONE_OF', '/title'],
      ['BATON_E_REPORT_UNKNOWN_DIMENSION', '/chart/x'],
    ].sort((a, b) => comparePointers(a[1] ?? '', b[1] ?? '')) as Array<[string, string]>);
    def.title = 'Attrition';
    def.measures[1].stat = 'average';
    def.dimensions[0].level = 1;
    expect(codesAndPaths(validateDefinition(def, { resolve }).errors)).toEqual([['BATON_E_REPORT_UNKNOWN_DIMENSION', '/chart/x']]);
  });

  it('sorts pointers segment by segment with numbers in numeric order', () => {
    const paths = ['/nodes/10', '/nodes/2/config', '/edges', '', '/nodes/2'];
    expect(paths.sort(comparePointers)).toEqual(['', '/edges', '/nodes/2', '/nodes/2/config', '/nodes/10']);
  });

  it('validates a pack\'s inline definitions with paths under the entry, resolving within the pack', () => {
    const pack = copy(offboardingPack) as Record<string, any>;
    pack.definitions[2].definition.measures[2].denominator = 'heads';
    pack.definitions[3].definition.body[1].text.en = '{{employeeName}}';
    pack.definitions[4].definition.secrets.token = 'plain-text-token';
    // No outside resolver for forms: the report and document find the pack's own form.
    const result = validateDefinition(pack, { resolve: (kind, key) => (kind === 'flow' && key === 'offboarding' ? {} : undefined) });
    expect(codesAndPaths(result.errors)).toEqual([
      ['BATON_E_REPORT_UNKNOWN_MEASURE', '/definitions/2/definition/measures/2/denominator'],
      ['BATON_E_DOCUMENT_UNKNOWN_FIELD', '/definitions/3/definition/body/1/text/en'],
      ['BATON_E_CONNECTOR_SECRET_VALUE', '/definitions/4/definition/secrets/token'],
    ]);
  });

  it('answers in the requested locale and always carries both', () => {
    const result = validateDefinition({ ...copy(crmConnector), type: 'carrier-pigeon' }, { locale: 'zh-CN' });
    expect(result.errors[0]?.message).toBe(result.errors[0]?.messages['zh-CN']);
    expect(result.errors[0]?.messages.en).toContain('There is no connector type "carrier-pigeon"');
  });
});
