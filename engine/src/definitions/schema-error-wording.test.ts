import { describe, expect, it } from 'vitest';
import type { Issue } from '../errors/issue.js';
import { offboardingFlow, offboardingForm } from '../flows/flow-test-kit.js';
import { copy, crmConnector, requestForm } from './fixtures/offboarding-examples.js';
import { validateDefinition } from './validate-definition.js';

/** A flow with names (the kit's nodes have none) and the form it reads, as the designer would hold them. */
function namedFlow(): Record<string, any> {
  const flow = copy(offboardingFlow()) as Record<string, any>;
  flow.nodes[1].name = { en: 'Manager approval', 'zh-CN': '经理审批' };
  flow.nodes[2].name = { en: 'HR interview', 'zh-CN': 'HR 面谈' };
  return flow;
}
const resolveForm = (kind: string, key: string): unknown => (kind === 'form' && key === offboardingForm.key ? offboardingForm : undefined);

/** The one issue at `path`, in both languages. */
function at(def: unknown, path: string): Issue {
  const found = validateDefinition(def, { resolve: resolveForm as never }).errors.filter((e) => e.path === path);
  expect(found.map((e) => e.code), path).toHaveLength(1);
  return found[0] as Issue;
}

function says(found: Issue, code: string, en: string, zh: string): void {
  expect(found.code).toBe(code);
  expect(found.messages.en).toBe(en);
  expect(found.messages['zh-CN']).toBe(zh);
}

describe('schema errors in analyst words', () => {
  it('required: names the item and the missing thing', () => {
    const flow = namedFlow();
    delete flow.nodes[1].name;
    says(at(flow, '/nodes/1/name'), 'BATON_E_SCHEMA_REQUIRED', 'Step 2 ‘managerApproval’ needs a name.', '请为第 2 步“managerApproval”填写名称。');
    const form = copy(requestForm) as Record<string, any>;
    delete form.title;
    says(at(form, '/title'), 'BATON_E_SCHEMA_REQUIRED', 'This form needs a title.', '请为此表单填写标题。');
  });

  it('minProperties on a label: a name in at least one language', () => {
    const flow = namedFlow();
    flow.nodes[2].name = {};
    says(at(flow, '/nodes/2/name'), 'BATON_E_SCHEMA_MIN_PROPERTIES', 'Step 3 ‘hrInterview’ needs a name in at least one language.', '请为第 3 步“hrInterview”填写至少一种语言的名称。');
  });

  it('additionalProperties: the unknown setting, remove or respell', () => {
    const flow = namedFlow();
    flow.nodes[1].assignee = [];
    says(
      at(flow, '/nodes/1/assignee'),
      'BATON_E_SCHEMA_ADDITIONAL_PROPERTIES',
      'Step 2 ‘Manager approval’ has a setting ‘assignee’ that does not belong there: remove it, or check its spelling.',
      '第 2 步“经理审批”包含不允许的设置“assignee”：请删除它，或检查拼写。',
    );
  });

  it('type: what the value must be, named by its property', () => {
    const form = copy(requestForm) as Record<string, any>;
    form.fields[1].required = 'yes';
    says(at(form, '/fields/1/required'), 'BATON_E_SCHEMA_TYPE', 'The “required” setting of field ‘Department’ must be true or false.', '字段“部门”的必填设置必须是布尔值（true 或 false）。');
  });

  it('enum and const: the allowed values', () => {
    const flow = namedFlow();
    flow.nodes[1].sla.escalate.action = 'shout';
    says(
      at(flow, '/nodes/1/sla/escalate/action'),
      'BATON_E_SCHEMA_ENUM',
      'The action of the escalation of the deadline of step 2 ‘Manager approval’ must be one of: "notify", "reassign", "auto-approve", "auto-reject".',
      '第 2 步“经理审批”的时限的升级处理的动作必须是以下之一："notify", "reassign", "auto-approve", "auto-reject"。',
    );
    const form = copy(requestForm) as Record<string, any>;
    form.kind = 'form';
    form.fields[0].fields = 'nope';
    expect(at(form, '/fields/0/fields').messages.en).toBe('The columns of field ‘Employee’ must be an array.');
  });

  it('minLength and pattern: the key of a field, in words, with its value', () => {
    const form = copy(requestForm) as Record<string, any>;
    form.fields[6].key = 'x y';
    says(
      at(form, '/fields/6/key'),
      'BATON_E_SCHEMA_PATTERN',
      'The key of field ‘Reason (free text)’ (now ‘x y’) may contain only letters, digits and _, and must not start with a digit.',
      '字段“原因说明”的标识（当前为“x y”）只能包含字母、数字和 _，且不能以数字开头。',
    );
    const flow = namedFlow();
    flow.edges[0].port = 'Not OK';
    says(
      at(flow, '/edges/0/port'),
      'BATON_E_SCHEMA_PATTERN',
      'The outcome of the connection from ‘request’ to ‘Manager approval’ (now ‘Not OK’) may contain only lower-case letters, digits and -, and must start with a letter.',
      '从“request”到“经理审批”的连线的出口（当前为“Not OK”）只能包含小写字母、数字和 -，且必须以字母开头。',
    );
    flow.edges[0].port = 'ok';
    flow.viewers = [''];
    says(at(flow, '/viewers/0'), 'BATON_E_SCHEMA_MIN_LENGTH', 'Entry 1 of the viewers of this flow must not be empty.', '此流程的可查看者的第 1 项不能为空，请填写。');
  });

  it('minItems and uniqueItems: entries of a list', () => {
    const form = copy(requestForm) as Record<string, any>;
    form.fields[7].fields = [];
    says(at(form, '/fields/7/fields'), 'BATON_E_SCHEMA_MIN_ITEMS', 'Add at least 1 entry to the columns of field ‘Customers’.', '字段“客户”的列至少需要 1 项，请添加。');
    const flow = namedFlow();
    flow.viewers = ['hr', 'hr'];
    says(at(flow, '/viewers'), 'BATON_E_SCHEMA_UNIQUE_ITEMS', 'The viewers of this flow lists the same entry twice (entries 1 and 2): remove one.', '此流程的可查看者中第 1 项与第 2 项重复：请删除其一。');
  });

  it('minimum and maximum: the bound, on a nested config (worded the same after the schema stage)', () => {
    const flow = namedFlow();
    flow.nodes[1].config.assignees[0].level = 11;
    says(
      at(flow, '/nodes/1/config/assignees/0/level'),
      'BATON_E_SCHEMA_MAXIMUM',
      'The level of entry 1 of the assignees of step 2 ‘Manager approval’ must be 10 or less.',
      '第 2 步“经理审批”的处理人的第 1 项的层级必须不大于 10。',
    );
    flow.nodes[1].config.assignees[0].level = 0;
    expect(at(flow, '/nodes/1/config/assignees/0/level').messages.en).toBe('The level of entry 1 of the assignees of step 2 ‘Manager approval’ must be 1 or more.');
  });

  it('format: a valid address', () => {
    const connector = copy(crmConnector) as Record<string, any>;
    connector.config.baseUrl = 'not a url';
    const both = validateDefinition(connector).errors.filter((e) => e.path === '/config/baseUrl');
    expect(both.map((e) => e.code).sort()).toEqual(['BATON_E_SCHEMA_FORMAT', 'BATON_E_SCHEMA_PATTERN']);
    const found = both.find((e) => e.code === 'BATON_E_SCHEMA_FORMAT') as Issue;
    expect(both.find((e) => e !== found)?.messages.en).toBe('The base address of this connector (now ‘not a url’) must start with http:// or https://.');
    expect(found.messages.en).toMatch(/^The base address of this connector: Enter a web address/);
    expect(found.messages['zh-CN']).toMatch(/^此连接器的基础地址：请填写以协议开头的网址/);
  });

  it('oneOf: a label that is neither text nor texts per language; the best branch when one fits', () => {
    const flow = namedFlow();
    flow.title = 42;
    says(at(flow, '/title'), 'BATON_E_SCHEMA_ONE_OF', 'The title of this flow must be text, or a text for each language.', '此流程的标题必须是文本，或按语言分别填写的文本。');
    flow.title = { en: 'Offboarding', fr: 'Départ' };
    says(
      at(flow, '/title/fr'),
      'BATON_E_SCHEMA_ADDITIONAL_PROPERTIES',
      'The title of this flow has a setting ‘fr’ that does not belong there: remove it, or check its spelling.',
      '此流程的标题包含不允许的设置“fr”：请删除它，或检查拼写。',
    );
  });

  it('keeps code and pointer, and answers in the requested locale', () => {
    const flow = namedFlow();
    flow.nodes[2].name = {};
    const zh = validateDefinition(flow, { locale: 'zh-CN', resolve: resolveForm as never }).errors[0] as Issue;
    expect([zh.code, zh.path, zh.message]).toEqual(['BATON_E_SCHEMA_MIN_PROPERTIES', '/nodes/2/name', zh.messages['zh-CN']]);
    expect(zh.params).toEqual({ limit: 1 });
  });
});

describe('semantic checks on a definition that fails its schema in some parts', () => {
  it('reports a missing name and a dangling connection together', () => {
    const flow = namedFlow();
    flow.nodes[2].name = {};
    flow.edges[0].to = 'nowhere';
    const codes = validateDefinition(flow, { resolve: resolveForm as never }).errors.map((e) => [e.code, e.path]);
    expect(codes).toContainEqual(['BATON_E_SCHEMA_MIN_PROPERTIES', '/nodes/2/name']);
    expect(codes).toContainEqual(['BATON_E_FLOW_DANGLING_EDGE', '/edges/0/to']);
  });

  it('drops what the checks say about a broken item, and runs none when an item lost its id', () => {
    const flow = namedFlow();
    flow.nodes[1].bogus = true;
    flow.nodes[1].config.assignees = [];
    const paths = validateDefinition(flow, { resolve: resolveForm as never }).errors.map((e) => e.path);
    expect(paths).toEqual(['/nodes/1/bogus']);
    delete flow.nodes[1].bogus;
    delete flow.nodes[4].id;
    flow.edges[0].to = 'nowhere';
    expect(validateDefinition(flow, { resolve: resolveForm as never }).errors.map((e) => e.path)).toEqual(['/nodes/4/id']);
  });

  it('never throws on a half-valid definition of any kind', () => {
    const broken = [
      { ...namedFlow(), nodes: 'abc' },
      { ...namedFlow(), nodes: [null, 1, 'x', { id: 'a' }] },
      { ...namedFlow(), edges: [{ from: 1 }, null] },
      { ...(copy(requestForm) as object), fields: [{ key: 'a' }, 7, { type: 'text', label: {} }] },
      { kind: 'rule', key: 'r', version: 1, title: 'R', trigger: 5, actions: [{}, null] },
      { kind: 'report', key: 'r', version: 1, title: 'R', measures: [{}], dimensions: 'x' },
      { kind: 'pack', key: 'p', version: 1, title: 'P', definitions: [{ definition: { kind: 'form', fields: [null] } }] },
    ];
    for (const def of broken) {
      for (const locale of ['en', 'zh-CN'] as const) {
        const result = validateDefinition(def, { locale, resolve: resolveForm as never });
        expect(result.ok).toBe(false);
        for (const e of result.errors) expect(e.messages.en.length * e.messages['zh-CN'].length).toBeGreaterThan(0);
      }
    }
  });
});
