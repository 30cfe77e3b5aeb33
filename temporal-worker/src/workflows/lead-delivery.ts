import type { LeadDeliveryInput, LeadDeliveryRetry } from '@mos/db/contracts';
import { isCancellation, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities/index';
import { acts, NON_RETRYABLE_ERROR_TYPES } from './shared/activities';
import { ownRunId } from './shared/own-run';
import { trackedRun } from './shared/run';

/** How LeadDelivery is started: by the sweep (no run row yet: `runId` absent) or with a run row. */
export interface LeadDeliveryStart extends Omit<LeadDeliveryInput, 'runId'> {
  runId?: string | null;
}

/** Retries back off from 30 s to an hour between attempts, for up to a day. */
export const DEFAULT_LEAD_DELIVERY_RETRY: LeadDeliveryRetry = {
  initialIntervalMs: 30_000,
  maximumIntervalMs: 60 * 60_000,
  totalMs: 24 * 60 * 60_000,
};

export type LeadDeliveryResult = { delivered: true; attempts: number; httpStatus: number };

/**
 * Delivers one lead to its funnel's webhook (workflow id `lead-delivery-<leadId>`, so a lead is delivered by
 * one run at a time). Each attempt is an activity that logs itself; Temporal's retry policy spaces them out
 * for up to a day. A final answer (4xx other than 408/429) or the window used up marks the lead failed.
 */
export async function LeadDelivery(
  input: LeadDeliveryStart,
): Promise<LeadDeliveryResult | { stopped: true }> {
  const runId = await ownRunId('lead_delivery', input);
  const retry = input.retry ?? DEFAULT_LEAD_DELIVERY_RETRY;
  const delivery = proxyActivities<Activities>({
    startToCloseTimeout: '30 seconds',
    scheduleToCloseTimeout: retry.totalMs,
    retry: {
      initialInterval: retry.initialIntervalMs,
      backoffCoefficient: 2,
      maximumInterval: retry.maximumIntervalMs,
      nonRetryableErrorTypes: [...NON_RETRYABLE_ERROR_TYPES, 'LeadDeliveryRefused'],
    },
  });
  const scope = { orgId: input.orgId, leadId: input.leadId };
  return trackedRun({ ...input, runId }, async (state) => {
    try {
      const sent = await state.runStep(
        'deliver',
        () => delivery.deliverLead(scope),
        (r) => r,
      );
      return { delivered: true, attempts: sent.attempt, httpStatus: sent.httpStatus };
    } catch (err) {
      if (isCancellation(err)) throw err;
      await state.runStep('mark_failed', () => acts.markLeadDeliveryFailed(scope));
      throw err;
    }
  });
}
