// `pnpm start` in this folder: registers the field type, checks a form that uses it and validates some values.
import { compileForm, createRegistry, validateDefinition } from '@baton/engine';
import { employeeForm } from './employee-form.js';
import { residentIdPlugin } from './resident-id-plugin.js';

const registry = createRegistry({ plugins: [residentIdPlugin] });
console.log('plugins installed:', registry.pluginNames().join(', '));

const entry = registry.describe('zh-CN').fields.find((f) => f.type === 'acme/cn-resident-id');
console.log('designer palette entry (zh-CN):', JSON.stringify(entry));

const checked = validateDefinition(employeeForm, { registry });
console.log('form definition valid:', checked.ok);

const form = compileForm(employeeForm, registry);
const samples: Array<[string, string]> = [
  ['valid (check digit X)', '11010519491231002X'],
  ['wrong check digit', '110105194912310021'],
  ['30 February', '110105194902300020'],
  ['too short', '1101051949123100'],
  ['born after 2007-12-31', '440304200802291234'],
];
for (const [what, residentId] of samples) {
  const result = form.validate({ name: 'Li Lei', residentId }, { locale: 'zh-CN' });
  console.log(`\n${what}: ${residentId} → ${result.ok ? 'ok' : 'rejected'}`);
  for (const error of result.errors) {
    console.log(`  ${error.path}  ${error.messages.en}`);
    console.log(`  ${' '.repeat(error.path.length)}  ${error.messages['zh-CN']}`);
  }
}

const badConfig = validateDefinition(
  { ...employeeForm, fields: [{ key: 'residentId', type: 'acme/cn-resident-id', label: 'ID', config: { maskInList: 'yes' } }] },
  { registry },
);
console.log('\nform with a bad field config:', badConfig.errors.map((e) => `${e.path} ${e.message}`).join('; '));
