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

export interface ByteRange {
  start: number;
  end: number; // inclusive
}

/** Where attachment and logo bytes live; rows hold only metadata. */
export interface BlobStore {
  put(source: Readable | Buffer): Promise<StoredBlob>;
  /** The bytes, from a file already opened: a missing or unreadable blob fails here, before anything is sent. */
  open(key: string, range?: ByteRange): Promise<Readable>;
  remove(key: string): Promise<void>;
}
