import {
  appendPageVersion,
  copyFunnelAssets,
  insertFunnel,
  insertFunnelPage,
  insertFunnelVariant,
  latestFunnelVersions,
  listFunnelPages,
  listFunnelVariants,
  updateFunnel,
  updateFunnelPage,
} from '@mos/db';
import { toJson } from '../../lib/json';
import type { FunnelDuplicate } from '../../schemas/funnels';
import type { ServiceCtx } from '../context';
import { checkFunnelRefs, publicPathOf, requireFunnel, settingsOf } from './shared';

/** Every `{ kind: 'page', pageId }` link target in a document, pointed at the copy's page. */
export function remapPageLinks(value: unknown, pageIds: Map<string, string>): unknown {
  if (Array.isArray(value)) return value.map((v) => remapPageLinks(v, pageIds));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = remapPageLinks(v, pageIds);
  if (out.kind === 'page' && typeof out.pageId === 'string')
    out.pageId = pageIds.get(out.pageId) ?? out.pageId;
  return out;
}

/**
 * Copies a funnel with a new public id: its pages (slugs, order, next-page wiring, entry page), variants, images
 * and settings, and for every page and variant its latest approved version (approved, so the copy can be published
 * at once) or, where nothing was approved, its latest draft; all as `source=duplicate`, with links between pages
 * pointed at the copies. Publications, domains, events and leads stay with the original.
 */
export async function duplicateFunnel({ ctx, input }: { ctx: ServiceCtx; input: FunnelDuplicate }) {
  const orgId = ctx.member.orgId;
  const source = await requireFunnel(ctx, input.id);
  const campaignId = input.campaignId === undefined ? source.campaignId : input.campaignId;
  const sameCampaign = campaignId === source.campaignId;
  await checkFunnelRefs(ctx, source.clientId, { campaignId, experimentId: null, offerId: null });
  const copy = await ctx.db.transaction(async (tx) => {
    const funnel = await insertFunnel(tx, orgId, {
      clientId: source.clientId,
      campaignId,
      experimentId: sameCampaign ? source.experimentId : null,
      offerId: source.offerId,
      name: input.name ?? `${source.name} (copy)`.slice(0, 200),
      description: source.description,
      settings: source.settings,
      createdBy: ctx.member.userId,
    });
    const [pages, variants, versions] = await Promise.all([
      listFunnelPages(tx, orgId, source.id),
      listFunnelVariants(tx, orgId, source.id),
      latestFunnelVersions(tx, orgId, source.id),
    ]);
    const pageIds = new Map<string, string>();
    for (const p of pages) {
      const row = await insertFunnelPage(tx, orgId, {
        funnelId: funnel.id,
        name: p.name,
        slug: p.slug,
        nextPageId: null,
        templateId: p.templateId,
        ordering: p.ordering,
      });
      pageIds.set(p.id, row.id);
    }
    for (const p of pages) {
      const to = pageIds.get(p.id);
      const next = p.nextPageId ? pageIds.get(p.nextPageId) : undefined;
      if (to && next) await updateFunnelPage(tx, orgId, to, { nextPageId: next });
    }
    const variantIds = new Map<string, string>();
    for (const v of variants) {
      const pageId = pageIds.get(v.pageId);
      if (!pageId) continue;
      const row = await insertFunnelVariant(tx, orgId, {
        funnelId: funnel.id,
        pageId,
        name: v.name,
        experimentId: v.experimentId,
        experimentVariantId: v.experimentVariantId,
        weight: v.weight,
      });
      variantIds.set(v.id, row.id);
    }
    for (const v of versions) {
      const pageId = pageIds.get(v.pageId);
      const variantId = v.variantId ? (variantIds.get(v.variantId) ?? null) : null;
      if (!pageId || (v.variantId && !variantId)) continue;
      const from = v.approved ?? v.latest;
      await appendPageVersion(tx, orgId, {
        funnelId: funnel.id,
        pageId,
        variantId,
        status: v.approved ? 'approved' : 'draft',
        source: 'duplicate',
        document: remapPageLinks(from.document, pageIds),
        aiMetadata: { duplicatedFrom: { funnelId: source.id, versionId: from.id } },
        createdBy: ctx.member.userId,
      });
    }
    await copyFunnelAssets(tx, orgId, source.id, funnel.id);
    const entryPageId = source.entryPageId ? (pageIds.get(source.entryPageId) ?? null) : null;
    return entryPageId ? ((await updateFunnel(tx, orgId, funnel.id, { entryPageId })) ?? funnel) : funnel;
  });
  return toJson({ ...copy, settings: settingsOf(copy.settings), publicPath: publicPathOf(copy.publicId) });
}
