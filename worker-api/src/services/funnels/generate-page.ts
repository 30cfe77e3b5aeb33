import { getOffer } from '@mos/db';
import type { FunnelPageDraftInput, RunInput } from '@mos/db/contracts';
import { DomainError } from '../../errors';
import type { GeneratePage } from '../../schemas/funnels';
import type { ServiceCtx } from '../context';
import { checkLlmStartLimit } from '../limits/llm-start';
import { startWorkflowRun } from '../workflows/start-run';
import { requireFunnel, requirePage, requireVariantOf } from './shared';
import { checkSpecArm } from './variants';

/**
 * Starts FunnelPageDraft: a model drafts the page (or a variant of it) from the canon, an offer and an experiment
 * arm; the result appears as a `source=ai` draft version for review in the editor. Rate-limited like every start
 * of LLM work.
 */
export async function generatePage({ ctx, input }: { ctx: ServiceCtx; input: GeneratePage }) {
  await checkLlmStartLimit(ctx);
  const orgId = ctx.member.orgId;
  const page = await requirePage(ctx, input.pageId);
  const funnel = await requireFunnel(ctx, page.funnelId);
  const variant = input.variantId ? await requireVariantOf(ctx, page.id, input.variantId) : null;
  const offerId = input.offerId ?? funnel.offerId;
  if (offerId) {
    const offer = await getOffer(ctx.db, orgId, offerId);
    if (!offer) throw DomainError.notFound('offer');
    if (offer.clientId !== funnel.clientId)
      throw DomainError.field(['offerId'], "is not an offer of the funnel's client");
  }
  // A variant is drafted for its own arm unless the caller names one.
  const experimentId = input.experimentId ?? variant?.experimentId ?? null;
  const experimentVariantId = input.experimentVariantId ?? variant?.experimentVariantId ?? null;
  if ((experimentId === null) !== (experimentVariantId === null)) {
    throw DomainError.field(
      [experimentId === null ? 'experimentId' : 'experimentVariantId'],
      'give both experimentId and experimentVariantId, or neither',
    );
  }
  if (experimentId && experimentVariantId) await checkSpecArm(ctx, funnel, experimentId, experimentVariantId);
  const workflowInput = {
    funnelId: funnel.id,
    pageId: page.id,
    variantId: variant?.id ?? null,
    offerId: offerId ?? null,
    experimentId,
    experimentVariantId,
    instructions: input.instructions ?? null,
  } satisfies Omit<FunnelPageDraftInput, keyof RunInput>;
  const run = await ctx.db.transaction((tx) =>
    startWorkflowRun(ctx, tx, {
      kind: 'funnel_page_draft',
      workflowId: `funnel-page-draft-${page.id}-${crypto.randomUUID().slice(0, 8)}`,
      clientId: funnel.clientId,
      campaignId: funnel.campaignId,
      input: workflowInput,
    }),
  );
  return { runId: run.id, workflowId: run.temporalWorkflowId };
}
