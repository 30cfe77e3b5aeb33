import { and, eq, getTableColumns } from 'drizzle-orm';
import type { Queryable } from '../db-type';
import { mediaObjects } from '../schema/media';

/** Rows of the one media store (funnel images, the swipe library's copies). Bytes go through a MediaStore. */
export type MediaObjectRow = typeof mediaObjects.$inferSelect;
export type MediaObjectInsert = Pick<
  typeof mediaObjects.$inferInsert,
  | 'id'
  | 'clientId'
  | 'kind'
  | 'source'
  | 'status'
  | 'storage'
  | 'storageKey'
  | 'mimeType'
  | 'sizeBytes'
  | 'width'
  | 'height'
  | 'sha256'
  | 'thumbnailStorageKey'
  | 'thumbnailMimeType'
  | 'thumbnailWidth'
  | 'thumbnailHeight'
  | 'fileName'
  | 'originUrl'
>;

export async function insertMediaObject(
  q: Queryable,
  orgId: string,
  values: MediaObjectInsert,
): Promise<Omit<MediaObjectRow, 'bytes' | 'thumbnailBytes'>> {
  const { bytes: _b, thumbnailBytes: _t, ...columns } = mediaObjectColumns();
  const [row] = await q
    .insert(mediaObjects)
    .values({ ...values, orgId })
    .returning(columns);
  if (!row) throw new Error('media insert returned no row');
  return row;
}

export async function setMediaStatus(
  q: Queryable,
  orgId: string,
  id: string,
  status: MediaObjectRow['status'],
  error: string | null = null,
): Promise<void> {
  await q
    .update(mediaObjects)
    .set({ status, error })
    .where(and(eq(mediaObjects.orgId, orgId), eq(mediaObjects.id, id)));
}

/** What serving a media object needs (never the bytes: they come from the object's store). */
export interface ServableMedia {
  id: string;
  orgId: string;
  status: MediaObjectRow['status'];
  storage: MediaObjectRow['storage'];
  storageKey: string;
  mimeType: string | null;
  sizeBytes: number | null;
  sha256: string | null;
  thumbnailStorageKey: string | null;
  thumbnailMimeType: string | null;
}

/**
 * A media object by id alone, for the public `/media/:id` routes: media ids are unguessable UUIDs handed out in
 * published pages, so, like a funnel's public id, the id is the capability and no org is known to the caller.
 */
export async function findServableMedia(q: Queryable, id: string): Promise<ServableMedia | undefined> {
  const [row] = await q
    .select({
      id: mediaObjects.id,
      orgId: mediaObjects.orgId,
      status: mediaObjects.status,
      storage: mediaObjects.storage,
      storageKey: mediaObjects.storageKey,
      mimeType: mediaObjects.mimeType,
      sizeBytes: mediaObjects.sizeBytes,
      sha256: mediaObjects.sha256,
      thumbnailStorageKey: mediaObjects.thumbnailStorageKey,
      thumbnailMimeType: mediaObjects.thumbnailMimeType,
    })
    .from(mediaObjects)
    .where(eq(mediaObjects.id, id))
    .limit(1);
  return row;
}

export async function getMediaObject(
  q: Queryable,
  orgId: string,
  id: string,
): Promise<Omit<MediaObjectRow, 'bytes' | 'thumbnailBytes'> | undefined> {
  const { bytes: _b, thumbnailBytes: _t, ...columns } = mediaObjectColumns();
  const [row] = await q
    .select(columns)
    .from(mediaObjects)
    .where(and(eq(mediaObjects.orgId, orgId), eq(mediaObjects.id, id)))
    .limit(1);
  return row;
}

function mediaObjectColumns() {
  return getTableColumns(mediaObjects);
}
