import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small S3 stand-in on 127.0.0.1 for the file store's tests: path-style PutObject, GetObject, HeadObject
 * and DeleteObject on one bucket, with real SigV4 verification (a wrong secret is refused as S3 refuses
 * it), the payload hash and x-amz-checksum-sha256 checked against the bytes received.
 */
export interface StoredObject {
  body: Buffer;
  contentType: string;
  checksumSha256: string | undefined;
}

export interface S3StandIn {
  endpoint: string;
  objects: Map<string, StoredObject>;
  /** Every request: method, object key, and whether its signature verified. */
  requests: Array<{ method: string; key: string; signed: boolean }>;
  close(): Promise<void>;
}

export interface S3StandInOptions {
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

/** RFC 3986 encoding as SigV4's canonical query wants it. */
function encode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function canonicalQuery(raw: string): string {
  if (!raw) return '';
  return raw
    .split('&')
    .map((pair) => {
      const [k = '', v = ''] = pair.split('=');
      return [encode(decodeURIComponent(k)), encode(decodeURIComponent(v))] as const;
    })
    .sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : 1) : a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

function signatureValid(req: IncomingMessage, rawPath: string, rawQuery: string, options: S3StandInOptions): boolean {
  const auth = req.headers.authorization ?? '';
  const match = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(auth);
  if (!match) return false;
  const [, keyId, date, region, signedHeaders, signature] = match as unknown as [string, string, string, string, string, string];
  if (keyId !== options.accessKeyId || region !== options.region) return false;
  const amzDate = String(req.headers['x-amz-date'] ?? '');
  const headers = signedHeaders
    .split(';')
    .map((name) => {
      const value = req.headers[name];
      const text = Array.isArray(value) ? value.join(',') : String(value ?? '');
      return `${name}:${text.trim().replace(/\s+/g, ' ')}\n`;
    })
    .join('');
  const canonical = [req.method, rawPath, canonicalQuery(rawQuery), headers, signedHeaders, String(req.headers['x-amz-content-sha256'] ?? '')].join('\n');
  const scope = `${date}/${region}/s3/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${options.secretAccessKey}`, date), region), 's3'), 'aws4_request');
  return createHmac('sha256', key).update(toSign).digest('hex') === signature;
}

function xmlError(res: ServerResponse, status: number, code: string, message: string): void {
  res.writeHead(status, { 'content-type': 'application/xml' });
  res.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`);
}

export async function startS3StandIn(options: S3StandInOptions): Promise<S3StandIn> {
  const objects = new Map<string, StoredObject>();
  const requests: S3StandIn['requests'] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const [rawPath = '/', rawQuery = ''] = (req.url ?? '/').split('?') as [string, string?];
      const prefix = `/${options.bucket}/`;
      const key = rawPath.startsWith(prefix) ? decodeURIComponent(rawPath.slice(prefix.length)) : '';
      const signed = signatureValid(req, rawPath, rawQuery, options);
      requests.push({ method: req.method ?? '', key, signed });
      if (!signed) return xmlError(res, 403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.');
      if (!key) return xmlError(res, 404, 'NoSuchBucket', 'The specified bucket does not exist.');
      switch (req.method) {
        case 'PUT': {
          const payloadHash = String(req.headers['x-amz-content-sha256'] ?? '');
          if (/^[0-9a-f]{64}$/.test(payloadHash) && payloadHash !== sha256(body)) {
            return xmlError(res, 400, 'XAmzContentSHA256Mismatch', 'The provided x-amz-content-sha256 header does not match what was computed.');
          }
          const checksum = req.headers['x-amz-checksum-sha256'];
          if (typeof checksum === 'string' && checksum !== createHash('sha256').update(body).digest('base64')) {
            return xmlError(res, 400, 'BadDigest', 'The SHA256 you specified did not match the calculated checksum.');
          }
          objects.set(key, { body, contentType: String(req.headers['content-type'] ?? 'binary/octet-stream'), checksumSha256: typeof checksum === 'string' ? checksum : undefined });
          res.writeHead(200, { etag: `"${createHash('md5').update(body).digest('hex')}"` });
          return res.end();
        }
        case 'GET':
        case 'HEAD': {
          const object = objects.get(key);
          if (!object) return req.method === 'HEAD' ? (res.writeHead(404), res.end()) : xmlError(res, 404, 'NoSuchKey', 'The specified key does not exist.');
          res.writeHead(200, {
            'content-type': object.contentType,
            'content-length': String(object.body.length),
            etag: `"${createHash('md5').update(object.body).digest('hex')}"`,
            'last-modified': new Date(0).toUTCString(),
          });
          return res.end(req.method === 'GET' ? object.body : undefined);
        }
        case 'DELETE':
          objects.delete(key);
          res.writeHead(204);
          return res.end();
        default:
          return xmlError(res, 405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    objects,
    requests,
    close: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}
