import { trpcServer } from '@hono/trpc-server';
import { pingDatabase } from '@mos/db';
import { FUNNEL_IMAGE_MAX_BYTES, USER_ROLES } from '@mos/db/contracts';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import * as z from 'zod';
import type { LocalSignIn } from './auth/local';
import { isLoopbackAddress, peerAddressOf } from './auth/peer';
import { type AppServices, createContext } from './context';
import type { ApiEnv } from './env';
import { DomainError } from './errors';
import { type PublicFunnelOptions, publicFunnelRoutes } from './public/funnels';
import { appRouter } from './routers/index';
import { registerMediaRoutes } from './routes/media';
import { selectMediaStores } from './services/media/store';

export const MAX_BODY_BYTES = 1024 * 1024;
/** Ad-library imports and CSV snapshot uploads carry many rows in one request; everything else stays under 1 MB. */
export const MAX_IMPORT_BODY_BYTES = 16 * 1024 * 1024;
/** Unbatched calls only: a batch's path lists several procedures and keeps the 1 MB limit. */
const IMPORT_PATHS = new Set([
  '/trpc/swipes.company.import',
  '/trpc/snapshots.previewCsv',
  '/trpc/snapshots.importCsv',
]);

const LocalTokenRequest = z.strictObject({
  email: z.email({ message: 'must be an email address' }).max(200),
  orgId: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, - or _'),
  orgName: z.string().trim().min(1).max(200).optional(),
  name: z.string().trim().min(1).max(200).optional(),
  role: z.enum(USER_ROLES),
});

/** The Retry-After of a rate-limited call (the largest asked for when a batch holds several). */
function retryAfterOf(errors: readonly { cause?: unknown }[]): number | null {
  let seconds: number | null = null;
  for (const e of errors) {
    const s = e.cause instanceof DomainError ? e.cause.retryAfterSeconds : null;
    if (s !== null && (seconds === null || s > seconds)) seconds = s;
  }
  return seconds;
}

export interface AppOptions {
  env: Pick<ApiEnv, 'AUTH_MODE' | 'MOS_ENV' | 'WEB_ORIGINS'>;
  services: AppServices;
  /**
   * Present only in local auth mode (the Node entry): signs the dev sign-in route's tokens. Passed in rather than
   * imported, so the Workers bundle, which never signs in locally, carries no JWT signer.
   */
  localSignIn?: LocalSignIn | undefined;
  onError?: (err: unknown, path: string | undefined) => void;
  /** The public funnel routes' options beyond the database (media store, limiters, cache TTL). */
  funnels?: Omit<PublicFunnelOptions, 'database'>;
}

/** The one Hono app behind both entries (Workers and Node). */
export function createApp(opts: AppOptions) {
  const { env, services } = opts;
  const app = new Hono();

  // Published funnel pages and their public ingest, first: anonymous visitors (before and outside auth), same-origin
  // (no CORS), and bodies bounded at 64 KB by the runtime itself while they stream, so the API's middleware is skipped.
  // Their media come from the same stores as `/media/:id` (services/media/store.ts) unless a test injects others.
  app.route(
    '/',
    publicFunnelRoutes({
      media: (bindings) => selectMediaStores({ bindings, localFolder: services.localMediaStore }).forStorage,
      ...opts.funnels,
      database: services.database,
    }),
  );

  app.use(
    '*',
    cors({
      origin: env.WEB_ORIGINS,
      allowHeaders: ['authorization', 'content-type', 'trpc-accept', 'x-trpc-source', 'x-file-name'],
      allowMethods: ['GET', 'POST', 'OPTIONS'],
      exposeHeaders: ['retry-after'],
      maxAge: 600,
    }),
  );

  const tooLarge = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) =>
      c.json({ error: { code: 'PAYLOAD_TOO_LARGE', message: 'request body exceeds 1 MB' } }, 413),
  });
  const importLimit = bodyLimit({
    maxSize: MAX_IMPORT_BODY_BYTES,
    onError: (c) => c.json({ error: { code: 'PAYLOAD_TOO_LARGE', message: 'import exceeds 16 MB' } }, 413),
  });
  // An upload's multipart framing comes on top of the image: the image's own size is checked after parsing.
  const mediaLimit = bodyLimit({
    maxSize: FUNNEL_IMAGE_MAX_BYTES + 64 * 1024,
    onError: (c) =>
      c.json(
        {
          error: {
            code: 'PAYLOAD_TOO_LARGE',
            message: `the image is larger than ${FUNNEL_IMAGE_MAX_BYTES / (1024 * 1024)} MB`,
          },
        },
        413,
      ),
  });
  app.use('*', (c, next) =>
    IMPORT_PATHS.has(c.req.path)
      ? importLimit(c, next)
      : c.req.path === '/media' && c.req.method === 'POST'
        ? mediaLimit(c, next)
        : tooLarge(c, next),
  );

  app.get('/health', (c) => c.json({ ok: true }));
  app.get('/health/db', async (c) => {
    try {
      await pingDatabase(services.database.db);
      return c.json({ db: 'ok' });
    } catch {
      return c.json({ db: 'error' }, 503);
    }
  });

  registerMediaRoutes(app, services);

  const signIn = opts.localSignIn;
  if (env.AUTH_MODE === 'local' && env.MOS_ENV !== 'production' && signIn) {
    app.post('/auth/local/token', async (c) => {
      // Its own guard, whatever the env says: a token for any org and role goes to this machine's callers only.
      const peer = peerAddressOf(c.env);
      if (!peer || !isLoopbackAddress(peer)) {
        return c.json(
          { error: { code: 'FORBIDDEN', message: 'local sign-in answers loopback callers only' } },
          403,
        );
      }
      const body = await c.req.json().catch(() => null);
      const parsed = LocalTokenRequest.safeParse(body);
      if (!parsed.success) {
        const fieldErrors = parsed.error.issues.map((i) => ({ path: i.path, message: i.message }));
        const names = fieldErrors.map((f) => f.path.join('.') || 'body').join(', ');
        return c.json(
          { error: { code: 'BAD_REQUEST', message: `invalid fields: ${names}`, fieldErrors } },
          400,
        );
      }
      const token = await signIn(parsed.data, {
        authorizedParty: env.WEB_ORIGINS[0] ?? 'http://localhost:5173',
      });
      return c.json({ token });
    });
  }

  app.use(
    '/trpc/*',
    trpcServer({
      router: appRouter,
      endpoint: '/trpc',
      allowBatching: true,
      createContext: (_opts, c) =>
        createContext(services, c.req.raw, c.env) as unknown as Promise<Record<string, unknown>>,
      responseMeta: ({ errors }) => {
        const retryAfter = retryAfterOf(errors);
        return retryAfter === null ? {} : { headers: { 'retry-after': String(retryAfter) } };
      },
      onError: ({ error, path }) => {
        if (error.code === 'INTERNAL_SERVER_ERROR') opts.onError?.(error.cause ?? error, path);
      },
    }),
  );

  return app;
}
