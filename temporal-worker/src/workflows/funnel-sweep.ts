import { type LeadDeliveryRetry, WORKFLOW_TYPE_NAMES } from '@mos/db/contracts';
import { ParentClosePolicy, startChild } from '@temporalio/workflow';
import type { EventForwardingStart } from './event-forwarding';
import type { LeadDeliveryStart } from './lead-delivery';
import { acts } from './shared/activities';

export interface FunnelSweepInput {
  /** Passed to every LeadDelivery it starts (tests shorten the retry schedule). */
  leadRetry?: LeadDeliveryRetry;
  /** Leads and funnels looked at per sweep (default 500 and 200). */
  leadLimit?: number;
  funnelLimit?: number;
}

export interface FunnelSweepResult {
  leadsStarted: number;
  leadsRunning: number;
  forwardingStarted: number;
  forwardingRunning: number;
}

/**
 * The per-minute funnel sweep (a Temporal Schedule starts it): a LeadDelivery per lead waiting for delivery and
 * an EventForwarding per funnel with events to forward, in any org. Each is started under its business id, so a
 * delivery or forwarding still running is not started twice; they outlive the sweep (parent close: abandon).
 */
export async function FunnelSweep(input: FunnelSweepInput = {}): Promise<FunnelSweepResult> {
  const out: FunnelSweepResult = {
    leadsStarted: 0,
    leadsRunning: 0,
    forwardingStarted: 0,
    forwardingRunning: 0,
  };
  const start = async (type: string, workflowId: string, args: unknown[]): Promise<boolean> => {
    try {
      await startChild(type, { workflowId, args, parentClosePolicy: ParentClosePolicy.ABANDON });
      return true;
    } catch (err) {
      // The SDK's error class lives in @temporalio/common, which workflow code here does not import; its name
      // is the class's own (set by the SDK, not a message).
      if (err instanceof Error && err.name === 'WorkflowExecutionAlreadyStartedError') return false;
      throw err;
    }
  };

  const leads = await acts.listPendingLeads({ limit: input.leadLimit ?? 500 });
  for (const lead of leads) {
    const args: LeadDeliveryStart = {
      orgId: lead.orgId,
      clientId: lead.clientId,
      campaignId: null,
      startedBy: null,
      leadId: lead.leadId,
      ...(input.leadRetry ? { retry: input.leadRetry } : {}),
    };
    if (await start(WORKFLOW_TYPE_NAMES.lead_delivery, `lead-delivery-${lead.leadId}`, [args]))
      out.leadsStarted += 1;
    else out.leadsRunning += 1;
  }

  const funnels = await acts.listFunnelsToForward({ limit: input.funnelLimit ?? 200 });
  for (const f of funnels) {
    const args: EventForwardingStart = {
      orgId: f.orgId,
      clientId: f.clientId,
      campaignId: null,
      startedBy: null,
      funnelId: f.funnelId,
    };
    if (await start(WORKFLOW_TYPE_NAMES.event_forwarding, `event-forwarding-${f.funnelId}`, [args]))
      out.forwardingStarted += 1;
    else out.forwardingRunning += 1;
  }
  return out;
}
