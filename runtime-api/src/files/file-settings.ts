import path from 'node:path';

/** An S3-compatible bucket (AWS S3, MinIO, Ceph, Aliyun OSS, Tencent COS…). */
export interface S3Settings {
  /** BATON_S3_ENDPOINT, e.g. http://minio:9000; unset means AWS's own endpoint for the region. */
  endpoint: string | undefined;
  bucket: string;
  region: string;
  /** BATON_S3_ACCESS_KEY_ID / BATON_S3_SECRET_ACCESS_KEY; unset → the AWS SDK's default credential chain. */
  accessKeyId: string | undefined;
  secretAccessKey: string | undefined;
  /** Path-style URLs (endpoint/bucket/key): what most self-hosted stores need. Default on with an endpoint. */
  forcePathStyle: boolean;
  /** Prepended to every object key, e.g. "baton/". */
  prefix: string;
}

/** Uploads: how large, which types, where the bytes go. */
export interface FileSettings {
  /** BATON_FILE_LIMIT: largest upload in bytes (413 above it). */
  maxBytes: number;
  /** BATON_FILE_TYPES: accepted content types ("application/pdf", "image/*"; "*" accepts any). */
  allowedTypes: string[];
  /** BATON_FILE_DIR: the local store's folder (default <BATON_DATA_DIR>/files). */
  dir: string;
  /** Set when BATON_S3_BUCKET is: files go to that bucket instead of the folder. */
  s3: S3Settings | undefined;
}

export const DEFAULT_FILE_LIMIT = 20 * 1024 * 1024;

/** What an offboarding collects: documents, scans, photos, spreadsheets, archives. */
export const DEFAULT_FILE_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'text/plain',
  'text/csv',
  'application/zip',
  'application/msword',
  'application/vnd.ms-excel',
  'application/vnd.ms-powerpoint',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.ms-outlook',
  'message/rfc822',
  // Browsers label files they do not know so; such files are always served as downloads.
  'application/octet-stream',
];

const TYPE_PATTERN = /^(\*|[a-z0-9.+-]+\/([a-z0-9.+-]+|\*))$/;

export function fileSettingsFrom(env: Record<string, string | undefined>, dataDir: string): FileSettings {
  const rawLimit = env.BATON_FILE_LIMIT?.trim();
  const maxBytes = rawLimit ? Number(rawLimit) : DEFAULT_FILE_LIMIT;
  if (!Number.isInteger(maxBytes) || maxBytes < 1) {
    throw new Error(`BATON_FILE_LIMIT must be a positive number of bytes, e.g. 20971520 for 20 MiB (got "${rawLimit}")`);
  }
  const rawTypes = env.BATON_FILE_TYPES?.trim();
  const allowedTypes = rawTypes ? rawTypes.split(',').map((t) => t.trim().toLowerCase()).filter((t) => t.length > 0) : DEFAULT_FILE_TYPES;
  const bad = allowedTypes.find((t) => !TYPE_PATTERN.test(t));
  if (bad !== undefined) {
    throw new Error(`BATON_FILE_TYPES must list content types such as application/pdf or image/* (got "${bad}")`);
  }
  const bucket = env.BATON_S3_BUCKET?.trim();
  const endpoint = env.BATON_S3_ENDPOINT?.trim() || undefined;
  if (!bucket && endpoint) throw new Error('BATON_S3_ENDPOINT is set but BATON_S3_BUCKET is not: name the bucket too');
  const accessKeyId = env.BATON_S3_ACCESS_KEY_ID?.trim() || undefined;
  const secretAccessKey = env.BATON_S3_SECRET_ACCESS_KEY?.trim() || undefined;
  if (Boolean(accessKeyId) !== Boolean(secretAccessKey)) {
    throw new Error('Set both BATON_S3_ACCESS_KEY_ID and BATON_S3_SECRET_ACCESS_KEY, or neither (then the AWS default credentials apply)');
  }
  const pathStyle = env.BATON_S3_FORCE_PATH_STYLE?.trim().toLowerCase();
  return {
    maxBytes,
    allowedTypes,
    dir: path.resolve(env.BATON_FILE_DIR?.trim() || path.join(dataDir, 'files')),
    s3: bucket
      ? {
          endpoint,
          bucket,
          region: env.BATON_S3_REGION?.trim() || 'us-east-1',
          accessKeyId,
          secretAccessKey,
          forcePathStyle: pathStyle ? ['1', 'true', 'on', 'yes'].includes(pathStyle) : endpoint !== undefined,
          prefix: env.BATON_S3_PREFIX?.trim() ?? '',
        }
      : undefined,
  };
}
