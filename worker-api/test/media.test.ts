import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { companySwipeMedia, insertMediaObject, mediaKey, mediaObjects } from '@mos/db';
import { FUNNEL_IMAGE_MAX_BYTES } from '@mos/db/contracts';
import { tinyGif, tinyJpegHeader, tinyPng, tinyWebpVp8x } from '@mos/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { funnelTenant } from './support/funnels';
import { createTestApp, newTenant, type TestApp } from './support/harness';

/**
 * Media over HTTP: uploads (type and size from the bytes, operator role, optional funnel link) and public serving
 * with immutable caching, through the database store, a local folder and an R2-shaped bucket binding.
 */
async function sha256(bytes: Uint8Array) {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Buffer.from(digest).toString('hex');
}

function multipart(bytes: Uint8Array, fileName: string, fields: Record<string, string> = {}) {
  const form = new FormData();
  form.append(
    'file',
    new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }),
    fileName,
  );
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return form;
}

async function upload(
  t: TestApp,
  token: string | null,
  body: RequestInit['body'],
  headers: Record<string, string> = {},
  query = '',
  bindings?: unknown,
) {
  return t.request(
    `/media${query}`,
    { method: 'POST', headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers }, body },
    bindings,
  );
}

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('POST /media and GET /media/:id (database store)', () => {
  it('stores an uploaded PNG with its sha256 and serves the same bytes, cached as immutable', async () => {
    const f = await funnelTenant(t);
    const funnel = await f.operator.funnels.create.mutate({ clientId: f.clientId, name: 'Launch' });
    const png = tinyPng(3, 2);
    const res = await upload(
      t,
      f.tenant.operator,
      multipart(png, 'hero.png', { funnelId: funnel.id, alt: 'A jar' }),
    );
    expect(res.status).toBe(201);
    const media = (await res.json()) as {
      mediaId: string;
      url: string;
      thumbnailUrl: string;
      sha256: string;
    };
    expect(media).toMatchObject({
      mimeType: 'image/png',
      width: 3,
      height: 2,
      sizeBytes: png.byteLength,
      fileName: 'hero.png',
      url: `/media/${media.mediaId}`,
      thumbnailUrl: `/media/${media.mediaId}/thumb`,
      sha256: await sha256(png),
    });
    const [row] = await t.database.db.select().from(mediaObjects).where(eq(mediaObjects.id, media.mediaId));
    expect(row).toMatchObject({
      status: 'ready',
      storage: 'db',
      kind: 'image',
      source: 'upload',
      orgId: f.orgId,
    });
    expect(row?.storageKey).toBe(mediaKey(f.orgId, media.mediaId));

    const got = await t.request(media.url);
    expect(got.status).toBe(200);
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(png);
    expect(got.headers.get('content-type')).toBe('image/png');
    expect(got.headers.get('etag')).toBe(`"${media.sha256}"`);
    expect(got.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    const again = await t.request(media.url, { headers: { 'if-none-match': `"${media.sha256}"` } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const thumb = await t.request(media.thumbnailUrl);
    expect(thumb.status).toBe(200);
    expect(new Uint8Array(await thumb.arrayBuffer())).toEqual(png);

    const images = await f.member.funnels.images.query({ funnelId: funnel.id });
    expect(images).toEqual([
      expect.objectContaining({ mediaId: media.mediaId, alt: 'A jar', width: 3, height: 2, url: media.url }),
    ]);
  });

  it('takes raw bytes with x-file-name, reading the type from the bytes, not the header', async () => {
    const tenant = await newTenant(t);
    for (const [bytes, type] of [
      [tinyGif(4, 4), 'image/gif'],
      [tinyJpegHeader(40, 30), 'image/jpeg'],
      [tinyWebpVp8x(16, 9), 'image/webp'],
    ] as const) {
      const res = await upload(t, tenant.operator, bytes as Uint8Array<ArrayBuffer>, {
        'content-type': 'text/plain',
        'x-file-name': encodeURIComponent('fotó 1.bin'),
      });
      expect(res.status).toBe(201);
      const body = (await res.json()) as { mediaId: string; mimeType: string; fileName: string };
      expect(body.mimeType).toBe(type);
      expect(body.fileName).toBe('fotó 1.bin');
      const got = await t.request(`/media/${body.mediaId}`);
      expect(got.headers.get('content-type')).toBe(type);
      expect(new Uint8Array(await got.arrayBuffer())).toEqual(bytes);
    }
  });

  it('refuses what is not a PNG, JPEG, WebP or GIF (415) and what is too large (413), storing nothing', async () => {
    const tenant = await newTenant(t);
    const orgId = (await t.client(tenant.admin).me.get.query()).org.id;
    const svg = new TextEncoder().encode(
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    );
    const refusedType = await upload(t, tenant.operator, multipart(svg, 'x.png'));
    expect(refusedType.status).toBe(415);
    expect(((await refusedType.json()) as { error: { message: string } }).error.message).toContain(
      'not a PNG, JPEG, WebP or GIF',
    );
    // Just over the limit: past the body limit's framing allowance, refused on the image's own size.
    const big = new Uint8Array(FUNNEL_IMAGE_MAX_BYTES + 1);
    big.set(tinyPng(1, 1));
    const tooBig = await upload(t, tenant.operator, big, { 'x-file-name': 'big.png' });
    expect(tooBig.status).toBe(413);
    expect(((await tooBig.json()) as { error: { message: string } }).error.message).toBe(
      'the image is larger than 5 MB',
    );
    // Far over: the body limit stops reading.
    const huge = new Uint8Array(FUNNEL_IMAGE_MAX_BYTES + 512 * 1024);
    huge.set(tinyPng(1, 1));
    const tooHuge = await upload(t, tenant.operator, multipart(huge, 'huge.png'));
    expect(tooHuge.status).toBe(413);
    const empty = await upload(t, tenant.operator, new Uint8Array());
    expect(empty.status).toBe(400);
    const rows = await t.database.db.select().from(mediaObjects).where(eq(mediaObjects.orgId, orgId));
    expect(rows).toEqual([]);
  });

  it('needs a signed-in operator; another org’s funnel is not found', async () => {
    const f = await funnelTenant(t);
    const other = await funnelTenant(t, 'Other');
    const otherFunnel = await other.operator.funnels.create.mutate({
      clientId: other.clientId,
      name: 'Theirs',
    });
    const png = tinyPng(1, 1);
    expect((await upload(t, null, multipart(png, 'a.png'))).status).toBe(401);
    expect((await upload(t, 'not-a-token', multipart(png, 'a.png'))).status).toBe(401);
    expect((await upload(t, f.tenant.member, multipart(png, 'a.png'))).status).toBe(403);
    const foreign = await upload(t, f.tenant.operator, multipart(png, 'a.png', { funnelId: otherFunnel.id }));
    expect(foreign.status).toBe(404);
    expect((await other.member.funnels.images.query({ funnelId: otherFunnel.id })).length).toBe(0);
  });

  it('answers 404 for unknown, malformed and not-ready media', async () => {
    expect((await t.request(`/media/${crypto.randomUUID()}`)).status).toBe(404);
    expect((await t.request('/media/not-a-uuid')).status).toBe(404);
    expect((await t.request(`/media/${crypto.randomUUID()}/thumb`)).status).toBe(404);
    const tenant = await newTenant(t);
    const orgId = (await t.client(tenant.admin).me.get.query()).org.id;
    const id = crypto.randomUUID();
    await insertMediaObject(t.database.db, orgId, {
      id,
      clientId: null,
      kind: 'image',
      source: 'swipe',
      status: 'pending',
      storage: 'db',
      storageKey: mediaKey(orgId, id),
    });
    expect((await t.request(`/media/${id}`)).status).toBe(404);
  });
});

describe('other stores', () => {
  it('keeps bytes under MEDIA_DIR on Node and serves them back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mos-media-'));
    const local = await createTestApp({ env: { MEDIA_DIR: dir } });
    try {
      const tenant = await newTenant(local);
      const orgId = (await local.client(tenant.admin).me.get.query()).org.id;
      const png = tinyPng(2, 2, [200, 30, 30, 255]);
      const res = await upload(local, tenant.operator, multipart(png, 'red.png'));
      expect(res.status).toBe(201);
      const { mediaId } = (await res.json()) as { mediaId: string };
      expect(new Uint8Array(readFileSync(join(dir, orgId, mediaId)))).toEqual(png);
      const [row] = await local.database.db.select().from(mediaObjects).where(eq(mediaObjects.id, mediaId));
      expect(row).toMatchObject({ storage: 'local', bytes: null });
      const got = await local.request(`/media/${mediaId}`);
      expect(new Uint8Array(await got.arrayBuffer())).toEqual(png);
    } finally {
      await local.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes to the R2 bucket bound as MEDIA when the runtime passes one', async () => {
    // The R2Bucket methods the store uses, over a Map (what the Workers binding offers).
    const objects = new Map<string, { bytes: Uint8Array; contentType: string | undefined }>();
    const bucket = {
      async put(key: string, value: Uint8Array, options?: { httpMetadata?: { contentType?: string } }) {
        objects.set(key, { bytes: new Uint8Array(value), contentType: options?.httpMetadata?.contentType });
        return {};
      },
      async get(key: string) {
        const o = objects.get(key);
        return o ? { arrayBuffer: async () => o.bytes.slice().buffer } : null;
      },
    };
    const tenant = await newTenant(t);
    const orgId = (await t.client(tenant.admin).me.get.query()).org.id;
    const png = tinyPng(1, 3);
    const res = await upload(t, tenant.operator, multipart(png, 'r2.png'), {}, '', { MEDIA: bucket });
    expect(res.status).toBe(201);
    const { mediaId } = (await res.json()) as { mediaId: string };
    expect(objects.get(mediaKey(orgId, mediaId))).toEqual({ bytes: png, contentType: 'image/png' });
    const [row] = await t.database.db.select().from(mediaObjects).where(eq(mediaObjects.id, mediaId));
    expect(row).toMatchObject({ storage: 'r2', bytes: null });
    const got = await t.request(`/media/${mediaId}`, {}, { MEDIA: bucket });
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(png);
    // Where the bucket is not bound, its objects cannot be served (rather than served wrong).
    expect((await t.request(`/media/${mediaId}`)).status).toBe(404);
  });
});

describe('swipe library media', () => {
  it('serves a swipe’s stored copy (and thumbnail) instead of the ad-CDN URL once imported', async () => {
    const EXPORT = JSON.parse(
      readFileSync(
        new URL(
          '../fixtures/ad-library-export.json',
          pathToFileURL(createRequire(import.meta.url).resolve('@mos/db')),
        ),
        'utf8',
      ),
    ) as { ads: unknown[] };
    const tenant = await newTenant(t);
    const orgId = (await t.client(tenant.admin).me.get.query()).org.id;
    await t
      .client(tenant.operator)
      .swipes.company.import.mutate({ export: structuredClone(EXPORT) as never });
    const [media] = await t.database.db
      .select()
      .from(companySwipeMedia)
      .where(eq(companySwipeMedia.orgId, orgId))
      .limit(1);
    if (!media) throw new Error('the fixture has no media');
    const id = crypto.randomUUID();
    await insertMediaObject(t.database.db, orgId, {
      id,
      clientId: null,
      kind: 'image',
      source: 'swipe',
      status: 'ready',
      storage: 'db',
      storageKey: mediaKey(orgId, id),
      thumbnailStorageKey: `${mediaKey(orgId, id)}.thumb`,
      mimeType: 'image/png',
      thumbnailMimeType: 'image/png',
      originUrl: media.url,
    });
    const full = tinyPng(4, 4);
    const small = tinyPng(1, 1);
    await t.database.db
      .update(mediaObjects)
      .set({ bytes: full, thumbnailBytes: small, sha256: await sha256(full) })
      .where(eq(mediaObjects.id, id));
    await t.database.db
      .update(companySwipeMedia)
      .set({ mediaId: id })
      .where(eq(companySwipeMedia.id, media.id));
    const api = t.client(tenant.member);
    const list = await api.swipes.company.list.query({ limit: 100 });
    const items = list.items.flatMap((s) => s.media);
    const stored = items.find((m) => m.id === media.id);
    expect(stored).toMatchObject({
      mediaId: id,
      mediaUrl: `/media/${id}`,
      thumbnailUrl: `/media/${id}/thumb`,
      url: media.url,
    });
    const others = items.filter((m) => m.id !== media.id);
    expect(others.length).toBeGreaterThan(0);
    for (const m of others) expect(m).toMatchObject({ mediaId: null, mediaUrl: m.url });
    const swipe = list.items.find((s) => s.media.some((m) => m.id === media.id));
    const detail = await api.swipes.company.get.query({ id: swipe?.id ?? '' });
    expect(detail.media.find((m) => m.id === media.id)?.mediaUrl).toBe(`/media/${id}`);
    const thumb = await t.request(`/media/${id}/thumb`);
    expect(new Uint8Array(await thumb.arrayBuffer())).toEqual(small);
    expect(thumb.headers.get('etag')).toBe(`"${await sha256(full)}-thumb"`);
  });
});
