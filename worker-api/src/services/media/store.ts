import { dbMediaStore, type MediaStore, type R2BucketLike, r2MediaStore } from '@mos/db';
import type { MediaStorage } from '@mos/db/contracts';

/**
 * The one place that picks where media bytes live. New bytes go to the R2 bucket bound as `MEDIA` on Workers,
 * else to the local folder (Node with MEDIA_DIR), else into the database. Reads follow each object's own
 * `storage`, so objects written under another setting stay readable wherever their store is still reachable.
 */
export const MEDIA_BUCKET_BINDING = 'MEDIA';

export interface MediaStores {
  /** Where an upload goes now. */
  write: MediaStore;
  /** The store holding an object written with `storage`, or null when this runtime cannot reach it. */
  forStorage(storage: MediaStorage): MediaStore | null;
}

function isR2Bucket(value: unknown): value is R2BucketLike {
  const v = value as { put?: unknown; get?: unknown } | null;
  return typeof v === 'object' && v !== null && typeof v.put === 'function' && typeof v.get === 'function';
}

export function selectMediaStores(opts: {
  /** The runtime's bindings (Hono's `c.env`): on Workers, where the R2 bucket is. */
  bindings: unknown;
  /** Node with MEDIA_DIR: `localFolderMediaStore(MEDIA_DIR)` (from @mos/db/node, which Workers cannot load). */
  localFolder: MediaStore | null | undefined;
}): MediaStores {
  const bucket =
    typeof opts.bindings === 'object' && opts.bindings !== null
      ? (opts.bindings as Record<string, unknown>)[MEDIA_BUCKET_BINDING]
      : undefined;
  const r2 = isR2Bucket(bucket) ? r2MediaStore(bucket) : null;
  const local = opts.localFolder ?? null;
  return {
    write: r2 ?? local ?? dbMediaStore,
    forStorage: (storage) => (storage === 'r2' ? r2 : storage === 'local' ? local : dbMediaStore),
  };
}
