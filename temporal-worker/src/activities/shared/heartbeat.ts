import { asyncLocalStorage } from '@temporalio/activity';

/** How often a long activity tells Temporal it is alive (its heartbeat timeout is 15 s). */
export const HEARTBEAT_INTERVAL_MS = 3_000;

/**
 * Runs `work` while heartbeating, so a worker that dies mid-call is noticed within the heartbeat timeout.
 * Outside an activity (unit tests of helpers) it just runs `work`.
 */
export async function withHeartbeat<T>(work: () => Promise<T>): Promise<T> {
  const ctx = asyncLocalStorage.getStore();
  if (!ctx) return work();
  ctx.heartbeat();
  const timer = setInterval(() => ctx.heartbeat(), HEARTBEAT_INTERVAL_MS);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
