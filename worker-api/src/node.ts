import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { type Http2Bindings, type HttpBindings, serve } from '@hono/node-server';
import type { Database } from '@mos/db';
import { createDb, localFolderMediaStore } from '@mos/db/node';
import { createApp } from './app';
import { localSignIn } from './auth/local';
import { loadOrCreateLocalKeys } from './auth/local-keys-node';
import type { NodePeerBindings } from './auth/peer';
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
  const services = buildServices({
    env,
    database,
    gateway,
    localKeys,
    localMediaStore: env.MEDIA_DIR ? localFolderMediaStore(resolve(ROOT, env.MEDIA_DIR)) : null,
  });
  const app = createApp({
    env,
    services,
    localSignIn: localKeys ? localSignIn(localKeys) : undefined,
    onError: (err, path) =>
      console.error(`[api] ${path ?? '?'} failed:`, err instanceof Error ? err.message : err),
  });
  const host = source.HOST ?? '127.0.0.1';
  const server = serve({
    // The peer address comes from the socket, for the local sign-in route's loopback guard.
    fetch: async (req: Request, env: HttpBindings | Http2Bindings) => {
      // Plain HTTP/1.1 here (no `createServer` option), so the bindings are always HttpBindings.
      const node = env as HttpBindings;
      const bindings: NodePeerBindings = { peerAddress: node.incoming.socket.remoteAddress };
      const res = await app.fetch(req, bindings);
      // A response sent before the request body was read (413, 401 on a large POST): the server cannot keep
      // this connection (it stops draining after a while and drops it), so say so instead of keep-alive.
      if (!node.incoming.complete) node.outgoing.setHeader('connection', 'close');
      return res;
    },
    port: Number(source.PORT ?? 8787),
    hostname: host,
  });
  // PORT=0 binds a free port; the one bound is read back (tests and the e2e stack use it).
  await new Promise<void>((done, fail) => {
    if (server.listening) return done();
    server.once('listening', () => done());
    server.once('error', fail);
  });
  const port = (server.address() as AddressInfo).port;
  console.log(
    `[api] listening on http://${host}:${port} (auth ${env.AUTH_MODE}, db ${database.driver}, workflows ${gatewayKind})`,
  );
  return {
    server,
    port,
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
