import { temporalConnectionOptions } from '@mos/db/contracts';
import { exitOnSignals } from '../bootstrap';
import { parseRelayEnv } from '../env';
import { startRelayServer } from './server';
import { clientRelayTemporal, lazyTemporalClient } from './temporal';

/**
 * The relay alone, without the Worker (`pnpm --filter @mos/temporal-worker relay`): for a host that serves
 * worker-api's relay apart from the workers, and for worker-api's gateway tests, which run it as a process.
 * Prints `[relay] listening on <url>` once it accepts requests (RELAY_PORT=0 picks a free port).
 */
export async function startRelayProcess(source: Record<string, string | undefined>) {
  const env = parseRelayEnv(source);
  const client = lazyTemporalClient({
    connection: temporalConnectionOptions(env),
    namespace: env.TEMPORAL_NAMESPACE,
  });
  const relay = await startRelayServer({
    port: env.RELAY_PORT,
    host: env.RELAY_HOST,
    secret: env.WORKFLOW_RELAY_SECRET,
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    temporal: clientRelayTemporal(client.get),
    onError: (e) => console.error(`[relay] ${e.op} answered ${e.status} (${e.code})`),
  });
  console.log(`[relay] listening on ${relay.url}`);
  return {
    relay,
    async close() {
      await relay.close();
      await client.close();
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const proc = await startRelayProcess(process.env);
  exitOnSignals(proc.close);
}
