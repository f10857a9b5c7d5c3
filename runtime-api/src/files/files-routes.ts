import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import contentDisposition from 'content-disposition';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { Type, type Static } from 'typebox';
import { appendAudit } from '../audit/append-audit.js';
import { principalOf } from '../auth/auth-plugin.js';
import { Closed, withErrors } from '../app/schema-helpers.js';
import { runCommand } from '../commands/run-command.js';
import { ApiError } from '../errors/api-error.js';
import { executionServices } from '../execution/execution-services.js';
import { claimIdempotencyKey, requestHash } from '../idempotency/idempotency-claim.js';
import { isAllowedType, normalizeContentType, safeFileName, servedInline } from './content-types.js';
import { canReadFile } from './file-access.js';
import './file-errors.js';
import { openFileStores, type FileStore } from './file-store.js';
import './file-tables.js';
import { receiveUpload, type ReceivedFile } from './receive-upload.js';

/** What POST /files answers: exactly one item of an attachment field's value. */
export const FileRefSchema = Closed(
  {
    fileId: Type.String(),
    name: Type.String(),
    size: Type.Integer({ minimum: 0 }),
    contentType: Type.String(),
    sha256: Type.String({ pattern: '^[a-f0-9]{64}$', description: 'SHA-256 of the content, hex, computed while it streamed in' }),
  },
  { description: 'A file reference: put it as it is into an attachment field\'s array.' },
);

const FileIdParams = Closed({ id: Type.String({ minLength: 1, maxLength: 128 }) });

const UploadBody = {
  content: {
    'multipart/form-data': {
      // No "type": the stream is read by the handler, so there is no parsed body to validate.
      schema: {
        properties: { file: { type: 'string', format: 'binary', description: 'The file, with its name and Content-Type' } },
        required: ['file'],
      },
    },
  },
};

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
/** Room for multipart boundaries and part headers around the file itself. */
const MULTIPART_OVERHEAD = 64 * 1024;

type Claimed = { kind: 'go' } | { kind: 'replayed'; status: number; body: unknown };

/**
 * Idempotency-Key for uploads, claimed once the content's hash is known (the shared plugin hashes the
 * parsed body, which a streamed upload does not have): the same key and the same file → the stored
 * answer; the same key with another file → 422.
 */
async function claimUpload(request: FastifyRequest, identity: Record<string, unknown>): Promise<Claimed> {
  const header = request.headers['idempotency-key'];
  if (header === undefined) return { kind: 'go' };
  const key = Array.isArray(header) ? header.join(',') : header;
  if (!KEY_PATTERN.test(key)) throw new ApiError('BATON_E_IDEMPOTENCY_KEY_INVALID', {}, [], '/headers/idempotency-key');
  const claim = { principal: principalOf(request).userId, key, requestHash: requestHash('POST', request.url, identity) };
  const result = await claimIdempotencyKey(request.server.baton.database.db, claim, 60);
  switch (result.kind) {
    case 'claimed':
      request.idempotencyClaim = claim;
      return { kind: 'go' };
    case 'replay':
      return { kind: 'replayed', status: result.status, body: result.body };
    case 'mismatch':
      throw new ApiError('BATON_E_IDEMPOTENCY_KEY_REUSED', {}, [], '/headers/idempotency-key');
    case 'in-flight':
      throw new ApiError('BATON_E_IDEMPOTENCY_IN_FLIGHT', {}, [], '/headers/idempotency-key');
  }
}

function storeUnavailable(reply: FastifyReply): ApiError {
  reply.header('retry-after', '5');
  return new ApiError('BATON_E_FILE_STORE_UNAVAILABLE');
}

export const filesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const settings = app.baton.config.files;
  const stores = await openFileStores(settings);
  const services = executionServices(app.baton.database, app.baton.config);
  const db = app.baton.database.db;
  // Registered here, not globally: only this plugin's routes take multipart bodies.
  await app.register(multipart, {
    throwFileSizeLimit: false,
    limits: { fileSize: settings.maxBytes, files: 1, fields: 10, fieldSize: 1024, parts: 20, headerPairs: 100 },
  });

  /** Streams the request's file into the current store's incoming folder; 413/415 as the settings say. */
  async function receive(request: FastifyRequest, reply: FastifyReply, store: FileStore): Promise<{ received: ReceivedFile; name: string; contentType: string }> {
    if (!request.isMultipart()) throw new ApiError('BATON_E_FILE_MULTIPART_REQUIRED', {}, [], '/headers/content-type');
    // A declared length far above the limit is refused before a byte is read, and the connection closed
    // (otherwise the whole body would be read and discarded).
    if (Number(request.headers['content-length']) > settings.maxBytes + MULTIPART_OVERHEAD) {
      reply.header('connection', 'close');
      throw new ApiError('BATON_E_FILE_TOO_LARGE', { limit: settings.maxBytes }, [], '/body/file');
    }
    let part: Awaited<ReturnType<FastifyRequest['file']>>;
    try {
      part = await request.file();
    } catch (err) {
      // busboy's and the plugin's complaints (no boundary, cut-off form, limits) are the client's.
      request.log.info({ err }, 'malformed multipart upload');
      throw new ApiError('BATON_E_FILE_UPLOAD_MALFORMED', { detail: err instanceof Error ? err.message : String(err) }, [], '/body');
    }
    if (!part) throw new ApiError('BATON_E_FILE_MISSING', {}, [], '/body/file');
    const contentType = normalizeContentType(part.mimetype);
    if (!isAllowedType(contentType, settings.allowedTypes)) {
      part.file.resume();
      throw new ApiError('BATON_E_FILE_TYPE_NOT_ALLOWED', { contentType, allowed: settings.allowedTypes.join(', ') }, [], '/body/file');
    }
    let received: ReceivedFile;
    try {
      received = await receiveUpload(part.file, store.incomingDir);
    } catch (err) {
      request.log.info({ err }, 'upload stream failed');
      throw new ApiError('BATON_E_FILE_UPLOAD_INCOMPLETE', {}, [], '/body/file');
    }
    if (part.file.truncated) {
      await rm(received.path, { force: true });
      throw new ApiError('BATON_E_FILE_TOO_LARGE', { limit: settings.maxBytes }, [], '/body/file');
    }
    return { received, name: safeFileName(part.filename), contentType };
  }

  app.post(
    '/files',
    {
      config: { idempotency: false },
      schema: {
        tags: ['files'],
        summary: 'Upload a file (multipart, streamed, size-limited, hashed); the answer is the reference an attachment field holds',
        description:
          'One part named "file". Idempotency-Key is honoured once the content is hashed: the same key and file return the stored reference. ' +
          'The uploader may download the file until form data references it; from then on, whoever may see that instance, record or task.',
        consumes: ['multipart/form-data'],
        body: UploadBody,
        response: withErrors({ 201: FileRefSchema }),
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const store = stores.current;
      const { received, name, contentType } = await receive(request, reply, store);
      const ref = { name, size: received.size, contentType, sha256: received.sha256 };
      let claimed: Claimed;
      try {
        claimed = await claimUpload(request, ref);
      } catch (err) {
        await rm(received.path, { force: true });
        throw err;
      }
      if (claimed.kind === 'replayed') {
        await rm(received.path, { force: true });
        reply.header('idempotent-replayed', 'true');
        return reply.status(claimed.status).send(claimed.body as Static<typeof FileRefSchema>);
      }
      const id = randomUUID();
      const key = `${id.slice(0, 2)}/${id}`;
      try {
        await store.put(key, { ...received, contentType });
      } catch (err) {
        await rm(received.path, { force: true });
        request.log.error({ err }, 'file store refused an upload');
        throw storeUnavailable(reply);
      }
      try {
        return await runCommand(request, reply, async (trx) => {
          await trx
            .insertInto('files')
            .values({ id, name, size: received.size, content_type: contentType, sha256: received.sha256, storage: store.kind, storage_key: key, uploaded_by: principal.userId })
            .execute();
          await appendAudit(trx, { actor: principal.userId, action: 'file.uploaded', subjectKind: 'file', subjectId: id, data: { ...ref } });
          return { status: 201, body: { fileId: id, ...ref } };
        });
      } catch (err) {
        await store.remove(key).catch((removeErr: unknown) => request.log.warn({ err: removeErr }, 'could not remove an orphaned upload'));
        throw err;
      }
    },
  );

  app.get(
    '/files/:id',
    {
      schema: {
        tags: ['files'],
        summary: 'Download a file: to those who may see an instance, record or task whose data references it (its uploader until then)',
        params: FileIdParams,
        produces: ['application/octet-stream'],
        response: withErrors({ 200: Type.String({ format: 'binary', description: 'The bytes, with the Content-Type recorded at upload' }) }),
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { id } = request.params;
      const file = await db.selectFrom('files').selectAll().where('id', '=', id).executeTakeFirst();
      if (!file || !(await canReadFile(db, services, principal, file))) {
        throw new ApiError('BATON_E_FILE_NOT_FOUND', { fileId: id }, [], '/params/id');
      }
      const store = stores.byKind(file.storage);
      let body;
      try {
        if (!store) throw new Error(`file ${id} is in the ${file.storage} store, which is not configured`);
        body = await store.open(file.storage_key);
      } catch (err) {
        request.log.error({ err, fileId: id }, 'file bytes could not be read');
        throw storeUnavailable(reply);
      }
      const inline = servedInline(file.content_type);
      reply
        .header('content-type', file.content_type)
        .header('content-length', String(file.size))
        .header('content-disposition', contentDisposition(file.name, { type: inline ? 'inline' : 'attachment' }))
        .header('x-content-type-options', 'nosniff')
        // Nothing in an uploaded file may run scripts or load anything; PDFs keep the viewer (no sandbox).
        .header('content-security-policy', file.content_type === 'application/pdf' ? "default-src 'none'" : "default-src 'none'; sandbox")
        .header('cache-control', 'private, no-store')
        .header('etag', `"${file.sha256}"`)
        .header('repr-digest', `sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:`);
      // A stream is sent as it is (no serialization); the schema above only documents the bytes.
      return reply.send(body as unknown as string);
    },
  );
};
