import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Queryable } from '../db-type';
import { type MediaStore, mediaKey, thumbnailKey } from '../media/store';
import { mediaObjects } from '../schema/media';
import { companySwipeAssets, companySwipeMedia } from '../schema/swipes';

/**
 * Copies of swipe media in MOS's media store: a `media_objects` row per copy (bytes and thumbnail in the store,
 * or the error when the copy failed), linked from `company_swipe_media.media_id`. Org-scoped.
 */
export interface StoredMediaInput {
  orgId: string;
  clientId?: string | null;
  kind: 'image' | 'video';
  source: 'upload' | 'ai' | 'swipe' | 'seed';
  bytes: Uint8Array;
  mimeType: string;
  width: number | null;
  height: number | null;
  sha256: string;
  thumbnail: { bytes: Uint8Array; mimeType: string; width: number; height: number } | null;
  originUrl?: string | null;
  fileName?: string | null;
}

/**
 * Stores bytes (and the thumbnail) in the media store and records the row, ready. The row is written first (the
 * database store keeps the bytes on it), then the bytes, then the status: a crash in between leaves a `pending`
 * row, never a `ready` one without bytes.
 */
export async function storeMediaObject(
  q: Queryable,
  store: MediaStore,
  input: StoredMediaInput,
): Promise<{ id: string }> {
  const id = crypto.randomUUID();
  const key = mediaKey(input.orgId, id);
  await q.insert(mediaObjects).values({
    id,
    orgId: input.orgId,
    clientId: input.clientId ?? null,
    kind: input.kind,
    source: input.source,
    status: 'pending',
    storage: store.kind,
    storageKey: key,
    mimeType: input.mimeType,
    sizeBytes: input.bytes.byteLength,
    width: input.width,
    height: input.height,
    sha256: input.sha256,
    thumbnailStorageKey: input.thumbnail ? thumbnailKey(input.orgId, id) : null,
    thumbnailMimeType: input.thumbnail?.mimeType ?? null,
    thumbnailWidth: input.thumbnail?.width ?? null,
    thumbnailHeight: input.thumbnail?.height ?? null,
    originUrl: input.originUrl ?? null,
    fileName: input.fileName ?? null,
  });
  await store.put(q, input.orgId, key, input.bytes, input.mimeType);
  if (input.thumbnail) {
    await store.put(
      q,
      input.orgId,
      thumbnailKey(input.orgId, id),
      input.thumbnail.bytes,
      input.thumbnail.mimeType,
    );
  }
  await q
    .update(mediaObjects)
    .set({ status: 'ready', updatedAt: new Date() })
    .where(and(eq(mediaObjects.orgId, input.orgId), eq(mediaObjects.id, id)));
  return { id };
}

/** A copy that failed: the row says why (status failed), with the URL it came from. */
export async function recordFailedMedia(
  q: Queryable,
  input: {
    orgId: string;
    source: 'swipe' | 'seed';
    kind: 'image' | 'video';
    originUrl: string | null;
    error: string;
  },
): Promise<{ id: string }> {
  const id = crypto.randomUUID();
  await q.insert(mediaObjects).values({
    id,
    orgId: input.orgId,
    kind: input.kind,
    source: input.source,
    status: 'failed',
    storage: 'db',
    storageKey: mediaKey(input.orgId, id),
    originUrl: input.originUrl,
    error: input.error.slice(0, 1000),
  });
  return { id };
}

export interface SwipeMediaToImport {
  id: string;
  swipeAssetId: string;
  externalMediaId: string | null;
  url: string | null;
  downloadUrl: string | null;
  type: string | null;
  mimeType: string | null;
}

/** The org's swipe media not copied yet (of the given swipes, or of every swipe when `swipeAssetIds` is null). */
export async function listSwipeMediaToImport(
  q: Queryable,
  orgId: string,
  swipeAssetIds: string[] | null,
): Promise<SwipeMediaToImport[]> {
  if (swipeAssetIds !== null && swipeAssetIds.length === 0) return [];
  return q
    .select({
      id: companySwipeMedia.id,
      swipeAssetId: companySwipeMedia.swipeAssetId,
      externalMediaId: companySwipeMedia.externalMediaId,
      url: companySwipeMedia.url,
      downloadUrl: companySwipeMedia.downloadUrl,
      type: companySwipeMedia.type,
      mimeType: companySwipeMedia.mimeType,
    })
    .from(companySwipeMedia)
    .where(
      and(
        eq(companySwipeMedia.orgId, orgId),
        isNull(companySwipeMedia.mediaId),
        swipeAssetIds ? inArray(companySwipeMedia.swipeAssetId, swipeAssetIds) : undefined,
      ),
    )
    .orderBy(companySwipeMedia.createdAt, companySwipeMedia.id);
}

/** Links a swipe media item to its copy (only while it has none: a second import never replaces a copy). */
export async function linkSwipeMedia(
  q: Queryable,
  orgId: string,
  swipeMediaId: string,
  mediaId: string,
): Promise<boolean> {
  const rows = await q
    .update(companySwipeMedia)
    .set({ mediaId, updatedAt: new Date() })
    .where(
      and(
        eq(companySwipeMedia.orgId, orgId),
        eq(companySwipeMedia.id, swipeMediaId),
        isNull(companySwipeMedia.mediaId),
      ),
    )
    .returning({ id: companySwipeMedia.id });
  return rows.length > 0;
}

/** The org's swipe ads by external ad id (an import's ads, for the media copy that follows it). */
export async function swipeAssetIdsByExternalIds(
  q: Queryable,
  orgId: string,
  externalAdIds: string[],
): Promise<string[]> {
  if (externalAdIds.length === 0) return [];
  const rows = await q
    .select({ id: companySwipeAssets.id })
    .from(companySwipeAssets)
    .where(and(eq(companySwipeAssets.orgId, orgId), inArray(companySwipeAssets.externalAdId, externalAdIds)));
  return rows.map((r) => r.id);
}
