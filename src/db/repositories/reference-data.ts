import { REFERENCE_KINDS, type LogoOwner, type ReferenceKind } from '../../domain/reference-kinds';
import type { Db } from '../types';
import { int, intOrNull } from '../rows';
import { indexReference } from '../search-index';

/** A reference-data object as stored: the contract object (logos apart) as JSON. */
export interface ReferenceRecord {
  id: string;
  document: Record<string, unknown>;
  updatedAt: number;
}

export interface ImageRecord {
  ownerType: LogoOwner;
  ownerId: string;
  imageId: string;
  position: number;
  mediaType: string;
  language: string | null;
  sizeBytes: number;
  digest: string;
  blobKey: string;
  updatedAt: number;
}

function toRecord(kind: ReferenceKind, row: Record<string, unknown>): ReferenceRecord {
  return {
    id: String(row[REFERENCE_KINDS[kind].idColumn]),
    document: typeof row.document === 'string' ? JSON.parse(row.document) : (row.document as Record<string, unknown>),
    updatedAt: int(row.updated_at),
  };
}

export async function upsertReference(db: Db, kind: ReferenceKind, record: ReferenceRecord): Promise<void> {
  const { table, idColumn: id } = REFERENCE_KINDS[kind];
  await db(table)
    .insert({ [id]: record.id, document: JSON.stringify(record.document), updated_at: record.updatedAt })
    .onConflict(id)
    .merge();
  // In the same call, so that no writer can leave search with the old names.
  await indexReference(db, kind, record.id, record.document);
}

export async function findReference(db: Db, kind: ReferenceKind, id: string): Promise<ReferenceRecord | undefined> {
  const { table, idColumn: column } = REFERENCE_KINDS[kind];
  const row = await db(table).where(column, id).first();
  return row ? toRecord(kind, row) : undefined;
}

export async function listReferences(db: Db, kind: ReferenceKind, offset: number, limit: number): Promise<ReferenceRecord[]> {
  const { table, idColumn: id } = REFERENCE_KINDS[kind];
  const rows = await db(table).orderBy(id).offset(offset).limit(limit);
  return rows.map((row: Record<string, unknown>) => toRecord(kind, row));
}

export async function countReferences(db: Db, kind: ReferenceKind): Promise<number> {
  const { table } = REFERENCE_KINDS[kind];
  const row = await db(table).count({ n: '*' }).first();
  return int(row?.n ?? 0);
}

function toImage(row: Record<string, unknown>): ImageRecord {
  return {
    ownerType: row.owner_type as ImageRecord['ownerType'],
    ownerId: String(row.owner_id),
    imageId: String(row.image_id),
    position: int(row.position),
    mediaType: String(row.media_type),
    language: (row.language as string | null) ?? null,
    sizeBytes: int(row.size_bytes),
    digest: String(row.digest),
    blobKey: String(row.blob_key),
    updatedAt: intOrNull(row.updated_at) ?? 0,
  };
}

/** Replaces every image of one owner. */
export async function replaceImages(db: Db, ownerType: ImageRecord['ownerType'], ownerId: string, images: ImageRecord[]): Promise<void> {
  await db('images').where({ owner_type: ownerType, owner_id: ownerId }).delete();
  if (images.length > 0) {
    await db('images').insert(
      images.map((i) => ({
        owner_type: ownerType,
        owner_id: ownerId,
        image_id: i.imageId,
        position: i.position,
        media_type: i.mediaType,
        language: i.language,
        size_bytes: i.sizeBytes,
        digest: i.digest,
        blob_key: i.blobKey,
        updated_at: i.updatedAt,
      })),
    );
  }
}

export async function imagesOf(db: Db, ownerType: ImageRecord['ownerType'], ownerIds: string[]): Promise<Map<string, ImageRecord[]>> {
  const byOwner = new Map<string, ImageRecord[]>();
  if (ownerIds.length === 0) return byOwner;
  const rows = await db('images').where('owner_type', ownerType).whereIn('owner_id', ownerIds).orderBy(['owner_id', 'position']);
  for (const row of rows) {
    const image = toImage(row);
    byOwner.set(image.ownerId, [...(byOwner.get(image.ownerId) ?? []), image]);
  }
  return byOwner;
}

export async function findImage(db: Db, ownerType: ImageRecord['ownerType'], ownerId: string, imageId: string): Promise<ImageRecord | undefined> {
  const row = await db('images').where({ owner_type: ownerType, owner_id: ownerId, image_id: imageId }).first();
  return row ? toImage(row) : undefined;
}
