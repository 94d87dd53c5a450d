import type { Readable } from 'node:stream';

export interface StoredBlob {
  /** Opaque key to read the bytes back; rows keep it beside size and digest. */
  key: string;
  size: number;
  /** SHA-256 of the bytes, base64url without padding (the contract's digestValue). */
  digest: string;
  /** False when identical bytes were already stored: such a blob must survive a rollback. */
  created: boolean;
}

/** Bytes received and hashed but not stored yet: no reader can see them until commit. */
export interface StagedBlob {
  key: string;
  size: number;
  digest: string;
  /** Where the store keeps them meanwhile; opaque to callers. */
  readonly staging: string;
  /** Staged with StageOptions.durable: commit makes the stored name durable too. */
  readonly durable?: boolean;
}

export interface ByteRange {
  start: number;
  end: number; // inclusive
}

export interface StageOptions {
  /**
   * On the disk (fsync) before stage() resolves. For bytes nobody will send
   * again once the answer says they are stored: a publication's 201 lets the
   * sender discard its copy, whereas an import can be run again from its file.
   */
  durable?: boolean;
}

/** Where attachment and logo bytes live; rows hold only metadata. */
export interface BlobStore {
  put(source: Readable | Buffer): Promise<StoredBlob>;
  /**
   * Receives bytes aside, hashing them as they stream: a source that fails
   * (or is destroyed) leaves nothing behind. Follow with commit or discard.
   */
  stage(source: Readable, options?: StageOptions): Promise<StagedBlob>;
  /** Stores staged bytes under their key. */
  commit(staged: StagedBlob): Promise<StoredBlob>;
  discard(staged: StagedBlob): Promise<void>;
  /** The bytes, from a file already opened: a missing or unreadable blob fails here, before anything is sent. */
  open(key: string, range?: ByteRange): Promise<Readable>;
  remove(key: string): Promise<void>;
}
