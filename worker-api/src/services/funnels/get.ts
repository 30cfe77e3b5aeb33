import { getFunnelPublication, latestFunnelVersions, listFunnelPages, listFunnelVariants } from '@mos/db';
import { checkPublishRules } from '@mos/funnel-blocks/publish-rules';
import { toJson } from '../../lib/json';
import type { FunnelById } from '../../schemas/funnels';
import type { ServiceCtx } from '../context';
import { publicPathOf, publishCandidate, requireFunnel, settingsOf } from './shared';

/**
 * A funnel with its pages (each with its latest draft and approved version and its variants), the entry page,
 * whether it can be published and, if not, every problem naming its page, its public path and active publication.
 */
export async function getFunnel({ ctx, input }: { ctx: ServiceCtx; input: FunnelById }) {
  const orgId = ctx.member.orgId;
  const funnel = await requireFunnel(ctx, input.id);
  const [pages, variants, versions, active] = await Promise.all([
    listFunnelPages(ctx.db, orgId, funnel.id),
    listFunnelVariants(ctx.db, orgId, funnel.id),
    latestFunnelVersions(ctx.db, orgId, funnel.id),
    funnel.activePublicationId ? getFunnelPublication(ctx.db, orgId, funnel.activePublicationId) : undefined,
  ]);
  const check = checkPublishRules(publishCandidate(funnel, pages, variants, versions));
  const versionsOf = (pageId: string, variantId: string | null) => {
    const v = versions.find((x) => x.pageId === pageId && x.variantId === variantId);
    return {
      latestDraftVersionId: v?.draft?.id ?? null,
      latestApprovedVersionId: v?.approved?.id ?? null,
      /** The newest version is a draft: there are changes to approve. */
      hasUnapprovedChanges: v?.latest.status === 'draft',
      latestSource: v?.latest.source ?? null,
    };
  };
  const publicPath = publicPathOf(funnel.publicId);
  const entry = pages.find((p) => p.id === funnel.entryPageId) ?? null;
  return toJson({
    funnel: { ...funnel, settings: settingsOf(funnel.settings) },
    pages: pages.map((p) => ({
      ...p,
      ...versionsOf(p.id, null),
      isEntry: p.id === funnel.entryPageId,
      publicPath: `${publicPath}/${p.slug}`,
      variants: variants.filter((v) => v.pageId === p.id).map((v) => ({ ...v, ...versionsOf(p.id, v.id) })),
    })),
    entryPage: entry ? { id: entry.id, name: entry.name, slug: entry.slug } : null,
    canPublish: check.ok,
    publishProblems: check.ok ? [] : check.problems,
    publicPath,
    activePublication: active
      ? { id: active.id, number: active.number, entrySlug: active.entrySlug, createdAt: active.createdAt }
      : null,
  });
}
