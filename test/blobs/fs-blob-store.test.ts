// No database: the blob store is files only.
import { expect } from 'chai';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { FsBlobStore } from '../../src/blobs/fs-blob-store';
import { tempDir } from '../helpers/server';

describe('the file blob store’s temporary files', () => {
  /**
   * A source that fails at once: the temporary file may not even be open
   * yet when the copy fails. A refused publication whose request is cut
   * or refused mid-part is such a source.
   */
  const failing = () =>
    new Readable({
      read() {
        this.destroy(new Error('the client went away'));
      },
    });

  it('leaves no temporary file behind when the bytes fail before the file is open', async () => {
    const root = tempDir('ebox-blobs-');
    const blobs = new FsBlobStore(root);
    // The copy fails before the file is open; the open, on one of libuv's threads (kept busy here), still
    // creates the file afterwards. Without waiting for it, a few attempts in a hundred left a file behind.
    for (let i = 0; i < 1000; i++) {
      const busy = Array.from({ length: 4 }, () => new Promise((resolve) => crypto.pbkdf2('x', 'y', 2_000, 32, 'sha256', resolve)));
      let failure: unknown;
      await blobs.stage(failing()).catch((err: unknown) => (failure = err));
      await Promise.all(busy);
      await new Promise((resolve) => setTimeout(resolve, 1));
      expect((failure as Error | undefined)?.message).to.equal('the client went away');
      expect(fs.readdirSync(path.join(root, 'tmp')), `attempt ${i}`).to.deep.equal([]);
    }
  });

  it('stages and commits bytes that arrive whole, leaving no temporary file', async () => {
    const root = tempDir('ebox-blobs-');
    const blobs = new FsBlobStore(root);
    const stored = await blobs.commit(await blobs.stage(Readable.from([Buffer.from('hello')])));
    expect(stored).to.include({ key: '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824', size: 5, created: true });
    expect(fs.readdirSync(path.join(root, 'tmp'))).to.deep.equal([]);
  });
});
