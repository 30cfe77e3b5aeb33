import { findActiveCampaignRun, lockCampaign, updateCampaign } from '@mos/db';
import { DomainError } from '../../errors';
import type { CampaignById } from '../../schemas/campaigns';
import type { ServiceCtx } from '../context';
import { checkLlmStartLimit } from '../limits/llm-start';
import { loadReadiness } from '../onboarding/readiness';
import { startWorkflowRun } from '../workflows/start-run';

/**
 * Starts CampaignPlanning once the client has an approved canon and metric schema. The campaign row is
 * locked for the transaction, so two concurrent plan calls cannot both start a run.
 */
export async function planCampaign({ ctx, input }: { ctx: ServiceCtx; input: CampaignById }) {
  await checkLlmStartLimit(ctx);
  const orgId = ctx.member.orgId;
  return ctx.db.transaction(async (tx) => {
    const campaign = await lockCampaign(tx, orgId, input.id);
    if (!campaign) throw DomainError.notFound('campaign');
    if (campaign.status === 'completed' || campaign.status === 'cancelled') {
      throw new DomainError(
        'PRECONDITION_FAILED',
        `the campaign is ${campaign.status}; it cannot be planned again`,
      );
    }
    const readiness = await loadReadiness(tx, orgId, campaign.clientId);
    if (!readiness.ready) throw new DomainError('PRECONDITION_FAILED', readiness.message);
    const active = await findActiveCampaignRun(tx, orgId, campaign.id, 'campaign_planning');
    if (active) {
      throw new DomainError(
        'CONFLICT',
        `campaign planning is already ${active.status === 'running' ? 'running' : 'waiting for approval'} for this campaign (run ${active.id}, workflow ${active.temporalWorkflowId})`,
      );
    }
    await updateCampaign(tx, orgId, campaign.id, { status: 'planning' });
    const run = await startWorkflowRun(ctx, tx, {
      kind: 'campaign_planning',
      workflowId: `campaign-planning-${campaign.id}`,
      clientId: campaign.clientId,
      campaignId: campaign.id,
      input: {},
    });
    return { runId: run.id, workflowId: run.temporalWorkflowId };
  });
}
