import { pageTemplate } from '@mos/funnel-blocks/templates';
import { and, asc, eq } from 'drizzle-orm';
import { appendPageVersion, insertFunnel, insertFunnelPage, updateFunnel } from './data/funnels';
import type { Queryable } from './db-type';
import { funnelDomains, funnels } from './schema/funnels';
import { productOffers } from './schema/product-offers';

export const DEMO_FUNNEL_NAME = 'Spring lead magnet';
/**
 * The demo funnel's custom domain for the local funnel proxy (`pnpm dev` starts it on FUNNEL_PROXY_PORT):
 * `*.localhost` resolves to this machine, so `http://spring-lead-magnet.localhost:8790/` works without DNS.
 * Seeded as verified, since a DNS TXT check cannot pass for a local name.
 */
export const DEMO_FUNNEL_HOSTNAME = 'spring-lead-magnet.localhost';

export interface DemoFunnelSeed {
  funnelId: string;
  publicId: string;
  hostname: string;
  /** Whether this run created the funnel (false: it was there already and was left as it is). */
  created: boolean;
}

/**
 * The first demo client's funnel "Spring lead magnet": a lead capture page (the client's offer in its copy) that
 * leads to a thank-you page, both from the block library's templates and both approved, so the Funnels page of
 * `pnpm dev` can publish it in one click. Idempotent: a funnel of that name is left as the operator made it.
 */
export async function seedDemoFunnel(
  tx: Queryable,
  input: { orgId: string; clientId: string; userId: string; now?: Date },
): Promise<DemoFunnelSeed> {
  const { orgId, clientId, userId } = input;
  const [existing] = await tx
    .select({ id: funnels.id, publicId: funnels.publicId })
    .from(funnels)
    .where(and(eq(funnels.orgId, orgId), eq(funnels.clientId, clientId), eq(funnels.name, DEMO_FUNNEL_NAME)));
  if (existing) {
    return {
      funnelId: existing.id,
      publicId: existing.publicId,
      hostname: DEMO_FUNNEL_HOSTNAME,
      created: false,
    };
  }
  const [offer] = await tx
    .select()
    .from(productOffers)
    .where(and(eq(productOffers.orgId, orgId), eq(productOffers.clientId, clientId)))
    .orderBy(asc(productOffers.createdAt), asc(productOffers.name))
    .limit(1);

  const funnel = await insertFunnel(tx, orgId, {
    clientId,
    offerId: offer?.id ?? null,
    name: DEMO_FUNNEL_NAME,
    description: 'Demo: a free guide for the spring campaign, then a thank-you page.',
    settings: {},
    createdBy: userId,
  });
  const thanks = await insertFunnelPage(tx, orgId, {
    funnelId: funnel.id,
    name: 'Thank you',
    slug: 'thank-you',
    ordering: 1,
    nextPageId: null,
    templateId: 'thank_you',
  });
  const entry = await insertFunnelPage(tx, orgId, {
    funnelId: funnel.id,
    name: 'Spring guide',
    slug: 'spring-guide',
    ordering: 0,
    nextPageId: thanks.id,
    templateId: 'lead_capture',
  });
  await updateFunnel(tx, orgId, funnel.id, { entryPageId: entry.id });

  // The lead capture template has no pricing block: the offer goes into its promise and its reasons instead.
  const leadPage = pageTemplate('lead_capture').build({
    now: input.now,
    title: offer ? `Spring guide: ${offer.name}` : 'Spring guide',
  });
  for (const block of leadPage.content) {
    if (block.type === 'Hero' && offer) {
      block.props.eyebrow = 'Free spring guide';
      block.props.headline = `Calmer skin this spring with the ${offer.name}`;
      block.props.subheadline = offer.guaranteeText ?? offer.description ?? block.props.subheadline;
    }
    if (block.type === 'RichText' && offer && offer.differentiationBullets.length > 0) {
      block.props.text = `Inside the guide:\n${offer.differentiationBullets.map((b) => `- ${b}`).join('\n')}`;
    }
  }
  const documents = [
    { pageId: entry.id, document: leadPage },
    { pageId: thanks.id, document: pageTemplate('thank_you').build({ now: input.now }) },
  ];
  for (const { pageId, document } of documents) {
    // A draft and its approval, as `funnels.approvePage` records them.
    for (const status of ['draft', 'approved'] as const) {
      await appendPageVersion(tx, orgId, {
        funnelId: funnel.id,
        pageId,
        variantId: null,
        status,
        source: 'human',
        document,
        createdBy: userId,
      });
    }
  }
  await tx
    .insert(funnelDomains)
    .values({
      orgId,
      clientId,
      funnelId: funnel.id,
      hostname: DEMO_FUNNEL_HOSTNAME,
      status: 'verified',
      verificationToken: `mos-verify-${crypto.randomUUID()}`,
      verifiedAt: input.now ?? new Date(),
    })
    .onConflictDoNothing({ target: funnelDomains.hostname });
  return { funnelId: funnel.id, publicId: funnel.publicId, hostname: DEMO_FUNNEL_HOSTNAME, created: true };
}
