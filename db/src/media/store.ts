import { and, eq } from 'drizzle-orm';
import type { Queryable } from '../db-type';
import { mediaObjects } from '../schema/media';

/**
 * Where media bytes live. One interface, three homes: an R2 bucket (Workers), the `media_objects.bytes` column
 * (anywhere, the zero-config default) or a local folder (Node; `localFolderMediaStore` in `@mos/db/node`).
 * Keys are `<orgId>/<mediaId>` and `<orgId>/<mediaId>.thumb`.
 */
export interface MediaStore {
  readonly kind: 'r2' | 'db' | 'local';
  put(db: Queryable, orgId: string, key: string, bytes: Uint8Array, mimeType: string): Promise<void>;
  /** null when there are no bytes under the key. */
  get(db: Queryable, orgId: string, key: string): Promise<Uint8Array | null>;
}

export const mediaKey = (orgId: string, mediaId: string) => `${orgId}/${mediaId}`;
export const thumbnailKey = (orgId: string, mediaId: string) => `${orgId}/${mediaId}.thumb`;

/** Bytes in the row itself: the main bytes in `bytes`, a thumbnail in `thumbnail_bytes`. */
export const dbMediaStore: MediaStore = {
  kind: 'db',
  async put(db, orgId, key, bytes) {
    const isThumb = key.endsWith('.thumb');
    const storageKey = isThumb ? key.slice(0, -'.thumb'.length) : key;
    const set = isThumb ? { thumbnailBytes: bytes } : { bytes };
    const rows = await db
      .update(mediaObjects)
      .set(set)
      .where(and(eq(mediaObjects.orgId, orgId), eq(mediaObjects.storageKey, storageKey)))
      .returning({ id: mediaObjects.id });
    if (rows.length === 0) throw new Error(`no media row for key ${storageKey}`);
  },
  async get(db, orgId, key) {
    const isThumb = key.endsWith('.thumb');
    const storageKey = isThumb ? key.slice(0, -'.thumb'.length) : key;
    const [row] = await db
      .select({ bytes: mediaObjects.bytes, thumb: mediaObjects.thumbnailBytes })
      .from(mediaObjects)
      .where(and(eq(mediaObjects.orgId, orgId), eq(mediaObjects.storageKey, storageKey)));
    if (!row) return null;
    return (isThumb ? row.thumb : row.bytes) ?? null;
  },
};

/** The subset of Workers' R2Bucket this store uses (typed here so db needs no Workers types). */
export interface R2BucketLike {
  put(
    key: string,
    value: Uint8Array,
    options?: { httpMetadata?: { contentType?: string } },
  ): Promise<unknown>;
  get(key: string): Promise<{ arrayBuffer(): Promise<ArrayBuffer> } | null>;
}

export function r2MediaStore(bucket: R2BucketLike): MediaStore {
  return {
    kind: 'r2',
    async put(_db, _orgId, key, bytes, mimeType) {
      await bucket.put(key, bytes, { httpMetadata: { contentType: mimeType } });
    },
    async get(_db, _orgId, key) {
      const object = await bucket.get(key);
      return object ? new Uint8Array(await object.arrayBuffer()) : null;
    },
  };
}
