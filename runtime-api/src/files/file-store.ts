import type { Readable } from 'node:stream';
import type { FileSettings } from './file-settings.js';
import { LocalFileStore } from './local-file-store.js';

/** A complete upload waiting in a local temporary file, its size and hash already known. */
export interface IncomingFile {
  path: string;
  size: number;
  /** hex */
  sha256: string;
  contentType: string;
}

/** Where file bytes live. Keys are chosen by the runtime (never by a client). */
export interface FileStore {
  readonly kind: 'local' | 's3';
  /** Folder for uploads still streaming in (the local store's own, so the final move is a rename). */
  readonly incomingDir: string;
  /** Stores a complete upload under `key` and removes the temporary file. */
  put(key: string, file: IncomingFile): Promise<void>;
  /** The bytes of `key` as a stream. */
  open(key: string): Promise<Readable>;
  /** Best effort: used when the metadata could not be saved after the bytes were. */
  remove(key: string): Promise<void>;
}

export interface FileStores {
  /** Where new uploads go: an S3-compatible bucket when BATON_S3_BUCKET is set, else the local folder. */
  current: FileStore;
  /** The store a file was written to (the folder stays readable after a switch to S3). */
  byKind(kind: 'local' | 's3'): FileStore | undefined;
}

export async function openFileStores(settings: FileSettings): Promise<FileStores> {
  const local = new LocalFileStore(settings.dir);
  let s3: FileStore | undefined;
  if (settings.s3) {
    // Loaded only when configured: the AWS SDK costs start-up time the embedded default does not need.
    const { S3FileStore } = await import('./s3-file-store.js');
    s3 = new S3FileStore(settings.s3);
  }
  return { current: s3 ?? local, byKind: (kind) => (kind === 's3' ? s3 : local) };
}
