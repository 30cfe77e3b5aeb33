import type { Database } from '@mos/db';
import { consumeFunnelQueue, type QueueMessageLike } from '@mos/db/funnel-runtime';
import { createNeonDb, neonConfig } from '@mos/db/neon';
import type { ExecutionContext } from 'hono';
import { createApp } from './app';
import { parseApiEnv } from './env';
import { selectWorkflowGateway } from './gateway/select';
import { buildServices } from './services';

type Bindings = Record<string, string | undefined>;
let cached: { key: Bindings; app: ReturnType<typeof createApp>; database: Database } | null = null;

/** Built once per isolate: env validation, the Neon client, token verifier and member cache. */
function appFor(bindings: Bindings) {
  return isolateFor(bindings).app;
}

function isolateFor(bindings: Bindings) {
  if (cached && cached.key === bindings) return cached;
  const env = parseApiEnv({ MOS_ENV: 'production', ...bindings });
  if (env.AUTH_MODE === 'local')
    throw new Error('worker-api on Workers needs Clerk (CLERK_JWT_KEY or CLERK_SECRET_KEY)');
  // Only local stand-ins/tests set these; on Neon the driver's defaults apply.
  if (env.NEON_FETCH_ENDPOINT) neonConfig.fetchEndpoint = env.NEON_FETCH_ENDPOINT;
  if (env.NEON_WS_PROXY) {
    neonConfig.wsProxy = env.NEON_WS_PROXY;
    neonConfig.useSecureWebSocket = false;
    neonConfig.pipelineConnect = false;
    neonConfig.pipelineTLS = false;
  }
  const database = createNeonDb(env.DATABASE_URL);
  // Workers cannot run @temporalio/client: relay (default when WORKFLOW_RELAY_URL is set), http or none.
  const { gateway } = selectWorkflowGateway(env, { runtime: 'workers' });
  const app = createApp({
    env,
    services: buildServices({ env, database, gateway }),
    onError: (err, path) =>
      console.error(`[api] ${path ?? '?'} failed:`, err instanceof Error ? err.message : 'error'),
  });
  cached = { key: bindings, app, database };
  return cached;
}

export default {
  fetch(request: Request, bindings: Bindings, ctx: ExecutionContext): Response | Promise<Response> {
    return appFor(bindings).fetch(request, bindings, ctx);
  },
  /**
   * The FUNNEL_EVENTS consumer: the public ingest enqueues validated rows; each delivered batch becomes one
   * multi-row insert per table (idempotent), acked per message, retried per message when it cannot be stored.
   */
  async queue(batch: { messages: readonly QueueMessageLike[] }, bindings: Bindings): Promise<void> {
    const { database } = isolateFor(bindings);
    await consumeFunnelQueue(batch.messages, database.db, (line) => console.error(line));
  },
};
