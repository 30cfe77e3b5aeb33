import { getCreativeProductionContext } from '@mos/db';
import { DomainError, type FieldIssue } from '../../errors';
import type { CreativesProduce } from '../../schemas/creatives';
import type { ServiceCtx } from '../context';
import { checkLlmStartLimit } from '../limits/llm-start';
import { randomHex8 } from '../workflows/ids';
import { startWorkflowRun } from '../workflows/start-run';

/**
 * Starts CreativeProduction for a campaign. Briefs come from an approved asset_brief artifact, or are derived from
 * the approved experiment specs, so one of the two must exist; named experiments must be the campaign's own.
 */
export async function produceCreatives({ ctx, input }: { ctx: ServiceCtx; input: CreativesProduce }) {
  await checkLlmStartLimit(ctx);
  const orgId = ctx.member.orgId;
  const experimentIds = input.experimentIds ?? [];
  return ctx.db.transaction(async (tx) => {
    const found = await getCreativeProductionContext(tx, orgId, input.campaignId, experimentIds);
    if (!found) throw DomainError.notFound('campaign');
    const known = new Set(found.experimentIds);
    const issues: FieldIssue[] = experimentIds.flatMap((id, i) =>
      known.has(id) ? [] : [{ path: ['experimentIds', i], message: 'is not an experiment of this campaign' }],
    );
    if (issues.length > 0) {
      throw new DomainError('VALIDATION', 'experimentIds: not all experiments belong to this campaign', {
        issues,
      });
    }
    if (!found.hasApprovedAssetBrief && !found.hasApprovedExperimentSpec) {
      throw new DomainError(
        'PRECONDITION_FAILED',
        'the campaign has no approved asset briefs (asset_brief) and no approved experiment specs (experiment_spec); approve one of them first',
      );
    }
    const { campaign } = found;
    const run = await startWorkflowRun(ctx, tx, {
      kind: 'creative_production',
      workflowId: `creative-production-${campaign.id}-${randomHex8()}`,
      clientId: campaign.clientId,
      campaignId: campaign.id,
      input: { experimentIds },
    });
    return { runId: run.id, workflowId: run.temporalWorkflowId };
  });
}
