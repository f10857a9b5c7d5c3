import { createReadStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { FileStore, IncomingFile } from './file-store.js';

/** Files under one folder (default <BATON_DATA_DIR>/files), two-character fan-out: "ab/abcdef…". */
export class LocalFileStore implements FileStore {
  readonly kind = 'local' as const;
  readonly incomingDir: string;
  private readonly dir: string;

  constructor(dir: string) {
    this.dir = path.resolve(dir);
    this.incomingDir = path.join(this.dir, '.incoming');
  }

  private pathOf(key: string): string {
    const full = path.resolve(this.dir, key);
    // Keys come from the database, written by us; still, nothing may point outside the folder.
    if (!full.startsWith(this.dir + path.sep)) throw new Error(`file key "${key}" points outside the file folder`);
    return full;
  }

  async put(key: string, file: IncomingFile): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
    // Same file system as incomingDir: the file appears complete or not at all.
    await rename(file.path, target);
  }

  async open(key: string): Promise<Readable> {
    const stream = createReadStream(this.pathOf(key));
    // Surface a missing file as an error here, before any header is sent.
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', reject);
    });
    return stream;
  }

  async remove(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }
}
