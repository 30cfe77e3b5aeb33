import { findServableMedia, type Queryable } from '@mos/db';
import type { MediaStores } from './store';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ServedMedia {
  contentType: string;
  /** Quoted, as the header carries it: the sha256 of the bytes. */
  etag: string;
  load(): Promise<Uint8Array | null>;
}

/**
 * A ready media object (or its thumbnail) by id, for the public media routes; null when unknown, not ready or its
 * store is not reachable here. An object without a thumbnail serves the image itself at `/thumb`.
 */
export async function findMedia(
  db: Queryable,
  stores: MediaStores,
  id: string,
  part: 'original' | 'thumb',
): Promise<ServedMedia | null> {
  if (!UUID.test(id)) return null;
  const row = await findServableMedia(db, id);
  if (row?.status !== 'ready') return null;
  const store = stores.forStorage(row.storage);
  if (!store) return null;
  const thumb = part === 'thumb' && row.thumbnailStorageKey !== null;
  const key = thumb ? (row.thumbnailStorageKey as string) : row.storageKey;
  const hash = row.sha256 ?? row.id;
  return {
    contentType: (thumb ? row.thumbnailMimeType : row.mimeType) ?? 'application/octet-stream',
    etag: thumb ? `"${hash}-thumb"` : `"${hash}"`,
    load: () => store.get(db, row.orgId, key),
  };
}
