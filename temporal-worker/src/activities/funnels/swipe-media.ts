import { createHash } from 'node:crypto';
import {
  dbMediaStore,
  imageInfo,
  linkSwipeMedia,
  listSwipeMediaToImport,
  recordFailedMedia,
  type SwipeMediaToImport,
  storeMediaObject,
} from '@mos/db';
import sharp from 'sharp';
import type { ActivityDeps } from '../deps';
import { withHeartbeat } from '../shared/heartbeat';

/** Per download: ad CDNs answer fast or not at all. */
export const SWIPE_MEDIA_TIMEOUT_MS = 20_000;
/** The largest file copied (a long ad video); anything bigger is recorded as failed. */
export const SWIPE_MEDIA_MAX_BYTES = 50 * 1024 * 1024;
export const THUMBNAIL_WIDTH = 320;

/** A video's container, read from its bytes (MP4/MOV `ftyp` box, WebM/Matroska EBML header). */
export function videoType(bytes: Uint8Array): 'video/mp4' | 'video/quicktime' | 'video/webm' | null {
  if (bytes.length >= 12 && String.fromCharCode(...bytes.subarray(4, 8)) === 'ftyp') {
    return String.fromCharCode(...bytes.subarray(8, 10)) === 'qt' ? 'video/quicktime' : 'video/mp4';
  }
  if (bytes.length >= 4 && bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3)
    return 'video/webm';
  return null;
}

class DownloadError extends Error {
  override name = 'DownloadError';
}

/** Downloads with a timeout and a size cap enforced while reading (a lying Content-Length changes nothing). */
async function download(url: string): Promise<Uint8Array> {
  const res = await fetch(url, { signal: AbortSignal.timeout(SWIPE_MEDIA_TIMEOUT_MS), redirect: 'follow' });
  if (!res.ok) throw new DownloadError(`HTTP ${res.status} from ${new URL(url).host}`);
  const declared = Number(res.headers.get('content-length') ?? '0');
  if (declared > SWIPE_MEDIA_MAX_BYTES)
    throw new DownloadError(`${declared} bytes is over the ${SWIPE_MEDIA_MAX_BYTES}-byte cap`);
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (!res.body) return new Uint8Array();
  for await (const chunk of res.body) {
    size += chunk.byteLength;
    if (size > SWIPE_MEDIA_MAX_BYTES) throw new DownloadError(`over the ${SWIPE_MEDIA_MAX_BYTES}-byte cap`);
    chunks.push(chunk);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

export interface SwipeMediaImportResult {
  stored: number;
  failed: number;
  items: { swipeMediaId: string; mediaId: string; status: 'ready' | 'failed'; error: string | null }[];
}

export function swipeMediaActivities(deps: ActivityDeps) {
  const { db } = deps;
  const store = deps.mediaStore ?? dbMediaStore;

  async function copy(orgId: string, item: SwipeMediaToImport) {
    const url = item.url ?? item.downloadUrl;
    if (!url) throw new DownloadError('the swipe lists no media URL');
    const bytes = await download(url);
    const image = imageInfo(bytes);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (image) {
      const thumb = await sharp(bytes, { animated: false })
        .resize({ width: THUMBNAIL_WIDTH })
        .webp({ quality: 75 })
        .toBuffer({ resolveWithObject: true });
      return storeMediaObject(db, store, {
        orgId,
        kind: 'image',
        source: 'swipe',
        bytes,
        mimeType: image.mimeType,
        width: image.width,
        height: image.height,
        sha256,
        thumbnail: {
          bytes: new Uint8Array(thumb.data),
          mimeType: 'image/webp',
          width: thumb.info.width,
          height: thumb.info.height,
        },
        originUrl: url,
      });
    }
    const video = videoType(bytes);
    if (!video)
      throw new DownloadError('the file is neither an image (PNG, JPEG, WebP, GIF) nor a video (MP4, WebM)');
    // Videos are stored as they are: a poster frame needs a video decoder the worker does not carry.
    return storeMediaObject(db, store, {
      orgId,
      kind: 'video',
      source: 'swipe',
      bytes,
      mimeType: video,
      width: null,
      height: null,
      sha256,
      thumbnail: null,
      originUrl: url,
    });
  }

  return {
    /**
     * Copies the swipes' media (not copied yet) into the media store with thumbnails and links each to its
     * copy. A media item that cannot be copied is recorded as failed with its error; it never fails the import.
     */
    async importSwipeMedia(input: {
      orgId: string;
      swipeAssetIds: string[];
    }): Promise<SwipeMediaImportResult> {
      const items = await listSwipeMediaToImport(db, input.orgId, input.swipeAssetIds);
      const result: SwipeMediaImportResult = { stored: 0, failed: 0, items: [] };
      await withHeartbeat(async () => {
        for (const item of items) {
          let mediaId: string;
          let error: string | null = null;
          try {
            mediaId = (await copy(input.orgId, item)).id;
          } catch (err) {
            // A timeout, a refused download or bytes that are no media: this item only.
            error =
              err instanceof DownloadError
                ? err.message
                : err instanceof Error && err.name === 'TimeoutError'
                  ? `no answer within ${SWIPE_MEDIA_TIMEOUT_MS / 1000} s`
                  : `download failed: ${err instanceof Error ? err.message : String(err)}`;
            mediaId = (
              await recordFailedMedia(db, {
                orgId: input.orgId,
                source: 'swipe',
                kind: item.type === 'video' ? 'video' : 'image',
                originUrl: item.url ?? item.downloadUrl,
                error,
              })
            ).id;
          }
          if (!(await linkSwipeMedia(db, input.orgId, item.id, mediaId))) continue;
          if (error) result.failed += 1;
          else result.stored += 1;
          // The first hundred items name themselves; the counts cover all (histories stay small).
          if (result.items.length < 100)
            result.items.push({ swipeMediaId: item.id, mediaId, status: error ? 'failed' : 'ready', error });
        }
      });
      return result;
    },
  };
}
