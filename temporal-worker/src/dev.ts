import type { Database } from '@mos/db';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { startMosWorker } from './bootstrap';

/** The worker inside `pnpm dev`'s process, on the database the API also uses (one PGlite). */
export async function startWorkerInProcess(source: Record<string, string | undefined>, database: Database) {
  // Keep the combined dev log readable: SDK lines get the worker's prefix and only warnings and up.
  Runtime.install({
    logger: new DefaultLogger('WARN', (entry) => console.log(`[worker] ${entry.level} ${entry.message}`)),
  });
  // Leads submitted in dev reach their webhook: the funnel sweep runs, the weekly playbook schedules do not.
  const proc = await startMosWorker({ source, database, schedules: false, funnelSweep: true });
  return { close: proc.close };
}
