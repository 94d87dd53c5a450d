import type { Readable } from 'node:stream';
import type { BlobStore } from '../blobs/blob-store';
import type { Db } from '../db/types';
import {
  countReferences,
  findImage,
  findReference,
  imagesOf,
  listReferences,
  type ImageRecord,
  type ReferenceRecord,
} from '../db/repositories/reference-data';
import { notFound } from '../http/errors';
import type { Image, MessageType, SenderApplication, SenderOrganization } from '../contract/types';
import { REFERENCE_KINDS, type LogoOwner, type ReferenceKind } from '../domain/reference-kinds';
import { offsetOf, type Page, type Paging } from '../domain/paging';
import { kb } from '../domain/units';


export interface Versioned<T> {
  value: T;
  lastModified: number;
}

export interface ImageContent {
  image: ImageRecord;
  open(): Promise<Readable>;
}

/** Reference data: sender organizations and applications with their logos, and message types. */
export class ReferenceDataService {
  constructor(
    private readonly db: Db,
    private readonly blobs: BlobStore,
  ) {}

  async list<T>(kind: ReferenceKind, paging: Paging, baseUrl: string): Promise<Page<T>> {
    const [records, totalItems] = await Promise.all([
      listReferences(this.db, kind, offsetOf(paging), paging.pageSize),
      countReferences(this.db, kind),
    ]);
    const items = await this.withLogos(kind, records, baseUrl);
    return { items: items.map((i) => i.value as T), totalItems };
  }

  async get<T>(kind: ReferenceKind, id: string, baseUrl: string): Promise<Versioned<T>> {
    const record = await findReference(this.db, kind, id);
    if (!record) throw notFound(REFERENCE_KINDS[kind].label);
    const [item] = await this.withLogos(kind, [record], baseUrl);
    return item as Versioned<T>;
  }

  async image(owner: LogoOwner, ownerId: string, imageId: string): Promise<ImageContent> {
    const image = await findImage(this.db, owner, ownerId, imageId);
    if (!image) throw notFound('Image');
    return { image, open: () => this.blobs.open(image.blobKey) };
  }

  getMessageType = (id: string, baseUrl: string) => this.get<MessageType>('messageType', id, baseUrl);
  getSenderApplication = (id: string, baseUrl: string) => this.get<SenderApplication>('senderApplication', id, baseUrl);
  getSenderOrganization = (id: string, baseUrl: string) => this.get<SenderOrganization>('senderOrganization', id, baseUrl);

  listMessageTypes = (paging: Paging, baseUrl: string) => this.list<MessageType>('messageType', paging, baseUrl);
  listSenderApplications = (paging: Paging, baseUrl: string) => this.list<SenderApplication>('senderApplication', paging, baseUrl);
  listSenderOrganizations = (paging: Paging, baseUrl: string) => this.list<SenderOrganization>('senderOrganization', paging, baseUrl);

  private async withLogos(kind: ReferenceKind, records: ReferenceRecord[], baseUrl: string): Promise<Versioned<unknown>[]> {
    const { logosProperty } = REFERENCE_KINDS[kind] as { logosProperty?: string };
    if (kind === 'messageType' || logosProperty === undefined) return records.map((r) => ({ value: r.document, lastModified: r.updatedAt }));
    const logos = await imagesOf(this.db, kind, records.map((r) => r.id));
    return records.map((r) => {
      const images = logos.get(r.id) ?? [];
      return {
        value: { ...r.document, [logosProperty]: images.map((i) => this.toImage(i, baseUrl)) },
        lastModified: Math.max(r.updatedAt, ...images.map((i) => i.updatedAt)),
      };
    });
  }

  private toImage(i: ImageRecord, baseUrl: string): Image {
    const href = `${baseUrl}/referenceData/${REFERENCE_KINDS[i.ownerType].collection}/${encodeURIComponent(i.ownerId)}/images/${encodeURIComponent(i.imageId)}/content`;
    return {
      imageId: i.imageId,
      size: kb(i.sizeBytes),
      mediaType: i.mediaType as Image['mediaType'],
      ...(i.language ? { language: i.language as Image['language'] } : {}),
      contentHref: href,
    };
  }
}
