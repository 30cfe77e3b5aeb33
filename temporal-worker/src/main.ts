import { createDb } from '@mos/db/node';
import { TemporalClientGateway } from '@mos/worker-api/gateway/client';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { parseWorkerEnv } from './env';
import { createLlmClient } from './llm/index';
import { startRelayServer } from './relay/server';
import { ensurePlaybookSchedules } from './schedules';
import { createMosWorker } from './worker';

/**
 * The long-lived temporal-worker process (Hetzner in production): the Temporal Worker for every
 * workflow and activity, and — when WORKFLOW_RELAY_SECRET is set — the signed relay gateway that
 * worker-api on Workers uses to reach Temporal.
 */
export async function startWorkerProcess(source: Record<string, string | undefined> = process.env) {
  const env = parseWorkerEnv(source);
  const database = await createDb(env.DATABASE_URL);
  const llm = createLlmClient({
    db: database.db,
    apiKey: env.OPENAI_API_KEY ?? 'not-needed-for-this-server',
    baseURL: env.OPENAI_BASE_URL,
    model: env.OPENAI_MODEL,
    webSearch: env.OPENAI_WEB_SEARCH,
  });
  const connection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
  const worker = await createMosWorker({
    connection,
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    deps: { db: database.db, llm, clock: () => new Date() },
  });
  console.log(`[worker] polling task queue ${env.TEMPORAL_TASK_QUEUE} on ${env.TEMPORAL_ADDRESS}`);
  const running = worker.run();
  // Weekly PlaybookUpdate per org (created or updated; idempotent across restarts).
  const scheduleClient = new Client({
    connection: await Connection.connect({ address: env.TEMPORAL_ADDRESS }),
    namespace: env.TEMPORAL_NAMESPACE,
  });
  const schedules = await ensurePlaybookSchedules(scheduleClient, database.db, {
    taskQueue: env.TEMPORAL_TASK_QUEUE,
  });
  console.log(`[worker] playbook schedules ensured for ${schedules.length} org(s)`);
  await scheduleClient.connection.close();
  // The signed relay worker-api on Workers reaches Temporal through (it cannot run @temporalio/client).
  const relayGateway = env.WORKFLOW_RELAY_SECRET
    ? new TemporalClientGateway({ address: env.TEMPORAL_ADDRESS, namespace: env.TEMPORAL_NAMESPACE })
    : null;
  const relay =
    relayGateway && env.WORKFLOW_RELAY_SECRET
      ? await startRelayServer({
          port: env.RELAY_PORT,
          host: env.RELAY_HOST,
          secret: env.WORKFLOW_RELAY_SECRET,
          gateway: relayGateway,
          onError: (e) => console.error(`[relay] ${e.op} answered ${e.status} (${e.code})`),
        })
      : null;
  if (relay) console.log(`[relay] listening on ${relay.url}`);
  return {
    worker,
    async close() {
      await relay?.close();
      await relayGateway?.close();
      worker.shutdown();
      await running;
      await connection.close();
      await database.close();
    },
    running,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const proc = await startWorkerProcess();
  const stop = () => {
    void proc.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  await proc.running;
}
