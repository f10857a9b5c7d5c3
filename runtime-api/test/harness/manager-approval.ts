import { randomBytes } from 'node:crypto';

type Text = { en: string; 'zh-CN': string };

/** request → the employee's manager approves → end, on `form` (the subject is the form's `employeeId`). */
export function managerApprovalFlow(key: string, title: Text, form: string) {
  return {
    kind: 'flow',
    key,
    title,
    form,
    nodes: [
      { id: 'request', type: 'start', name: { en: 'Request', 'zh-CN': '申请' } },
      { id: 'approve', type: 'approval', name: { en: 'Approve', 'zh-CN': '审批' }, config: { assignees: [{ kind: 'manager-of', path: 'employeeId' }] } },
      { id: 'end', type: 'end', name: { en: 'End', 'zh-CN': '结束' } },
    ],
    edges: [
      { id: 'e1', from: 'request', to: 'approve' },
      { id: 'e2', from: 'approve', to: 'end' },
    ],
  };
}

/** A multipart body with one file part named "file", for app.inject. */
export function multipartFile(name: string, contentType: string, content: Buffer): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----baton-${randomBytes(8).toString('hex')}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${contentType}\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head, 'utf8'), content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
