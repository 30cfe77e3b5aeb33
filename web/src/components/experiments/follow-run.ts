/** What `followRun` reads of a run at each look (`workflows.get`'s run row). */
export interface RunLook {
  status: string;
  error: string | null;
}

/** A run that ended without completing: its error in words (the worker's refusal, e.g. the field to state). */
export class RunFailedError extends Error {
  override name = 'RunFailedError';
  constructor(
    message: string,
    readonly status: string,
  ) {
    super(message);
  }
}

/**
 * Follows a run the page started until it ends: resolves when it completed, throws a RunFailedError with the run's
 * error when it failed or was stopped, and gives up after `timeoutMs` (the run goes on; the runs page shows it).
 * `experiments.changePlan` answers with a run: the new phase exists only once that run completed.
 */
export async function followRun(
  look: () => Promise<RunLook>,
  opts: { intervalMs?: number; timeoutMs?: number; sleep?: (ms: number) => Promise<void> } = {},
): Promise<void> {
  const interval = opts.intervalMs ?? 1000;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const deadline = Date.now() + (opts.timeoutMs ?? 120_000);
  for (;;) {
    const run = await look();
    if (run.status === 'completed') return;
    if (run.status === 'failed') throw new RunFailedError(run.error ?? 'the run failed', run.status);
    if (run.status === 'cancelled') throw new RunFailedError('the run was stopped', run.status);
    if (Date.now() >= deadline)
      throw new RunFailedError('still running: follow it on the runs page', run.status);
    await sleep(interval);
  }
}
