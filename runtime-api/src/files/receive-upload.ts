import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface ReceivedFile {
  path: string;
  size: number;
  sha256: string;
}

/**
 * Streams an upload into a new temporary file in `dir`, hashing and counting on the way (the content is
 * never held in memory). The file is removed again when the stream fails.
 */
export async function receiveUpload(source: Readable, dir: string): Promise<ReceivedFile> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const target = path.join(dir, `${randomUUID()}.part`);
  const hash = createHash('sha256');
  let size = 0;
  const measure = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  try {
    await pipeline(source, measure, createWriteStream(target, { flags: 'wx', mode: 0o600 }));
  } catch (err) {
    await rm(target, { force: true });
    throw err;
  }
  return { path: target, size, sha256: hash.digest('hex') };
}
