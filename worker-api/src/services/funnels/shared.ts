import {
  type FunnelPageRow,
  type FunnelRow,
  type FunnelVariantRow,
  getFunnel,
  getFunnelPage,
  getFunnelVariant,
  getOffer,
  type LatestVersions,
  latestArtifact,
  type PageWithVersions,
  type Queryable,
  resolveOwnedRefs,
} from '@mos/db';
import { FunnelSettings } from '@mos/db/contracts';
import type { PublishCandidate } from '@mos/funnel-blocks/publish-rules';
import { PageDocument } from '@mos/funnel-blocks/schema';
import { DomainError } from '../../errors';
import type { ServiceCtx } from '../context';
import { validationError } from '../validation';

/** Slugs a page may not take: the published page's own paths (`api/events`, `media/<id>`) live under them. */
export const RESERVED_SLUGS = new Set(['api', 'media']);

/** The edge path of a funnel (the entry page redirects from here); a custom domain serves `/<slug>`. */
export const publicPathOf = (publicId: string) => `/f/${publicId}`;

/** What the lookups below need: a database or an open transaction, and the caller's org. */
export interface Scope {
  db: Queryable;
  member: { orgId: string };
}

export async function requireFunnel(ctx: Scope, id: string): Promise<FunnelRow> {
  const funnel = await getFunnel(ctx.db, ctx.member.orgId, id);
  if (!funnel) throw DomainError.notFound('funnel');
  return funnel;
}

export async function requirePage(ctx: Scope, pageId: string): Promise<FunnelPageRow> {
  const page = await getFunnelPage(ctx.db, ctx.member.orgId, pageId);
  if (!page) throw DomainError.notFound('page');
  return page;
}

/** A variant of the given page (another page's variant reads as not found). */
export async function requireVariantOf(
  ctx: Scope,
  pageId: string,
  variantId: string,
): Promise<FunnelVariantRow> {
  const variant = await getFunnelVariant(ctx.db, ctx.member.orgId, variantId);
  if (!variant || variant.pageId !== pageId) throw DomainError.notFound('variant');
  return variant;
}

/** Lower-case a-z, 0-9 and single dashes, at most 60 characters; '' when nothing is left. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
}

/** `base`, else `base-2`, `base-3`… whichever is not in `used` (nor reserved). */
export function uniqueSlug(base: string, used: Set<string>): string {
  const root = base || 'page';
  if (!used.has(root) && !RESERVED_SLUGS.has(root)) return root;
  for (let n = 2; ; n++) {
    const candidate = `${root}-${n}`;
    if (!used.has(candidate)) return candidate;
  }
}

/**
 * A page document validated by the block library's schema; a refusal names the path of every problem
 * (`document.content.2.props.headline`), as forms expect.
 */
export function parseDocument(value: unknown, at: (string | number)[] = ['document']): PageDocument {
  const parsed = PageDocument.safeParse(value);
  if (!parsed.success) throw validationError(parsed.error, at);
  return parsed.data;
}

export interface SpecArm {
  experimentId: string;
  variantIds: string[];
}

/**
 * The experiments (and their arms' ids) of the campaign's latest approved experiment spec set; empty when the
 * campaign has none approved.
 */
export async function approvedSpecArms(
  ctx: ServiceCtx,
  clientId: string,
  campaignId: string,
): Promise<SpecArm[]> {
  const artifact = await latestArtifact(ctx.db, ctx.member.orgId, {
    clientId,
    campaignId,
    type: 'experiment_spec',
    status: 'approved',
  });
  const specs = (artifact?.data as { experimentSpecs?: unknown } | undefined)?.experimentSpecs;
  if (!Array.isArray(specs)) return [];
  return specs.flatMap((s) => {
    const spec = s as { id?: unknown; variants?: unknown };
    if (typeof spec.id !== 'string') return [];
    const variants = Array.isArray(spec.variants) ? spec.variants : [];
    return [
      {
        experimentId: spec.id,
        variantIds: variants
          .map((v) => (v as { id?: unknown } | null)?.id)
          .filter((id): id is string => typeof id === 'string'),
      },
    ];
  });
}

/** What the publish rules need, from the funnel, its pages and variants, and their latest versions. */
export function publishCandidate(
  funnel: Pick<FunnelRow, 'status' | 'entryPageId'>,
  pages: Array<Pick<PageWithVersions, 'id' | 'name' | 'slug' | 'nextPageId'>>,
  variants: FunnelVariantRow[],
  versions: LatestVersions[],
): PublishCandidate {
  const approvedOf = (pageId: string, variantId: string | null) => {
    const found = versions.find((v) => v.pageId === pageId && v.variantId === variantId)?.approved;
    if (!found) return null;
    // Stored documents were validated when saved; one that no longer parses counts as not approved.
    const parsed = PageDocument.safeParse(found.document);
    return parsed.success ? { versionId: found.id, document: parsed.data } : null;
  };
  return {
    status: funnel.status,
    entryPageId: funnel.entryPageId,
    pages: pages.map((p) => ({
      id: p.id,
      name: p.name,
      slug: p.slug,
      nextPageId: p.nextPageId,
      approved: approvedOf(p.id, null),
      variants: variants
        .filter((v) => v.pageId === p.id)
        .map((v) => ({ id: v.id, name: v.name, weight: v.weight, approved: approvedOf(p.id, v.id) })),
    })),
  };
}

/** Stored settings with their defaults filled in (a row written before a setting existed reads as its default). */
export function settingsOf(value: unknown): FunnelSettings {
  const parsed = FunnelSettings.safeParse(value ?? {});
  return parsed.success ? parsed.data : FunnelSettings.parse({});
}

/**
 * Checks what a funnel points at: the campaign is one of the client's, the experiment is in that campaign's
 * latest approved experiment spec set, the offer is one of the client's. Another org's id reads as not found.
 */
export async function checkFunnelRefs(
  ctx: ServiceCtx,
  clientId: string,
  refs: { campaignId: string | null; experimentId: string | null; offerId: string | null },
): Promise<void> {
  if (refs.campaignId) {
    const owned = await resolveOwnedRefs(ctx.db, ctx.member.orgId, { campaignId: refs.campaignId });
    if (!owned.campaignClientId) throw DomainError.notFound('campaign');
    if (owned.campaignClientId !== clientId) {
      throw DomainError.field(['campaignId'], "is not a campaign of the funnel's client");
    }
  }
  if (refs.experimentId) {
    if (!refs.campaignId)
      throw DomainError.field(['experimentId'], 'needs a campaignId (experiments belong to a campaign)');
    const arms = await approvedSpecArms(ctx, clientId, refs.campaignId);
    if (!arms.some((a) => a.experimentId === refs.experimentId)) {
      throw DomainError.field(
        ['experimentId'],
        "is not an experiment of the campaign's latest approved experiment spec set",
      );
    }
  }
  if (refs.offerId) {
    const offer = await getOffer(ctx.db, ctx.member.orgId, refs.offerId);
    if (!offer) throw DomainError.notFound('offer');
    if (offer.clientId !== clientId)
      throw DomainError.field(['offerId'], "is not an offer of the funnel's client");
  }
}
