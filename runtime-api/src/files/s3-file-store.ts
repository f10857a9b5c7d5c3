import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { S3Settings } from './file-settings.js';
import type { FileStore, IncomingFile } from './file-store.js';

const quiet = (): void => undefined;
const SILENT = { trace: quiet, debug: quiet, info: quiet, warn: quiet, error: quiet };

/**
 * Files in an S3-compatible bucket. Uploads are complete and hashed locally first, so the object is
 * written with a known length and its SHA-256 (the store checks it), in one PutObject.
 */
export class S3FileStore implements FileStore {
  readonly kind = 's3' as const;
  readonly incomingDir = path.join(tmpdir(), 'baton-uploads');
  private readonly client: S3Client;

  constructor(private readonly settings: S3Settings) {
    this.client = new S3Client({
      region: settings.region,
      ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
      forcePathStyle: settings.forcePathStyle,
      ...(settings.accessKeyId && settings.secretAccessKey
        ? { credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey } }
        : {}),
      // Only the checksums S3 requires: many S3-compatible stores refuse the SDK's newer default trailers.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      maxAttempts: 3,
      // The SDK's own default warns on the console; failures reach the route, which logs them with pino.
      logger: SILENT,
    });
  }

  private keyOf(key: string): string {
    return this.settings.prefix + key;
  }

  async put(key: string, file: IncomingFile): Promise<void> {
    try {
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.settings.bucket,
          Key: this.keyOf(key),
          Body: createReadStream(file.path),
          ContentLength: file.size,
          ContentType: file.contentType,
          ChecksumSHA256: Buffer.from(file.sha256, 'hex').toString('base64'),
        }),
      );
      // The store confirms what it holds before the metadata says the file exists.
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.settings.bucket, Key: this.keyOf(key) }));
      if (head.ContentLength !== file.size) {
        throw new Error(`the bucket holds ${head.ContentLength ?? '?'} bytes for ${key}, ${file.size} were sent`);
      }
    } finally {
      await rm(file.path, { force: true });
    }
  }

  async open(key: string): Promise<Readable> {
    const object = await this.client.send(new GetObjectCommand({ Bucket: this.settings.bucket, Key: this.keyOf(key) }));
    const body = object.Body;
    if (body instanceof Readable) return body;
    throw new Error(`the S3 client returned no readable stream for ${key}`);
  }

  async remove(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.settings.bucket, Key: this.keyOf(key) }));
  }
}
