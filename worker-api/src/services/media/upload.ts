import { addFunnelAsset, getFunnel, imageInfo, insertMediaObject, mediaKey } from '@mos/db';
import { FUNNEL_IMAGE_MAX_BYTES, FUNNEL_IMAGE_MIME_TYPES } from '@mos/db/contracts';
import { DomainError } from '../../errors';
import type { ServiceCtx } from '../context';
import { mediaPath, thumbnailPath } from './paths';
import type { MediaStores } from './store';

export interface ImageUpload {
  bytes: Uint8Array;
  fileName: string | null;
  /** Link the image to this funnel (its editor's image list). */
  funnelId: string | null;
  alt: string | null;
}

const MAX_MB = FUNNEL_IMAGE_MAX_BYTES / (1024 * 1024);

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Stores an uploaded image: its type and size read from the bytes (never the client's Content-Type or file
 * name), only PNG, JPEG, WebP or GIF up to FUNNEL_IMAGE_MAX_BYTES; a media_objects row (ready) with its sha256,
 * and, with a funnel, the funnel's asset link. Uploads have no separate thumbnail: `/thumb` serves the image.
 */
export async function uploadImage(
  ctx: Pick<ServiceCtx, 'db' | 'member'>,
  stores: MediaStores,
  upload: ImageUpload,
) {
  const orgId = ctx.member.orgId;
  if (upload.bytes.byteLength === 0) throw DomainError.field(['file'], 'is empty');
  if (upload.bytes.byteLength > FUNNEL_IMAGE_MAX_BYTES) {
    throw new DomainError('PAYLOAD_TOO_LARGE', `the image is larger than ${MAX_MB} MB`, {
      issues: [{ path: ['file'], message: `is larger than ${MAX_MB} MB`, reason: 'too_large' }],
    });
  }
  const info = imageInfo(upload.bytes);
  if (!info || !(FUNNEL_IMAGE_MIME_TYPES as readonly string[]).includes(info.mimeType)) {
    throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'the file is not a PNG, JPEG, WebP or GIF image', {
      issues: [
        { path: ['file'], message: 'is not a PNG, JPEG, WebP or GIF image', reason: 'unsupported_type' },
      ],
    });
  }
  if (upload.funnelId && !(await getFunnel(ctx.db, orgId, upload.funnelId)))
    throw DomainError.notFound('funnel');
  const id = crypto.randomUUID();
  const key = mediaKey(orgId, id);
  const sha256 = await sha256Hex(upload.bytes);
  const store = stores.write;
  const row = await ctx.db.transaction(async (tx) => {
    const inserted = await insertMediaObject(tx, orgId, {
      id,
      clientId: null,
      kind: 'image',
      source: 'upload',
      status: 'ready',
      storage: store.kind,
      storageKey: key,
      mimeType: info.mimeType,
      sizeBytes: upload.bytes.byteLength,
      width: info.width,
      height: info.height,
      sha256,
      fileName: upload.fileName,
    });
    // The database store writes into the row just inserted; R2 and the folder write outside the transaction
    // (a failed commit leaves unreferenced bytes under a random key, never a row without bytes).
    await store.put(tx, orgId, key, upload.bytes, info.mimeType);
    if (upload.funnelId)
      await addFunnelAsset(tx, orgId, { funnelId: upload.funnelId, mediaId: id, alt: upload.alt });
    return inserted;
  });
  return {
    mediaId: row.id,
    url: mediaPath(row.id),
    thumbnailUrl: thumbnailPath(row.id),
    mimeType: info.mimeType,
    width: info.width,
    height: info.height,
    sizeBytes: upload.bytes.byteLength,
    sha256,
    fileName: upload.fileName,
    funnelId: upload.funnelId,
  };
}
