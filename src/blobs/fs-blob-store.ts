import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BlobStore, ByteRange, StoredBlob } from './blob-store';

/**
 * Content-addressed store on the filesystem: a blob's key is the hex SHA-256 of
 * its bytes, so identical documents are kept once and a re-import is idempotent.
 * Bytes are streamed to a temporary file while hashed, then renamed into place.
 */
export class FsBlobStore implements BlobStore {
  private readonly tmpDir: string;

  constructor(private readonly root: string) {
    this.tmpDir = path.join(root, 'tmp');
    fs.mkdirSync(this.tmpDir, { recursive: true });
  }

  async put(source: Readable | Buffer): Promise<StoredBlob> {
    const tmp = path.join(this.tmpDir, crypto.randomUUID());
    const hash = crypto.createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    const input = Buffer.isBuffer(source) ? Readable.from([source]) : source;
    try {
      await pipeline(input, meter, fs.createWriteStream(tmp, { flags: 'wx' }));
    } catch (err) {
      await fs.promises.rm(tmp, { force: true });
      throw err;
    }
    const sum = hash.digest();
    const key = sum.toString('hex');
    const target = this.pathOf(key);
    let created = false;
    if (fs.existsSync(target)) {
      await fs.promises.rm(tmp, { force: true });
    } else {
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      await fs.promises.rename(tmp, target);
      created = true;
    }
    return { key, size, digest: sum.toString('base64url'), created };
  }

  async open(key: string, range?: ByteRange): Promise<Readable> {
    const handle = await fs.promises.open(this.pathOf(key), 'r');
    return handle.createReadStream(range ? { start: range.start, end: range.end } : {});
  }

  async remove(key: string): Promise<void> {
    await fs.promises.rm(this.pathOf(key), { force: true });
  }

  private pathOf(key: string): string {
    if (!/^[0-9a-f]{64}$/.test(key)) throw new Error('malformed blob key');
    return path.join(this.root, key.slice(0, 2), key.slice(2, 4), key);
  }
}
