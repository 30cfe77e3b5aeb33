import { bigint, customType, index, integer, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { clients } from './clients';
import { createdAt, id, orgId, updatedAt } from './columns';
import { mediaKind, mediaSource, mediaStatus, mediaStorage } from './enums';

/** Raw bytes for media kept in the database (the store used where there is neither R2 nor a local folder). */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
});

/**
 * One media store for funnel images and the swipe library: every image or video MOS serves is a row here, its
 * bytes in R2 (Workers), in `bytes` (database) or under a local folder (Node), and a thumbnail beside it.
 */
export const mediaObjects = pgTable(
  'media_objects',
  {
    id: id(),
    orgId: orgId(),
    clientId: uuid('client_id').references(() => clients.id, { onDelete: 'cascade' }),
    kind: mediaKind('kind').notNull(),
    source: mediaSource('source').notNull(),
    status: mediaStatus('status').notNull().default('pending'),
    storage: mediaStorage('storage').notNull(),
    /** Key within the storage (R2 object key or path under the local folder); unique per org. */
    storageKey: text('storage_key').notNull(),
    mimeType: text('mime_type'),
    sizeBytes: bigint('size_bytes', { mode: 'number' }),
    width: integer('width'),
    height: integer('height'),
    sha256: text('sha256'),
    bytes: bytea('bytes'),
    thumbnailStorageKey: text('thumbnail_storage_key'),
    thumbnailMimeType: text('thumbnail_mime_type'),
    thumbnailWidth: integer('thumbnail_width'),
    thumbnailHeight: integer('thumbnail_height'),
    thumbnailBytes: bytea('thumbnail_bytes'),
    /** Where the bytes were copied from (a swipe's ad-CDN URL), kept for provenance only; never served. */
    originUrl: text('origin_url'),
    fileName: text('file_name'),
    error: text('error'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('uq_media_storage_key').on(t.orgId, t.storageKey),
    index('idx_media_org').on(t.orgId, t.createdAt.desc(), t.id.desc()),
    index('idx_media_client').on(t.orgId, t.clientId),
  ],
);
