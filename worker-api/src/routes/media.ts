import type { Context, Hono } from 'hono';
import type { AppServices } from '../context';
import { createContext } from '../context';
import { DomainError, type DomainErrorCode } from '../errors';
import { findMedia, type ServedMedia } from '../services/media/serve';
import { selectMediaStores } from '../services/media/store';
import { uploadImage } from '../services/media/upload';

/**
 * Media over plain HTTP (bytes do not fit tRPC): `POST /media` uploads an image (operators and admins; multipart
 * with a `file` field, or the raw bytes with an `x-file-name` header; `funnelId` as a form field or query
 * parameter), and `GET /media/:id` and `/media/:id/thumb` serve any ready media object publicly: ids are
 * unguessable, the bytes never change under an id, so responses are cached as immutable with the sha256 as ETag.
 */
const STATUS: Partial<Record<DomainErrorCode, 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 503>> = {
  VALIDATION: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
};

function errorResponse(c: Context, err: DomainError) {
  const status = STATUS[err.code] ?? 500;
  return c.json({ error: { code: err.code, message: err.message, fieldErrors: err.issues } }, status);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The HTTP answer for a media object: 304 when the caller has these bytes already, else the bytes. */
export async function mediaResponse(
  media: ServedMedia | null,
  ifNoneMatch: string | undefined,
): Promise<Response> {
  const notFound = () =>
    new Response('not found', {
      status: 404,
      headers: { 'content-type': 'text/plain', 'cache-control': 'no-store' },
    });
  if (!media) return notFound();
  const headers = {
    etag: media.etag,
    'cache-control': 'public, max-age=31536000, immutable',
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; sandbox",
    'cross-origin-resource-policy': 'cross-origin',
  };
  const tags = ifNoneMatch?.split(',').map((t) => t.trim().replace(/^W\//, '')) ?? [];
  if (tags.includes(media.etag) || tags.includes('*')) return new Response(null, { status: 304, headers });
  const bytes = await media.load();
  if (!bytes) return notFound();
  return new Response(bytes as Uint8Array<ArrayBuffer>, {
    status: 200,
    headers: { ...headers, 'content-type': media.contentType, 'content-length': String(bytes.byteLength) },
  });
}

function decodeFileName(raw: string | undefined | null): string | null {
  if (!raw) return null;
  let name = raw;
  try {
    name = decodeURIComponent(raw);
  } catch {
    // Not percent-encoded: keep it as sent.
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is stripped here
  name = name.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return name ? name.slice(0, 200) : null;
}

export function registerMediaRoutes(app: Hono, services: AppServices): void {
  const storesFor = (c: Context) =>
    selectMediaStores({ bindings: c.env, localFolder: services.localMediaStore });

  app.post('/media', async (c) => {
    try {
      const inner = await createContext(services, c.req.raw, c.env);
      if (inner.auth.kind === 'anonymous') throw new DomainError('UNAUTHORIZED', 'sign in required');
      if (inner.auth.kind === 'invalid') throw inner.auth.error;
      const identity = inner.auth.identity;
      if (!identity.org) throw new DomainError('FORBIDDEN', 'select an organization');
      const member = await services.resolveMember(services.database.db, identity);
      if (member.role === 'member')
        throw new DomainError('FORBIDDEN', 'uploading needs the operator or admin role');

      let bytes: Uint8Array;
      let fileName: string | null;
      let funnelId: string | null = c.req.query('funnelId') ?? null;
      let alt: string | null = c.req.query('alt') ?? null;
      const type = c.req.header('content-type') ?? '';
      if (type.toLowerCase().startsWith('multipart/form-data')) {
        const form = await c.req.raw.formData().catch(() => null);
        if (!form) throw DomainError.field(['body'], 'is not valid multipart form data');
        const file = form.get('file');
        if (file === null || typeof file === 'string')
          throw DomainError.field(['file'], 'is required (a file field)');
        bytes = new Uint8Array(await file.arrayBuffer());
        fileName = decodeFileName(file.name);
        const field = form.get('funnelId');
        if (typeof field === 'string' && field) funnelId = field;
        const altField = form.get('alt');
        if (typeof altField === 'string') alt = altField;
      } else {
        bytes = new Uint8Array(await c.req.arrayBuffer());
        fileName = decodeFileName(c.req.header('x-file-name'));
      }
      if (funnelId !== null && !UUID.test(funnelId))
        throw DomainError.field(['funnelId'], 'must be a valid id');
      const media = await uploadImage({ db: services.database.db, member }, storesFor(c), {
        bytes,
        fileName,
        funnelId,
        alt: alt ? alt.slice(0, 300) : null,
      });
      return c.json(media, 201);
    } catch (err) {
      if (err instanceof DomainError) return errorResponse(c, err);
      throw err;
    }
  });

  app.get('/media/:id', async (c) =>
    mediaResponse(
      await findMedia(services.database.db, storesFor(c), c.req.param('id'), 'original'),
      c.req.header('if-none-match'),
    ),
  );
  app.get('/media/:id/thumb', async (c) =>
    mediaResponse(
      await findMedia(services.database.db, storesFor(c), c.req.param('id'), 'thumb'),
      c.req.header('if-none-match'),
    ),
  );
}
