import { createDb } from '@mos/db/node';
import { z } from 'zod';
import { funnelProxyMedia, startFunnelProxy } from './server';

/**
 * The funnel proxy alone, without the Temporal Worker (`pnpm --filter @mos/temporal-worker funnel-proxy`): for a
 * host that serves custom domains apart from the workers, and for `pnpm bench:funnels`, which runs it as its own
 * process. Prints `[funnel-proxy] listening on <url>` once it accepts requests (FUNNEL_PROXY_PORT=0: a free port).
 */
const FunnelProxyEnv = z.object({
  DATABASE_URL: z.string().min(1),
  FUNNEL_PROXY_PORT: z.coerce.number().int().min(0).max(65535).default(8790),
  FUNNEL_PROXY_HOST: z.string().default('127.0.0.1'),
  MEDIA_DIR: z.string().min(1).optional(),
});

export async function startFunnelProxyProcess(source: Record<string, string | undefined>) {
  const parsed = FunnelProxyEnv.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new Error(`funnel proxy environment is invalid:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  const database = await createDb(env.DATABASE_URL);
  const proxy = await startFunnelProxy({
    db: database.db,
    port: env.FUNNEL_PROXY_PORT,
    host: env.FUNNEL_PROXY_HOST,
    media: funnelProxyMedia(env.MEDIA_DIR),
  });
  console.log(`[funnel-proxy] listening on ${proxy.url}`);
  return {
    proxy,
    async close() {
      await proxy.close();
      await database.close();
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const proc = await startFunnelProxyProcess(process.env);
  // Its own signal handling: importing the worker's bootstrap would load every workflow activity for nothing.
  const stop = () => {
    proc.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
