import { CancellationScope, condition, isCancellation } from '@temporalio/workflow';
import { type RunState, StopRequested } from './run';

/**
 * Runs a long step (an LLM call) so that a `stop` signal does not wait for it: the step's scope is cancelled as
 * soon as a stop is requested (the activity is asked to cancel at its next heartbeat) and the run stops with
 * StopRequested. Without a stop it behaves exactly like `body()`. An answer the model already gave may still be
 * stored by the activity as a draft of the stopped run.
 */
export async function stoppable<T>(state: RunState, body: () => Promise<T>): Promise<T> {
  state.throwIfStopped();
  const work = new CancellationScope();
  const watcher = new CancellationScope();
  void watcher
    .run(() => condition(() => state.stopRequested))
    .then(
      () => work.cancel(),
      () => undefined,
    );
  try {
    return await work.run(body);
  } catch (err) {
    if (state.stopRequested && isCancellation(err)) throw new StopRequested();
    throw err;
  } finally {
    watcher.cancel();
  }
}
