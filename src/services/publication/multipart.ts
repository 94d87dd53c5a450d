import busboy from 'busboy';
import { Readable, Transform, pipeline } from 'node:stream';
import type { BlobStore, StagedBlob } from '../../blobs/blob-store';
import { PUBLICATION_LIMIT_SETTINGS, type PublicationLimits } from '../../domain/limits';
import { ApiError } from '../../http/errors';
import { ATTACHMENT_MEDIA_TYPES } from '../../contract/types';
import { attachmentMediaType } from './media-types';

/** The JSON part, and the six file parts the contract names. */
export const MESSAGE_PART = 'messageToPublish';
export const FILE_PART = /^upfile[1-6]$/;

/** A file part received whole, its bytes staged in the blob store (not stored yet). */
export interface ReceivedFile {
  partName: string;
  fileName: string;
  mediaType: string;
  blob: StagedBlob;
}

/** What the messageToPublish part says of the files: each part it names, with the SHA-256 it announces if any. */
export type ExpectedFiles = Map<string, Buffer | undefined>;

export interface UploadOptions {
  source: Readable;
  /** The request's Content-Type header. */
  contentType: string | undefined;
  limits: PublicationLimits;
  blobs: BlobStore;
  /**
   * Checks the messageToPublish part as soon as it arrives, first or last,
   * while files keep streaming in; throws (an ApiError) to refuse the publication.
   */
  onMessage(text: string): Promise<ExpectedFiles>;
  /** Each file part once received, for the audit record of the call. */
  onFile?(file: ReceivedFile): void;
}

const limitExceeded = (key: keyof PublicationLimits, what: string) =>
  new ApiError('LIMIT_EXCEEDED', `${what} (limit ${PUBLICATION_LIMIT_SETTINGS[key]})`);

/**
 * Reads a publication request: multipart/form-data whose parts come in any
 * order. File parts stream to the blob store's staging area, hashed on the
 * way, one at a time and never whole in memory; the JSON part is checked the
 * moment it arrives, so a request whose JSON comes first can be refused
 * before its files are read, and one whose JSON comes last (a sender
 * streaming end to end, digests computed while sending) is checked against
 * the files already received.
 *
 * Resolves with every file part, staged, once the whole request is read and
 * consistent with its JSON part. On any refusal or failure (a limit, a
 * digest, a part missing or extra, malformed multipart, a client gone) it
 * rejects only after every staged byte is removed: nothing of the request
 * remains. The rest of a refused request is read and discarded, so that the
 * client, still sending, gets the answer rather than a reset connection.
 */
export async function receiveUpload(options: UploadOptions): Promise<Map<string, ReceivedFile>> {
  return new UploadReader(options).read();
}

class UploadReader {
  private failure: unknown;
  private rejectRead: (err: unknown) => void = () => {};
  private parser: busboy.Busboy | undefined;
  private messageSeen = false;
  private expected: ExpectedFiles | undefined;
  /** Settles once the JSON part is checked; never rejects (a refusal goes through fail). */
  private messageChecked: Promise<void> = Promise.resolve();
  private readonly files = new Map<string, ReceivedFile>();
  private readonly partsSeen = new Set<string>();
  /** One per file part: settles once its bytes are staged or dropped; never rejects. */
  private readonly staging: Promise<void>[] = [];
  /** The streams of files being received, destroyed on a failure so that their staging stops. */
  private readonly receiving = new Set<Transform>();
  private fileParts = 0;
  private totalBytes = 0;

  constructor(private readonly options: UploadOptions) {}

  async read(): Promise<Map<string, ReceivedFile>> {
    const { source } = this.options;
    const failed = new Promise<never>((_resolve, reject) => (this.rejectRead = reject));
    failed.catch(() => {});
    try {
      const parser = this.parserFor(await this.contentTypeWithBoundary());
      this.parser = parser;
      const parsed = new Promise<void>((resolve) => parser.on('close', resolve));
      parser.on('field', (name, value, info) => this.onField(name, value, info.valueTruncated));
      parser.on('file', (name, stream, info) => this.onFile(name, stream, info.filename, info.mimeType));
      parser.on('partsLimit', () => this.fail(new ApiError('UNEXPECTED_PART', 'The request has more parts than messageToPublish and the files it may carry')));
      parser.on('error', (err: Error) => this.fail(malformed(err)));
      source.on('error', () => this.fail(interrupted()));
      source.on('close', () => {
        if (!source.readableEnded) this.fail(interrupted());
      });
      source.pipe(parser);
      await Promise.race([parsed, failed]);
      // Every part is read; wait for the last bytes to reach the disk and for the JSON part's checks.
      await Promise.race([Promise.all([...this.staging, this.messageChecked]), failed]);
      this.checkComplete();
      return this.files;
    } catch (err) {
      this.fail(err);
      await this.removeEverything();
      throw this.failure;
    }
  }

  private parserFor(contentType: string): busboy.Busboy {
    try {
      return busboy({
        headers: { 'content-type': contentType },
        // Raw UTF-8 in filename="…" is what browsers, curl and most clients send; filename*= (RFC 5987) says its charset itself.
        defParamCharset: 'utf8',
        limits: { fieldSize: this.options.limits.maxMessageBytes, parts: this.options.limits.maxFiles + 3 },
      });
    } catch (err) {
      throw malformed(err as Error);
    }
  }

  /**
   * The Content-Type to parse with. A client that sets `multipart/form-data`
   * by hand may send it without its boundary; the body's first line is the
   * first delimiter, `--<boundary>`, so the boundary is read from there.
   */
  private async contentTypeWithBoundary(): Promise<string> {
    const given = this.options.contentType ?? '';
    if (/;\s*boundary\s*=/i.test(given)) return given;
    const line = await peekFirstLine(this.options.source, 2 + 70 + 2);
    const boundary = /^--([0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?])[ \t]*$/.exec(line)?.[1];
    if (boundary === undefined) {
      throw new ApiError('INVALID_MULTIPART', 'The Content-Type multipart/form-data names no boundary, and the body does not start with one');
    }
    return `multipart/form-data; boundary="${boundary}"`;
  }

  private onField(name: string, value: string, truncated: boolean): void {
    if (this.failure !== undefined) return;
    if (name === MESSAGE_PART) {
      if (truncated) this.fail(limitExceeded('maxMessageBytes', `${MESSAGE_PART} is longer than ${this.options.limits.maxMessageBytes} bytes`));
      else this.onMessage(value);
    } else if (FILE_PART.test(name)) {
      this.fail(new ApiError('INVALID_PART', `Part ${name} has no filename: a file part needs Content-Disposition: form-data; name="${name}"; filename="…"`));
    } else {
      this.fail(unknownPart(name));
    }
  }

  private onMessage(text: string): void {
    if (this.messageSeen) {
      this.fail(new ApiError('UNEXPECTED_PART', `${MESSAGE_PART} is sent more than once`));
      return;
    }
    this.messageSeen = true;
    this.messageChecked = this.options.onMessage(text).then(
      (expected) => {
        this.expected = expected;
        for (const file of this.files.values()) this.checkAgainstMessage(file);
      },
      (err: unknown) => this.fail(err),
    );
  }

  private onFile(name: string, stream: Readable, fileName: string | undefined, contentType: string): void {
    // A failure ends the parser, which then ends its open file stream with an error: that is no news.
    stream.on('error', () => {});
    if (this.failure !== undefined) {
      stream.resume();
      return;
    }
    if (name === MESSAGE_PART) {
      this.readMessageFile(stream);
      return;
    }
    let mediaType: string;
    try {
      mediaType = this.admit(name, fileName, contentType);
    } catch (err) {
      stream.resume();
      this.fail(err);
      return;
    }
    // A file after the JSON part waits for its checks: a message refused for what it says is refused
    // before its files are read, the unread bytes holding the client back meanwhile.
    const staged = this.messageChecked.then(() => this.stage(name, stream, fileName as string, mediaType));
    this.staging.push(staged);
  }

  /** Streams a file part to the blob store's staging area; settles when it is there or dropped, never rejects. */
  private async stage(name: string, stream: Readable, fileName: string, mediaType: string): Promise<void> {
    if (this.failure === undefined && this.expected !== undefined && !this.expected.has(name)) this.fail(unreferenced(name));
    if (this.failure !== undefined) {
      stream.resume();
      return;
    }
    const limiter = this.limiter(name);
    this.receiving.add(limiter);
    try {
      const blob = await this.options.blobs.stage(pipeline(stream, limiter, () => {}), { durable: true });
      const file: ReceivedFile = { partName: name, fileName, mediaType, blob };
      this.files.set(name, file);
      if (this.failure !== undefined) return;
      this.options.onFile?.(file);
      this.checkAgainstMessage(file);
    } catch (err) {
      this.fail(err);
    } finally {
      this.receiving.delete(limiter);
    }
  }

  /** Checks a file part before its bytes are read; returns its contract media type. */
  private admit(name: string, fileName: string | undefined, contentType: string): string {
    const { limits } = this.options;
    this.fileParts += 1;
    if (this.fileParts > limits.maxFiles) throw limitExceeded('maxFiles', `The request carries more than ${limits.maxFiles} files`);
    if (!FILE_PART.test(name)) throw unknownPart(name);
    if (this.partsSeen.has(name)) throw new ApiError('UNEXPECTED_PART', `Part ${name} is sent more than once`);
    this.partsSeen.add(name);
    if (this.expected !== undefined && !this.expected.has(name)) throw unreferenced(name);
    if (!fileName) throw new ApiError('INVALID_PART', `Part ${name} has no file name (Content-Disposition filename)`);
    if ([...fileName].length > limits.maxFileNameLength) {
      throw limitExceeded('maxFileNameLength', `The file name of ${name} is longer than ${limits.maxFileNameLength} characters`);
    }
    const mediaType = attachmentMediaType(contentType, fileName);
    if (mediaType === undefined) {
      throw new ApiError('UNSUPPORTED_FILE_TYPE', `Part ${name} is ${contentType}; an attachment is one of ${ATTACHMENT_MEDIA_TYPES.join(', ')}`);
    }
    return mediaType;
  }

  /** Counts a file's bytes as they pass, and stops it at the first byte over a size limit. */
  private limiter(name: string): Transform {
    const { maxFileBytes, maxTotalBytes } = this.options.limits;
    let size = 0;
    return new Transform({
      transform: (chunk: Buffer, _encoding, done) => {
        size += chunk.length;
        this.totalBytes += chunk.length;
        if (size > maxFileBytes) done(limitExceeded('maxFileBytes', `${name} is larger than ${maxFileBytes} bytes`));
        else if (this.totalBytes > maxTotalBytes) done(limitExceeded('maxTotalBytes', `The files together are larger than ${maxTotalBytes} bytes`));
        else done(null, chunk);
      },
    });
  }

  /** messageToPublish sent as a file part (a JSON Blob, for instance): read into memory, within its limit. */
  private readMessageFile(stream: Readable): void {
    const { maxMessageBytes } = this.options.limits;
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxMessageBytes) chunks.push(chunk);
    });
    stream.on('end', () => {
      if (this.failure !== undefined) return;
      if (size > maxMessageBytes) this.fail(limitExceeded('maxMessageBytes', `${MESSAGE_PART} is longer than ${maxMessageBytes} bytes`));
      else this.onMessage(Buffer.concat(chunks).toString('utf8'));
    });
  }

  /** A file against what the JSON part says, once both are known (in whichever order they came). */
  private checkAgainstMessage(file: ReceivedFile): void {
    if (this.expected === undefined || this.failure !== undefined) return;
    if (!this.expected.has(file.partName)) {
      this.fail(unreferenced(file.partName));
      return;
    }
    const announced = this.expected.get(file.partName);
    if (announced !== undefined && !announced.equals(Buffer.from(file.blob.digest, 'base64url'))) {
      this.fail(new ApiError('DIGEST_MISMATCH', `The SHA-256 of ${file.partName} is ${file.blob.digest} (base64url), not the digestValue its attachment gives`));
    }
  }

  /** Once every part is read: nothing the JSON part names may be missing. */
  private checkComplete(): void {
    if (this.failure !== undefined) throw this.failure;
    if (!this.messageSeen || this.expected === undefined) throw new ApiError('MISSING_PART', `The request has no ${MESSAGE_PART} part`);
    const missing = [...this.expected.keys()].filter((name) => !this.files.has(name));
    if (missing.length > 0) throw new ApiError('MISSING_PART', `No file part ${missing.join(', ')}, which the attachments of ${MESSAGE_PART} name`);
  }

  /** The first failure wins; it stops reading, stops every file being received, and lets the rest of the request drain. */
  private fail(err: unknown): void {
    if (this.failure !== undefined) return;
    this.failure = err;
    const { source } = this.options;
    if (this.parser) {
      source.unpipe(this.parser);
      this.parser.destroy();
    }
    source.resume();
    for (const stream of this.receiving) stream.destroy(err instanceof Error ? err : new Error(String(err)));
    this.rejectRead(err);
  }

  /** Waits for every file being staged to stop, then removes every staged byte. */
  private async removeEverything(): Promise<void> {
    await Promise.all([...this.staging, this.messageChecked]);
    await Promise.allSettled([...this.files.values()].map((file) => this.options.blobs.discard(file.blob)));
    this.files.clear();
  }
}

const unknownPart = (name: string) =>
  new ApiError('UNEXPECTED_PART', `Unexpected part ${JSON.stringify(name.slice(0, 100))}: the parts are ${MESSAGE_PART} and upfile1 to upfile6`);

const unreferenced = (name: string) => new ApiError('UNEXPECTED_PART', `Part ${name} is sent, but no attachment of ${MESSAGE_PART} names it (httpPartName)`);

const interrupted = () => new ApiError('INVALID_MULTIPART', 'The request ended before the whole multipart body arrived');

function malformed(err: Error): ApiError {
  // busboy's words are precise enough for a client ("Unexpected end of form", "Malformed part header").
  return new ApiError('INVALID_MULTIPART', `The multipart body cannot be read: ${err.message}`);
}

/**
 * The first line of a stream, without consuming it: what was read is pushed
 * back for whoever reads next. At most `max` bytes are looked at.
 */
async function peekFirstLine(source: Readable, max: number): Promise<string> {
  const chunks: Buffer[] = [];
  let head = Buffer.alloc(0);
  try {
    while (head.length < max && head.indexOf('\r\n') < 0) {
      const chunk = source.read() as Buffer | null;
      if (chunk !== null) {
        chunks.push(chunk);
        head = Buffer.concat(chunks);
        continue;
      }
      if (source.readableEnded || source.destroyed) break;
      await new Promise<void>((resolve) => {
        const done = () => {
          for (const event of ['readable', 'end', 'close', 'error']) source.off(event, done);
          resolve();
        };
        for (const event of ['readable', 'end', 'close', 'error']) source.once(event, done);
      });
    }
  } finally {
    if (head.length > 0) source.unshift(head);
  }
  const eol = head.indexOf('\r\n');
  return eol < 0 ? '' : head.subarray(0, eol).toString('latin1');
}
