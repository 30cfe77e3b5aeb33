import {
  appendPageVersion,
  deleteFunnelVariant,
  getFunnelVariant,
  insertFunnelVariant,
  latestPageVersion,
  lockFunnelPage,
  updateFunnelVariant,
  variantIsPublished,
  writeAudit,
} from '@mos/db';
import { emptyPageDocument } from '@mos/funnel-blocks/schema';
import { DomainError } from '../../errors';
import { toJson } from '../../lib/json';
import type { VariantById, VariantCreate, VariantUpdate } from '../../schemas/funnels';
import type { ServiceCtx } from '../context';
import { approvedSpecArms, requireFunnel, requirePage } from './shared';

/**
 * Checks that an experiment and arm exist in the funnel's campaign's latest approved experiment spec set; the
 * refusal names the field that is wrong.
 */
export async function checkSpecArm(
  ctx: ServiceCtx,
  funnel: { clientId: string; campaignId: string | null },
  experimentId: string,
  experimentVariantId: string,
): Promise<void> {
  if (!funnel.campaignId) {
    throw DomainError.field(
      ['experimentId'],
      'the funnel has no campaign; set one to tie variants to its experiments',
    );
  }
  const arms = await approvedSpecArms(ctx, funnel.clientId, funnel.campaignId);
  const experiment = arms.find((a) => a.experimentId === experimentId);
  if (!experiment) {
    throw DomainError.field(
      ['experimentId'],
      "is not an experiment of the campaign's latest approved experiment spec set",
    );
  }
  if (!experiment.variantIds.includes(experimentVariantId)) {
    throw DomainError.field(['experimentVariantId'], `is not a variant of experiment "${experimentId}"`);
  }
}

/** Adds an A/B variant of a page for one arm of an experiment; its first draft is a copy of the page's latest version. */
export async function createVariant({ ctx, input }: { ctx: ServiceCtx; input: VariantCreate }) {
  const orgId = ctx.member.orgId;
  const page = await requirePage(ctx, input.pageId);
  const funnel = await requireFunnel(ctx, page.funnelId);
  await checkSpecArm(ctx, funnel, input.experimentId, input.experimentVariantId);
  return ctx.db.transaction(async (tx) => {
    if (!(await lockFunnelPage(tx, orgId, page.id))) throw DomainError.notFound('page');
    const variant = await insertFunnelVariant(tx, orgId, {
      funnelId: funnel.id,
      pageId: page.id,
      name: input.name,
      experimentId: input.experimentId,
      experimentVariantId: input.experimentVariantId,
      weight: input.weight,
    });
    const from = await latestPageVersion(tx, orgId, page.id, null);
    const { document: _d, ...draft } = await appendPageVersion(tx, orgId, {
      funnelId: funnel.id,
      pageId: page.id,
      variantId: variant.id,
      status: 'draft',
      source: 'human',
      document: from?.document ?? emptyPageDocument(page.name),
      createdBy: ctx.member.userId,
    });
    return toJson({ variant, draftVersion: draft });
  });
}

/** Renames a variant or changes its weight (0–100, relative to the page's other variants). */
export async function updateVariant({ ctx, input }: { ctx: ServiceCtx; input: VariantUpdate }) {
  const patch: { name?: string; weight?: number } = {};
  if (input.name !== undefined) patch.name = input.name;
  if (input.weight !== undefined) patch.weight = input.weight;
  const row =
    Object.keys(patch).length > 0
      ? await updateFunnelVariant(ctx.db, ctx.member.orgId, input.variantId, patch)
      : await getFunnelVariant(ctx.db, ctx.member.orgId, input.variantId);
  if (!row) throw DomainError.notFound('variant');
  return toJson(row);
}

/** Deletes a variant and its versions, unless a publication holds it (publications never change). */
export async function deleteVariant({ ctx, input }: { ctx: ServiceCtx; input: VariantById }) {
  const orgId = ctx.member.orgId;
  return ctx.db.transaction(async (tx) => {
    const variant = await getFunnelVariant(tx, orgId, input.variantId);
    if (!variant) throw DomainError.notFound('variant');
    if (await variantIsPublished(tx, orgId, variant.id)) {
      throw new DomainError(
        'CONFLICT',
        'variantId: the variant is part of a publication, which never changes; set its weight to 0 instead',
        {
          issues: [{ path: ['variantId'], message: 'is part of a publication', reason: 'published' }],
        },
      );
    }
    await deleteFunnelVariant(tx, orgId, variant.id);
    await writeAudit(tx, {
      orgId,
      actorUserId: ctx.member.userId,
      action: 'funnel_variant.delete',
      targetType: 'funnel_page_variant',
      targetId: variant.id,
      data: { pageId: variant.pageId, name: variant.name },
    });
    return { id: variant.id, deleted: true as const };
  });
}
