import { createMemoryDirectory, type DirectoryUser, type FlowDefinition } from '@baton/engine';

/**
 * An offboarding step as an analyst would draw it: the leaver signs the separation agreement; signed → HR
 * files it; declined → HR talks to them; no answer within 7 days → HR chases.
 */
export const separationFlow: FlowDefinition = {
  kind: 'flow',
  key: 'separation-agreement',
  version: 1,
  title: { en: 'Separation agreement', 'zh-CN': '离职协议签署' },
  nodes: [
    { id: 'start', type: 'start', name: { en: 'Start', 'zh-CN': '开始' } },
    {
      id: 'sign',
      type: 'acme/e-signature@1',
      name: { en: 'Sign the separation agreement', 'zh-CN': '签署离职协议' },
      config: {
        connector: 'esign',
        document: 'separation-agreement',
        signerField: 'employeeId',
        resultField: 'signedAgreement',
        timeout: { amount: 7, unit: 'days' },
      },
    },
    { id: 'file', type: 'task', name: { en: 'File the signed agreement', 'zh-CN': '归档已签协议' }, config: { assignees: [{ kind: 'role', role: 'hr' }] } },
    { id: 'talk', type: 'task', name: { en: 'Talk to the employee', 'zh-CN': '与员工沟通' }, config: { assignees: [{ kind: 'role', role: 'hr' }] } },
    { id: 'chase', type: 'task', name: { en: 'Chase the signature', 'zh-CN': '催促签署' }, config: { assignees: [{ kind: 'role', role: 'hr' }] } },
    { id: 'done', type: 'end', name: { en: 'Done', 'zh-CN': '完成' } },
    { id: 'notSigned', type: 'end', name: { en: 'Not signed', 'zh-CN': '未签署' }, config: { status: 'rejected' } },
  ],
  edges: [
    { id: 'e1', from: 'start', to: 'sign' },
    { id: 'e2', from: 'sign', to: 'file' },
    { id: 'e3', from: 'sign', to: 'talk', port: 'declined' },
    { id: 'e4', from: 'sign', to: 'chase', port: 'expired' },
    { id: 'e5', from: 'file', to: 'done' },
    { id: 'e6', from: 'talk', to: 'notSigned' },
    { id: 'e7', from: 'chase', to: 'notSigned' },
  ],
};

const user = (id: string, name: string, extra: Partial<DirectoryUser> = {}): DirectoryUser => ({ id, name, roles: [], attributes: {}, ...extra });

/** A two-person organisation: the leaver and an HR officer. */
export const directory = createMemoryDirectory({
  users: [
    user('emp1', 'Li Lei', { email: 'li.lei@example.com', managerId: 'hr1' }),
    user('hr1', 'Han Meimei', { roles: ['hr'] }),
  ],
});
