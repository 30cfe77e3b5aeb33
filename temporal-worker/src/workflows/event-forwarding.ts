import type { EventForwardingInput } from '@mos/db/contracts';
import { acts } from './shared/activities';
import { ownRunId } from './shared/own-run';
import { trackedRun } from './shared/run';

export interface EventForwardingStart extends Omit<EventForwardingInput, 'runId'> {
  runId?: string | null;
  /** Events per activity call (default 2000). */
  batch?: number;
}

/** A run forwards at most this many batches; the next sweep picks up what is left. */
const MAX_BATCHES = 10;

export interface EventForwardingResult {
  events: number;
  sent: { meta: number; ga4: number };
  skipped: number;
  failed: number;
}

/**
 * Forwards an org's waiting funnel events (of one funnel, or all) to Meta CAPI and GA4, batch by batch, each
 * batch an activity that records the outcome per event and destination (`event-forwarding-<funnelId>` when the
 * sweep starts it, so one run per funnel at a time).
 */
export async function EventForwarding(
  input: EventForwardingStart,
): Promise<EventForwardingResult | { stopped: true }> {
  const runId = await ownRunId('event_forwarding', input);
  return trackedRun({ ...input, runId }, async (state) => {
    const total: EventForwardingResult = { events: 0, sent: { meta: 0, ga4: 0 }, skipped: 0, failed: 0 };
    for (let i = 1; i <= MAX_BATCHES; i++) {
      const r = await state.runStep(
        `forward:${i}`,
        () =>
          acts.forwardFunnelEvents({
            orgId: input.orgId,
            funnelId: input.funnelId,
            ...(input.batch ? { limit: input.batch } : {}),
          }),
        (x) => x,
      );
      total.events += r.events;
      total.sent.meta += r.sent.meta;
      total.sent.ga4 += r.sent.ga4;
      total.skipped += r.skipped;
      total.failed += r.failed;
      if (!r.more) break;
    }
    return total;
  });
}
