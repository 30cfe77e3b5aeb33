/**
 * The MOS worker as a separate process, for tests that kill it (crash safety): the production bootstrap
 * (`startMosWorker`, as main.ts runs it) from the environment. Prints `worker ready` once it polls; SIGTERM shuts it
 * down gracefully, SIGKILL is the crash under test.
 *
 *   DATABASE_URL  TEMPORAL_ADDRESS  TEMPORAL_NAMESPACE  TEMPORAL_TASK_QUEUE  OPENAI_BASE_URL  OPENAI_MODEL
 *   MOS_WORKFLOW_BUNDLE  (optional) a file holding a prebuilt workflow bundle, so restarts skip bundling
 */
import { readFileSync } from 'node:fs';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { startMosWorker } from '../../src/bootstrap';

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const bundlePath = process.env.MOS_WORKFLOW_BUNDLE;
  const proc = await startMosWorker({
    source: process.env,
    schedules: false,
    log: () => undefined,
    ...(bundlePath ? { workflowBundle: { code: readFileSync(bundlePath, 'utf8') } } : {}),
  });
  process.once('SIGTERM', () => {
    void proc.close();
  });
  console.log('worker ready');
  await proc.running;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
