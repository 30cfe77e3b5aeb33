import { getCampaign, getLatestOnboardingPayload } from '@mos/db';
import { DomainError } from '../../errors';
import type { CampaignById } from '../../schemas/campaigns';
import type { ServiceCtx } from '../context';
import { checkLlmStartLimit } from '../limits/llm-start';
import { startWorkflowRun } from '../workflows/start-run';

/**
 * Starts TestCampaign, the whole chain without gates, as a smoke test. No readiness gate: it builds its own
 * canon and metric schema, from the latest onboarding intake when there is one.
 */
export async function testRunCampaign({ ctx, input }: { ctx: ServiceCtx; input: CampaignById }) {
  await checkLlmStartLimit(ctx);
  const orgId = ctx.member.orgId;
  return ctx.db.transaction(async (tx) => {
    const campaign = await getCampaign(tx, orgId, input.id);
    if (!campaign) throw DomainError.notFound('campaign');
    const intake = await getLatestOnboardingPayload(tx, orgId, campaign.clientId);
    // Several smoke tests of one campaign may run side by side, so the id carries a short random suffix.
    const suffix = crypto.randomUUID().slice(0, 8);
    const run = await startWorkflowRun(ctx, tx, {
      kind: 'test_campaign',
      workflowId: `test-campaign-${campaign.id}-${suffix}`,
      clientId: campaign.clientId,
      campaignId: campaign.id,
      input: { onboardingPayloadId: intake?.id ?? null },
    });
    return { runId: run.id, workflowId: run.temporalWorkflowId };
  });
}
