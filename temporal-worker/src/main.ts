import { exitOnSignals, startMosWorker } from './bootstrap';

/**
 * The long-lived temporal-worker process (Hetzner in production): the Temporal Worker for every workflow and
 * activity and, when WORKFLOW_RELAY_SECRET is set, the signed relay worker-api on Workers reaches Temporal by.
 */
if (import.meta.url === `file://${process.argv[1]}`) {
  const proc = await startMosWorker({ source: process.env });
  exitOnSignals(proc.close);
  await proc.running;
}
