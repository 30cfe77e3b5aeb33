import { resolveOwnedRefs } from '@mos/db';
import { DomainError } from '../../errors';
import type { ExperimentDesign } from '../../schemas/experiments';
import type { ServiceCtx } from '../context';
import { checkLlmStartLimit } from '../limits/llm-start';
import { startWorkflowRun } from '../workflows/start-run';

/** Starts ExperimentDesign for a campaign; each design run gets its own business id. */
export async function designExperiments({ ctx, input }: { ctx: ServiceCtx; input: ExperimentDesign }) {
  await checkLlmStartLimit(ctx);
  const refs = await resolveOwnedRefs(ctx.db, ctx.member.orgId, { campaignId: input.campaignId });
  const clientId = refs.campaignClientId;
  if (!clientId) throw DomainError.notFound('campaign');
  const workflowId = `experiment-design-${input.campaignId}-${crypto.randomUUID().slice(0, 8)}`;
  const run = await ctx.db.transaction((tx) =>
    startWorkflowRun(ctx, tx, {
      kind: 'experiment_design',
      workflowId,
      clientId,
      campaignId: input.campaignId,
      input: {},
    }),
  );
  return { runId: run.id, workflowId: run.temporalWorkflowId };
}
