import type { Database } from '@mos/db';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { parseWorkerEnv } from './env';
import { createLlmClient } from './llm/index';
import { createMosWorker } from './worker';

/** The worker inside `pnpm dev`'s process, on the database the API also uses (one PGlite). */
export async function startWorkerInProcess(source: Record<string, string | undefined>, database: Database) {
  const env = parseWorkerEnv(source);
  // Keep the combined dev log readable: SDK lines get the worker's prefix and only warnings and up.
  Runtime.install({
    logger: new DefaultLogger('WARN', (entry) => console.log(`[worker] ${entry.level} ${entry.message}`)),
  });
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
  const running = worker.run();
  running.catch((err: unknown) =>
    console.error('[worker] stopped:', err instanceof Error ? err.message : err),
  );
  console.log(`[worker] polling task queue ${env.TEMPORAL_TASK_QUEUE}`);
  return {
    async close() {
      worker.shutdown();
      await running.catch(() => undefined);
      await connection.close();
    },
  };
}
