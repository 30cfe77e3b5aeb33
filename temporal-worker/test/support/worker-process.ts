/**
 * The MOS worker as a separate process, for tests that kill it (crash safety): the same worker `startStack`
 * runs in-process, built from the environment. Prints `worker ready` once it polls; SIGTERM shuts it down
 * gracefully, SIGKILL is the crash under test.
 *
 *   DATABASE_URL  TEMPORAL_ADDRESS  TEMPORAL_NAMESPACE  TEMPORAL_TASK_QUEUE  OPENAI_BASE_URL  OPENAI_MODEL
 *   MOS_WORKFLOW_BUNDLE  (optional) a file holding a prebuilt workflow bundle, so restarts skip bundling
 */
import { readFileSync } from 'node:fs';
import { createDb } from '@mos/db/node';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { z } from 'zod';
import { createLlmClient } from '../../src/llm/client';
import { createMosWorker } from '../../src/worker';

const Env = z.object({
  DATABASE_URL: z.string().min(1),
  TEMPORAL_ADDRESS: z.string().min(1),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1),
  OPENAI_BASE_URL: z.string().url(),
  OPENAI_MODEL: z.string().min(1).default('gpt-5.2'),
  MOS_WORKFLOW_BUNDLE: z.string().min(1).optional(),
});

async function main(): Promise<void> {
  const parsed = Env.safeParse(process.env);
  if (!parsed.success) {
    throw new Error(
      `worker-process: invalid environment: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`,
    );
  }
  const env = parsed.data;
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const database = await createDb(env.DATABASE_URL);
  const connection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
  const llm = createLlmClient({
    db: database.db,
    apiKey: 'sk-test-stand-in',
    baseURL: env.OPENAI_BASE_URL,
    model: env.OPENAI_MODEL,
  });
  const worker = await createMosWorker({
    connection,
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    deps: { db: database.db, llm, clock: () => new Date() },
    ...(env.MOS_WORKFLOW_BUNDLE
      ? { workflowBundle: { code: readFileSync(env.MOS_WORKFLOW_BUNDLE, 'utf8') } }
      : {}),
  });
  process.once('SIGTERM', () => worker.shutdown());
  const running = worker.run();
  console.log('worker ready');
  await running;
  await connection.close();
  await database.close();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
