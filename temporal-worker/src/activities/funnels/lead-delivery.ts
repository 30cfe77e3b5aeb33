import { createHmac } from 'node:crypto';
import {
  listPendingLeadDeliveries,
  loadLeadForDelivery,
  readSecret,
  recordLeadDeliveryAttempt,
  setLeadDeliveryStatus,
} from '@mos/db';
import { FunnelSettings } from '@mos/db/contracts';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { type ActivityDeps, NotFoundError } from '../deps';
import { ensureOwnRunRow, type OwnRunRow } from '../shared/own-run-row';

/** ApplicationFailure type of a delivery that cannot succeed by retrying (a 4xx, no webhook, no secret). */
export const LEAD_DELIVERY_REFUSED = 'LeadDeliveryRefused';
const EXCERPT_MAX = 500;
const TIMEOUT_MS = 10_000;

/** `X-MOS-Signature`: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` (the receiver recomputes it). */
export function signLeadPayload(secret: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${mac}`;
}

/** 4xx is the receiver saying no, for good; 408 (timeout) and 429 (slow down) are worth another try. */
export const isFinalStatus = (status: number) =>
  status >= 400 && status < 500 && status !== 408 && status !== 429;

function attemptNumber(): number {
  try {
    return Context.current().info.attempt;
  } catch {
    return 1;
  }
}

const refused = (message: string) => ApplicationFailure.nonRetryable(message, LEAD_DELIVERY_REFUSED);

export function leadDeliveryActivities(deps: ActivityDeps) {
  const { db } = deps;
  return {
    /** Leads waiting for delivery (any org), for the sweep. */
    async listPendingLeads(input: { limit: number }) {
      return listPendingLeadDeliveries(db, input.limit);
    },

    /**
     * A run row for a workflow the sweep started (no API start made one): the id is chosen by the workflow, so a
     * retried insert finds it.
     */
    async ensureOwnRunRow(input: OwnRunRow): Promise<{ runId: string }> {
      await ensureOwnRunRow(db, input, 'sweep:start');
      return { runId: input.id };
    },

    /**
     * One delivery attempt: POSTs the lead as JSON to the funnel's webhook, signed with the org secret it names,
     * and logs the attempt (status, excerpt of at most 500 characters, duration). 2xx: delivered. A 4xx other than
     * 408/429 is final (non-retryable); anything else throws so Temporal's retry policy tries again later.
     */
    async deliverLead(input: {
      orgId: string;
      leadId: string;
    }): Promise<{ attempt: number; httpStatus: number }> {
      const lead = await loadLeadForDelivery(db, input.orgId, input.leadId);
      if (!lead) throw new NotFoundError(`lead ${input.leadId}`);
      if (lead.deliveryStatus === 'delivered') return { attempt: 0, httpStatus: 0 };
      const settings = FunnelSettings.parse(lead.settings ?? {});
      if (!settings.leadWebhookUrl) throw refused(`funnel '${lead.funnelName}' has no lead webhook URL`);
      if (!settings.leadWebhookSecret)
        throw refused(`funnel '${lead.funnelName}' names no webhook signing secret`);
      if (!deps.secretsKey) throw refused('MOS_SECRETS_KEY is not configured: the webhook cannot be signed');
      const secret = await readSecret(db, deps.secretsKey, input.orgId, settings.leadWebhookSecret);
      if (secret === null) throw refused(`the org has no secret named ${settings.leadWebhookSecret}`);

      const body = JSON.stringify({
        type: 'lead.created',
        id: lead.id,
        funnelId: lead.funnelId,
        funnelName: lead.funnelName,
        publicationId: lead.publicationId,
        pageId: lead.pageId,
        variantId: lead.variantId,
        formBlockId: lead.blockId,
        submissionId: lead.submissionId,
        visitorId: lead.visitorId,
        email: lead.email,
        fields: lead.fields,
        consent: lead.consent,
        utm: lead.utm,
        clickIds: lead.clickIds,
        host: lead.host,
        createdAt: lead.createdAt.toISOString(),
      });
      const timestamp = Math.floor(deps.clock().getTime() / 1000);
      const attempt = attemptNumber();
      const started = performance.now();
      const url = settings.leadWebhookUrl;
      let status: number | null = null;
      let excerpt: string | null = null;
      let error: string | null = null;
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'user-agent': 'MOS-Webhooks/1',
            'x-mos-signature': signLeadPayload(secret, timestamp, body),
            // The same id on every attempt: a receiver that saw it already can drop the repeat.
            'x-mos-delivery': lead.id,
          },
          body,
          redirect: 'manual',
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
        status = res.status;
        excerpt = (await res.text().catch(() => '')).slice(0, EXCERPT_MAX);
      } catch (err) {
        error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      }
      const ok = status !== null && status >= 200 && status < 300;
      await recordLeadDeliveryAttempt(db, {
        orgId: input.orgId,
        leadId: lead.id,
        attempt,
        url,
        ok,
        httpStatus: status,
        responseExcerpt: excerpt,
        error: error ?? (ok ? null : `HTTP ${status}`),
        durationMs: Math.round(performance.now() - started),
      });
      if (ok && status !== null) {
        await setLeadDeliveryStatus(db, input.orgId, lead.id, 'delivered');
        return { attempt, httpStatus: status };
      }
      if (status !== null && isFinalStatus(status)) {
        throw refused(`the webhook answered HTTP ${status}: not retried`);
      }
      throw ApplicationFailure.retryable(
        status === null ? `webhook unreachable (${error})` : `the webhook answered HTTP ${status}`,
        'LeadDeliveryFailed',
      );
    },

    /** The lead's delivery is over without success (a final answer, or the retry window used up). */
    async markLeadDeliveryFailed(input: { orgId: string; leadId: string }): Promise<void> {
      await setLeadDeliveryStatus(db, input.orgId, input.leadId, 'failed');
    },
  };
}
