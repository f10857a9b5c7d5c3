import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/app/build-app.js';
import { fileSettingsFrom } from '../../src/files/file-settings.js';
import { forEachDatabase } from '../harness/for-each-database.js';
import { managerApprovalFlow, multipartFile } from '../harness/manager-approval.js';
import { publish } from '../harness/publish-definition.js';
import { startS3StandIn, type S3StandIn } from './files-s3-stand-in.js';

type Json = Record<string, any>;
const t = (en: string, zh: string) => ({ en, 'zh-CN': zh });
const LIMIT = 256 * 1024;
const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');

const directory = {
  departments: [{ id: 'd-ops', name: 'Operations', headId: 'mgr' }],
  users: [
    { id: 'emp', name: 'Zhang San', departmentId: 'd-ops', managerId: 'mgr', roles: [] },
    { id: 'mgr', name: 'Li Si', departmentId: 'd-ops', roles: [] },
    { id: 'hr1', name: 'Wang HR', roles: ['hr'] },
    { id: 'outsider', name: 'Zhou Outsider', roles: [] },
  ],
};

// The manager approves the leave but never sees the medical certificate.
const leaveForm = {
  kind: 'form',
  key: 'leave-docs',
  title: t('Leave documents', '离职材料'),
  fields: [
    { key: 'employeeId', type: 'user', label: t('Employee', '员工'), required: true },
    { key: 'documents', type: 'attachment', label: t('Documents', '材料'), config: { maxFiles: 5 } },
    { key: 'medical', type: 'attachment', label: t('Medical certificate', '医疗证明') },
  ],
  access: { approve: { medical: 'hidden' } },
};
const leaveFlow = managerApprovalFlow('leave-docs', t('Leave documents', '离职材料'), 'leave-docs');
const contractForm = {
  kind: 'form',
  key: 'contract',
  title: t('Contract', '合同'),
  collection: true,
  readers: ['hr'],
  fields: [
    { key: 'title', type: 'text', label: t('Title', '标题'), required: true },
    { key: 'scan', type: 'attachment', label: t('Scan', '扫描件') },
  ],
};

const multipart = multipartFile;

const fileDir = mkdtempSync(path.join(tmpdir(), 'baton-files-test-'));
afterAll(() => rmSync(fileDir, { recursive: true, force: true }));

forEachDatabase(
  'files: upload, download, references, access',
  (ctx) => {
    const tokens: Record<string, string> = {};
    let base = '';
    const upload = (user: string, name: string, contentType: string, content: Buffer, headers: Record<string, string> = {}) => {
      const body = multipart(name, contentType, content);
      return ctx().call({ method: 'POST', url: '/api/files', payload: body.payload, headers: { ...body.headers, ...headers }, token: tokens[user]! });
    };
    const download = (user: string, fileId: string) => ctx().call({ method: 'GET', url: `/api/files/${fileId}`, token: tokens[user]! });

    beforeAll(async () => {
      const imported = await ctx().call({ method: 'POST', url: '/api/directory/import', payload: directory });
      expect(imported.statusCode, imported.body).toBe(200);
      for (const user of directory.users) tokens[user.id] = await ctx().tokenFor(user.id, user.roles);
      for (const def of [leaveForm, leaveFlow, contractForm]) await publish(ctx(), def);
      base = await ctx().app.listen({ port: 0, host: '127.0.0.1' });
    });

    it('streams an upload over real HTTP, hashes it, and serves it back byte for byte with safe headers', async () => {
      const content = randomBytes(200 * 1024);
      const form = new FormData();
      form.append('file', new Blob([content], { type: 'application/pdf' }), '离职证明 final.pdf');
      const res = await fetch(`${base}/api/files`, { method: 'POST', headers: { authorization: `Bearer ${tokens.emp}` }, body: form });
      expect(res.status, await res.clone().text()).toBe(201);
      const ref = (await res.json()) as Json;
      expect(ref).toEqual({ fileId: expect.any(String), name: '离职证明 final.pdf', size: content.length, contentType: 'application/pdf', sha256: sha(content) });
      const row = await ctx().database.db.selectFrom('files').selectAll().where('id', '=', ref.fileId).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ storage: 'local', uploaded_by: 'emp', sha256: sha(content), size: content.length });
      expect(readFileSync(path.join(fileDir, row.storage_key)).equals(content)).toBe(true);
      expect(readdirSync(path.join(fileDir, '.incoming'))).toEqual([]);

      const got = await fetch(`${base}/api/files/${ref.fileId}`, { headers: { authorization: `Bearer ${tokens.emp}` } });
      expect(got.status).toBe(200);
      expect(Buffer.from(await got.arrayBuffer()).equals(content)).toBe(true);
      expect(got.headers.get('content-type')).toBe('application/pdf');
      expect(got.headers.get('content-length')).toBe(String(content.length));
      expect(got.headers.get('x-content-type-options')).toBe('nosniff');
      expect(got.headers.get('etag')).toBe(`"${sha(content)}"`);
      const disposition = got.headers.get('content-disposition') ?? '';
      expect(disposition).toMatch(/^inline; filename="[\x20-\x7e]*"; filename\*=UTF-8''/);
      expect(decodeURIComponent(disposition.split("UTF-8''")[1] ?? '')).toBe('离职证明 final.pdf');
      const audit = await ctx().database.db.selectFrom('audit_log').selectAll().where('action', '=', 'file.uploaded').where('subject_id', '=', ref.fileId).execute();
      expect(audit).toHaveLength(1);
    });

    it('refuses a file over BATON_FILE_LIMIT with 413, declared or streamed, and leaves nothing behind', async () => {
      const before = await ctx().database.db.selectFrom('files').select('id').execute();
      const streamed = await upload('emp', 'big.bin', 'application/octet-stream', Buffer.alloc(LIMIT + 1, 1));
      expect(streamed.statusCode, streamed.body).toBe(413);
      expect(streamed.json().error).toMatchObject({ code: 'BATON_E_FILE_TOO_LARGE', path: '/body/file' });
      const declared = await upload('emp', 'huge.bin', 'application/octet-stream', Buffer.alloc(LIMIT * 2, 1));
      expect(declared.statusCode).toBe(413);
      expect(declared.json().error.code).toBe('BATON_E_FILE_TOO_LARGE');
      const exact = await upload('emp', 'exact.bin', 'application/octet-stream', Buffer.alloc(LIMIT, 2));
      expect(exact.statusCode, exact.body).toBe(201);
      expect(await ctx().database.db.selectFrom('files').select('id').execute()).toHaveLength(before.length + 1);
      expect(readdirSync(path.join(fileDir, '.incoming'))).toEqual([]);
    });

    it('refuses what is not a multipart upload, a part without a file, and types not allowed', async () => {
      const json = await ctx().call({ method: 'POST', url: '/api/files', payload: { file: 'x' }, token: tokens.emp! });
      expect(json.statusCode).toBe(415);
      expect(json.json().error.code).toBe('BATON_E_FILE_MULTIPART_REQUIRED');
      const boundary = 'b0undary';
      const field = await ctx().call({
        method: 'POST',
        url: '/api/files',
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: `--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n--${boundary}--\r\n`,
        token: tokens.emp!,
      });
      expect(field.statusCode).toBe(400);
      expect(field.json().error.code).toBe('BATON_E_FILE_MISSING');
      const html = await upload('emp', 'x.html', 'text/html', Buffer.from('<script>alert(1)</script>'));
      expect(html.statusCode).toBe(415);
      expect(html.json().error.code).toBe('BATON_E_FILE_TYPE_NOT_ALLOWED');
      const anonymous = await ctx().call({ method: 'POST', url: '/api/files', ...multipart('a.txt', 'text/plain', Buffer.from('a')), token: null });
      expect(anonymous.statusCode).toBe(401);
    });

    it('answers malformed multipart bodies and odd ids with coded 4xx, never 5xx', async () => {
      const cases: Array<[string, string]> = [
        ['multipart/form-data', 'no boundary'],
        ['multipart/form-data; boundary=abc', 'garbage'],
        ['multipart/form-data; boundary=abc', '--abc\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\ncut off'],
        ['multipart/form-data; boundary=abc', '--abc\r\nContent-Type: text/plain\r\n\r\nno disposition\r\n--abc--\r\n'],
        ['multipart/form-data; boundary=abc', '--abc\r\nContent-Disposition: form-data; name="constructor"; filename="a.txt"\r\n\r\nx\r\n--abc--\r\n'],
        ['multipart/form-data; boundary=abc', ''],
        ['text/plain', 'hello'],
      ];
      for (const [type, payload] of cases) {
        const res = await ctx().call({ method: 'POST', url: '/api/files', headers: { 'content-type': type }, payload, token: tokens.emp! });
        expect(res.statusCode, `${type} ${payload}`).toBeGreaterThanOrEqual(400);
        expect(res.statusCode, `${type} ${payload}: ${res.body}`).toBeLessThan(500);
        expect(res.json().error.code).toMatch(/^BATON_E_/);
      }
      for (const id of ['%00', 'x'.repeat(200), '..%2F..%2Fetc%2Fpasswd']) {
        const res = await ctx().call({ method: 'GET', url: `/api/files/${id}`, token: tokens.emp! });
        expect([400, 404], id).toContain(res.statusCode);
      }
    });

    it('serves files a browser could run as downloads, sandboxed', async () => {
      const up = await upload('emp', 'page.svg', 'application/octet-stream', Buffer.from('<svg onload="alert(1)"/>'));
      expect(up.statusCode).toBe(201);
      const got = await download('emp', up.json().fileId);
      expect(got.statusCode).toBe(200);
      expect(got.headers['content-disposition']).toMatch(/^attachment; filename="page.svg"/);
      expect(got.headers['content-security-policy']).toContain('sandbox');
      expect(got.headers['x-content-type-options']).toBe('nosniff');
      const traversal = await upload('emp', '../../etc/pass\u0007wd', 'text/plain', Buffer.from('x'));
      expect(traversal.json().name).toBe('passwd');
    });

    it('replays an upload with the same Idempotency-Key and file; another file under that key is 422', async () => {
      const content = Buffer.from('the same file');
      const first = await upload('emp', 'same.txt', 'text/plain', content, { 'idempotency-key': 'upload-1' });
      expect(first.statusCode).toBe(201);
      const again = await upload('emp', 'same.txt', 'text/plain', content, { 'idempotency-key': 'upload-1' });
      expect(again.statusCode).toBe(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.json()).toEqual(first.json());
      const other = await upload('emp', 'same.txt', 'text/plain', Buffer.from('another file'), { 'idempotency-key': 'upload-1' });
      expect(other.statusCode).toBe(422);
      expect(other.json().error.code).toBe('BATON_E_IDEMPOTENCY_KEY_REUSED');
      const rows = await ctx().database.db.selectFrom('files').select('id').where('name', '=', 'same.txt').execute();
      expect(rows).toHaveLength(1);
    });

    it('serves an unattached file to its uploader only; an attached one to who may see the instance and the field', async () => {
      const docs = await upload('emp', 'resignation.pdf', 'application/pdf', Buffer.from('%PDF-1.4 resignation'));
      const medical = await upload('emp', 'medical.pdf', 'application/pdf', Buffer.from('%PDF-1.4 medical'));
      const docRef = docs.json();
      const medRef = medical.json();
      for (const user of ['mgr', 'hr1', 'outsider']) {
        const res = await download(user, docRef.fileId);
        expect(res.statusCode, user).toBe(404);
        expect(res.json().error.code).toBe('BATON_E_FILE_NOT_FOUND');
      }
      expect((await download('emp', docRef.fileId)).statusCode).toBe(200);

      const started = await ctx().call({
        method: 'POST',
        url: '/api/flows/leave-docs/instances',
        payload: { data: { employeeId: 'emp', documents: [docRef], medical: [medRef] } },
        token: tokens.emp!,
      });
      expect(started.statusCode, started.body).toBe(201);
      const instanceId = started.json().id;
      const links = await ctx().database.db.selectFrom('file_links').selectAll().where('subject_id', '=', instanceId).execute();
      expect(links.map((l) => l.file_id).sort()).toEqual([docRef.fileId, medRef.fileId].sort());

      // [user, documents, medical]: the manager approves but the certificate is hidden at his step.
      const matrix: Array<[string, number, number]> = [
        ['emp', 200, 200],
        ['mgr', 200, 404],
        ['hr1', 200, 200],
        ['outsider', 404, 404],
      ];
      for (const [user, docStatus, medStatus] of matrix) {
        expect((await download(user, docRef.fileId)).statusCode, `${user} documents`).toBe(docStatus);
        expect((await download(user, medRef.fileId)).statusCode, `${user} medical`).toBe(medStatus);
      }
      const admin = await ctx().call({ method: 'GET', url: `/api/files/${medRef.fileId}` });
      expect(admin.statusCode).toBe(200);
    });

    it('refuses references to files the caller did not upload, unknown ids and forged metadata, with paths', async () => {
      const mine = (await upload('hr1', 'hr-only.pdf', 'application/pdf', Buffer.from('%PDF hr'))).json();
      const own = (await upload('emp', 'own.pdf', 'application/pdf', Buffer.from('%PDF own'))).json();
      const start = (data: Json) => ctx().call({ method: 'POST', url: '/api/flows/leave-docs/instances', payload: { data }, token: tokens.emp! });
      const stolen = await start({ employeeId: 'emp', documents: [mine] });
      expect(stolen.statusCode).toBe(422);
      expect(stolen.json().error.issues[0]).toMatchObject({ code: 'BATON_E_FILE_REFERENCE_INVALID', path: '/data/documents/0/fileId' });
      const unknown = await start({ employeeId: 'emp', documents: [{ ...own, fileId: 'no-such-file' }] });
      expect(unknown.json().error.issues[0]).toMatchObject({ code: 'BATON_E_FILE_REFERENCE_INVALID', path: '/data/documents/0/fileId' });
      const forged = await start({ employeeId: 'emp', documents: [own, { ...own, sha256: 'a'.repeat(64) }] });
      expect(forged.statusCode).toBe(422);
      expect(forged.json().error.issues.map((i: Json) => i.path)).toEqual(['/data/documents/1/sha256']);
      expect((await download('outsider', mine.fileId)).statusCode).toBe(404);
    });

    it('links record files: readers of the collection download them, others get 404', async () => {
      const scan = (await upload('hr1', 'contract.pdf', 'application/pdf', Buffer.from('%PDF contract'))).json();
      const created = await ctx().call({ method: 'POST', url: '/api/records/contract', payload: { data: { title: 'Zhang San', scan: [scan] } }, token: tokens.hr1! });
      expect(created.statusCode, created.body).toBe(201);
      expect((await download('hr1', scan.fileId)).statusCode).toBe(200);
      expect((await download('emp', scan.fileId)).statusCode).toBe(404);
      // Once the record no longer references it, readers lose it too.
      const record = created.json();
      const patched = await ctx().call({ method: 'PATCH', url: `/api/records/contract/${record.id}`, payload: { data: { scan: [] }, version: record.version }, token: tokens.hr1! });
      expect(patched.statusCode, patched.body).toBe(200);
      expect((await download('hr1', scan.fileId)).statusCode).toBe(404);
    });
  },
  { config: { files: { ...fileSettingsFrom({ BATON_FILE_LIMIT: String(LIMIT) }, fileDir), dir: fileDir } } },
);

forEachDatabase('files in an S3-compatible bucket', (ctx) => {
  const credentials = { accessKeyId: 'BATONTESTKEY', secretAccessKey: 'test-secret-key-for-the-stand-in' };
  let s3: S3StandIn;
  let token = '';
  const appWith = async (secretAccessKey: string) => {
    const files = fileSettingsFrom(
      {
        BATON_S3_ENDPOINT: s3.endpoint,
        BATON_S3_BUCKET: 'baton-files',
        BATON_S3_REGION: 'cn-north-1',
        BATON_S3_ACCESS_KEY_ID: credentials.accessKeyId,
        BATON_S3_SECRET_ACCESS_KEY: secretAccessKey,
        BATON_S3_PREFIX: 'uploads/',
      },
      fileDir,
    );
    return buildApp({ db: ctx().database, config: { ...ctx().config, files }, logger: false });
  };

  beforeAll(async () => {
    s3 = await startS3StandIn({ bucket: 'baton-files', region: 'cn-north-1', ...credentials });
    token = await ctx().tokenFor('emp', []);
  });
  afterAll(async () => s3?.close());

  it('puts the upload in the bucket with its SHA-256, reads it back, and verifies every request\'s signature', async () => {
    const app = await appWith(credentials.secretAccessKey);
    try {
      const content = randomBytes(96 * 1024);
      const body = multipart('handover.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', content);
      const up = await app.inject({ method: 'POST', url: '/api/files', payload: body.payload, headers: { ...body.headers, authorization: `Bearer ${token}` } });
      expect(up.statusCode, up.body).toBe(201);
      const ref = up.json();
      expect(ref.sha256).toBe(sha(content));
      const row = await ctx().database.db.selectFrom('files').selectAll().where('id', '=', ref.fileId).executeTakeFirstOrThrow();
      expect(row.storage).toBe('s3');
      const object = s3.objects.get(`uploads/${row.storage_key}`);
      expect(object?.body.equals(content)).toBe(true);
      expect(object?.checksumSha256).toBe(createHash('sha256').update(content).digest('base64'));
      expect(object?.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');

      const got = await app.inject({ method: 'GET', url: `/api/files/${ref.fileId}`, headers: { authorization: `Bearer ${token}` } });
      expect(got.statusCode).toBe(200);
      expect(got.rawPayload.equals(content)).toBe(true);
      expect(got.headers['content-disposition']).toMatch(/^attachment; filename="handover.xlsx"/);
      expect(s3.requests.map((r) => r.method)).toEqual(['PUT', 'HEAD', 'GET']);
      expect(s3.requests.every((r) => r.signed)).toBe(true);
    } finally {
      await app.close();
    }
  });

  it('answers 503 with Retry-After and keeps no metadata when the bucket refuses the upload', async () => {
    const app = await appWith('a-wrong-secret');
    try {
      const before = await ctx().database.db.selectFrom('files').select('id').execute();
      const body = multipart('x.txt', 'text/plain', Buffer.from('refused'));
      const up = await app.inject({ method: 'POST', url: '/api/files', payload: body.payload, headers: { ...body.headers, authorization: `Bearer ${token}` } });
      expect(up.statusCode).toBe(503);
      expect(up.headers['retry-after']).toBe('5');
      expect(up.json().error.code).toBe('BATON_E_FILE_STORE_UNAVAILABLE');
      expect(await ctx().database.db.selectFrom('files').select('id').execute()).toHaveLength(before.length);
      expect(s3.requests.at(-1)).toMatchObject({ method: 'PUT', signed: false });
    } finally {
      await app.close();
    }
  });
});
