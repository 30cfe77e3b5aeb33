import { resolve } from 'node:path';
import { serve } from '@hono/node-server';
import type { Database } from '@mos/db';
import { createDb } from '@mos/db/node';
import { createApp } from './app';
import { loadOrCreateLocalKeys } from './auth/local-keys-node';
import { parseApiEnv } from './env';
import { TemporalClientGateway } from './gateway/client';
import { selectWorkflowGateway } from './gateway/select';
import { buildServices } from './services';

const ROOT = resolve(import.meta.dirname, '../..');

/** Starts worker-api on Node (local development): PGlite or Postgres, Temporal through @temporalio/client. */
export async function startNodeServer(
  source: Record<string, string | undefined> = process.env,
  opts: { database?: Database } = {},
) {
  const env = parseApiEnv({ DATABASE_URL: `pglite:${resolve(ROOT, '.mos/pglite')}`, ...source });
  // `pnpm dev` shares one PGlite between the API and the worker in one process (PGlite is single-process).
  const database = opts.database ?? (await createDb(env.DATABASE_URL));
  const { kind: gatewayKind, gateway } = selectWorkflowGateway(env, {
    runtime: 'node',
    client: (cfg) => new TemporalClientGateway(cfg),
  });
  const localKeys =
    env.AUTH_MODE === 'local'
      ? await loadOrCreateLocalKeys(source.MOS_LOCAL_DIR ?? resolve(ROOT, '.mos'))
      : undefined;
  const services = buildServices({ env, database, gateway, localKeys });
  const app = createApp({
    env,
    services,
    localKeys,
    onError: (err, path) =>
      console.error(`[api] ${path ?? '?'} failed:`, err instanceof Error ? err.message : err),
  });
  const port = Number(source.PORT ?? 8787);
  const server = serve({ fetch: app.fetch, port, hostname: source.HOST ?? '127.0.0.1' });
  console.log(
    `[api] listening on http://${source.HOST ?? '127.0.0.1'}:${port} (auth ${env.AUTH_MODE}, db ${database.driver}, workflows ${gatewayKind})`,
  );
  return {
    server,
    async close() {
      await new Promise<void>((done) => server.close(() => done()));
      if (gateway instanceof TemporalClientGateway) await gateway.close();
      if (!opts.database) await database.close();
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const running = await startNodeServer();
  const stop = () => {
    void running.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
