import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  companySwipeMedia,
  imageInfo,
  importAdLibraryExport,
  mediaKey,
  mediaObjects,
  swipeAssetIdsByExternalIds,
  thumbnailKey,
} from '@mos/db';
import type { SwipeMediaImportInput } from '@mos/db/contracts';
import { localFolderMediaStore } from '@mos/db/node';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { funnelTenant, startRun } from './support/funnels';
import { recordHistory } from './support/histories';
import { type Stack, startStack } from './support/stack';

const MEDIA_DIR = mkdtempSync(join(tmpdir(), 'mos-media-'));
const store = localFolderMediaStore(MEDIA_DIR);
let stack: Stack;
let cdn: { url: string; close(): Promise<void> };

/** An ad CDN: a PNG, a JPEG (served as octet-stream: the type comes from the bytes) and a 404. */
async function startCdn() {
  const png = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#c9705a' } })
    .png()
    .toBuffer();
  const jpeg = await sharp({ create: { width: 1080, height: 1080, channels: 3, background: '#2f6fa3' } })
    .jpeg()
    .toBuffer();
  const server = http.createServer((req, res) => {
    if (req.url === '/ads/a/image.png') res.writeHead(200, { 'content-type': 'image/png' }).end(png);
    else if (req.url === '/ads/b/card.jpg')
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(jpeg);
    else res.writeHead(404, { 'content-type': 'text/plain' }).end('gone');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

beforeAll(async () => {
  cdn = await startCdn();
  stack = await startStack({ api: false, deps: { mediaStore: store } });
}, 120_000);
afterAll(async () => {
  await stack?.close();
  await cdn?.close();
  rmSync(MEDIA_DIR, { recursive: true, force: true });
}, 60_000);

const FIXTURE = JSON.parse(
  readFileSync(new URL('../fixtures/ad-library-export.json', import.meta.resolve('@mos/db/seed')), 'utf8'),
) as { ads: Record<string, unknown>[] };

describe('SwipeMediaImport', () => {
  it('copies each swipe media into the media store with a 320 px thumbnail; a 404 is recorded, not fatal', async () => {
    const t = await funnelTenant(stack.db);
    const [first, second] = FIXTURE.ads;
    const ads = [
      { ...first, media: [{ id: 'm-png', url: `${cdn.url}/ads/a/image.png`, type: 'image' }] },
      {
        ...second,
        display_format: 'carousel',
        media: [
          { id: 'm-jpg', url: `${cdn.url}/ads/b/card.jpg`, type: 'image' },
          { id: 'm-404', url: `${cdn.url}/ads/b/missing.jpg`, type: 'image' },
        ],
      },
    ];
    const report = await importAdLibraryExport(stack.db, t.orgId, { ads });
    expect(report.inserted).toBe(2);
    const swipeAssetIds = await swipeAssetIdsByExternalIds(stack.db, t.orgId, [
      String(first?.id),
      String(second?.id),
    ]);
    const { runId, handle } = await startRun<SwipeMediaImportInput>(
      stack,
      t,
      'swipe_media_import',
      `swipe-media-import-${t.orgId}-${crypto.randomUUID().slice(0, 8)}`,
      { orgId: t.orgId, clientId: null, campaignId: null, startedBy: t.userId, swipeAssetIds },
    );
    expect(await handle.result()).toEqual({ stored: 2, failed: 1 });
    await stack.waitForRunStatus(t.orgId, runId, 'completed');
    await recordHistory(handle, 'swipe-media-import');

    const rows = await stack.db
      .select({ external: companySwipeMedia.externalMediaId, media: mediaObjects })
      .from(companySwipeMedia)
      .innerJoin(mediaObjects, eq(mediaObjects.id, companySwipeMedia.mediaId))
      .where(eq(companySwipeMedia.orgId, t.orgId));
    const by = new Map(rows.map((r) => [r.external, r.media]));
    expect(by.get('m-png')).toMatchObject({
      status: 'ready',
      source: 'swipe',
      kind: 'image',
      storage: 'local',
      mimeType: 'image/png',
      width: 800,
      height: 600,
      thumbnailWidth: 320,
      thumbnailHeight: 240,
      thumbnailMimeType: 'image/webp',
      originUrl: `${cdn.url}/ads/a/image.png`,
    });
    expect(by.get('m-jpg')).toMatchObject({
      status: 'ready',
      mimeType: 'image/jpeg',
      width: 1080,
      thumbnailWidth: 320,
    });
    expect(by.get('m-404')).toMatchObject({ status: 'failed', error: expect.stringContaining('HTTP 404') });
    for (const id of ['m-png', 'm-jpg']) {
      const media = by.get(id);
      if (!media) throw new Error(`${id} not linked`);
      const bytes = await store.get(stack.db, t.orgId, mediaKey(t.orgId, media.id));
      const thumb = await store.get(stack.db, t.orgId, thumbnailKey(t.orgId, media.id));
      if (!bytes || !thumb) throw new Error(`${id}: bytes missing from the store`);
      expect(bytes.byteLength).toBe(media.sizeBytes);
      expect(imageInfo(thumb)).toMatchObject({ mimeType: 'image/webp', width: 320 });
    }

    // A second import finds nothing left to copy: every item is linked (the failed one to its failure).
    const again = await startRun<SwipeMediaImportInput>(
      stack,
      t,
      'swipe_media_import',
      `swipe-media-import-${t.orgId}-${crypto.randomUUID().slice(0, 8)}`,
      { orgId: t.orgId, clientId: null, campaignId: null, startedBy: t.userId, swipeAssetIds },
    );
    expect(await again.handle.result()).toEqual({ stored: 0, failed: 0 });
  }, 60_000);
});
