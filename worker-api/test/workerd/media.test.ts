/**
 * Media on the Worker entry in workerd: an upload lands in the R2 bucket bound as MEDIA (wrangler.toml, simulated
 * by Miniflare), its row says so, and `/media/:id` serves the bytes back from R2 with the immutable headers.
 */
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { sessionToken } from './support';

const ORIGIN = 'https://api.mos.test';
// A complete 1×1 RGBA PNG (IHDR, IDAT, IEND with their CRCs).
const PNG = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='),
  (c) => c.charCodeAt(0),
);

async function sha256(bytes: Uint8Array) {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

describe('media in workerd', () => {
  it('stores an upload in the R2 bucket and serves it back, cached as immutable', async () => {
    const token = await sessionToken();
    const form = new FormData();
    form.append('file', new Blob([PNG], { type: 'image/png' }), 'dot.png');
    const res = await exports.default.fetch(
      new Request(`${ORIGIN}/media`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: form,
      }),
    );
    expect(res.status).toBe(201);
    const media = (await res.json()) as { mediaId: string; url: string; mimeType: string; width: number };
    expect(media).toMatchObject({ mimeType: 'image/png', width: 1, url: `/media/${media.mediaId}` });

    const bucket = (env as unknown as { MEDIA: R2Bucket }).MEDIA;
    const listed = await bucket.list();
    const object = listed.objects.find((o) => o.key.endsWith(`/${media.mediaId}`));
    expect(object?.size).toBe(PNG.byteLength);
    const stored = await bucket.get(object?.key ?? '');
    expect(stored?.httpMetadata?.contentType).toBe('image/png');

    const got = await exports.default.fetch(new Request(`${ORIGIN}${media.url}`));
    expect(got.status).toBe(200);
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(PNG);
    expect(got.headers.get('etag')).toBe(`"${await sha256(PNG)}"`);
    expect(got.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const notModified = await exports.default.fetch(
      new Request(`${ORIGIN}${media.url}`, { headers: { 'if-none-match': `"${await sha256(PNG)}"` } }),
    );
    expect(notModified.status).toBe(304);
  });

  it('refuses a file that is not an image with 415, and an anonymous upload with 401', async () => {
    const token = await sessionToken();
    const text = new TextEncoder().encode('hello, not an image');
    const refused = await exports.default.fetch(
      new Request(`${ORIGIN}/media`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'x-file-name': 'a.png' },
        body: text,
      }),
    );
    expect(refused.status).toBe(415);
    const anonymous = await exports.default.fetch(
      new Request(`${ORIGIN}/media`, { method: 'POST', body: PNG }),
    );
    expect(anonymous.status).toBe(401);
  });
});
