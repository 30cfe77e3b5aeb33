/**
 * Experiments with funnel-variant arms or ad arms, for tests and benchmarks of the signals that read them: rows as
 * the design and the funnels write them, with random ids so every test owns its tenant.
 */
import type { AD_VERTICALS } from '../artifacts/ad-policy';
import type { Queryable } from '../db-type';
import { artifacts } from '../schema/artifacts';
import { assetPerformanceSnapshots, assets } from '../schema/assets';
import { campaigns } from '../schema/campaigns';
import { clients } from '../schema/clients';
import { experiments } from '../schema/experiments';
import { funnelEvents, funnelLeads, funnelPages, funnelPageVariants, funnels } from '../schema/funnels';
import { orgs } from '../schema/orgs';

export interface ExperimentFixture {
  orgId: string;
  clientId: string;
  campaignId: string;
  experimentId: string;
  specId: string;
  arms: string[];
}

/** A new org, client, campaign, spec artifact and experiment whose arms are `arms` (the first is the control). */
export async function seedExperiment(
  db: Queryable,
  input: {
    arms: string[];
    /** Store a locked plan naming the arms (else the spec's variants are the arms). */
    plan?: boolean;
    orgId?: string;
    clientId?: string;
    industry?: string | null;
    adVertical?: (typeof AD_VERTICALS)[number] | null;
  },
): Promise<ExperimentFixture> {
  const suffix = crypto.randomUUID().slice(0, 8);
  const orgId =
    input.orgId ??
    (
      await db
        .insert(orgs)
        .values({ name: `Exp Org ${suffix}` })
        .returning()
    )[0]?.id;
  if (!orgId) throw new Error('no org');
  const clientId =
    input.clientId ??
    (
      await db
        .insert(clients)
        .values({
          orgId,
          name: `Client ${suffix}`,
          industry: input.industry ?? null,
          adVertical: input.adVertical ?? null,
        })
        .returning()
    )[0]?.id;
  if (!clientId) throw new Error('no client');
  const [campaign] = await db
    .insert(campaigns)
    .values({ orgId, clientId, name: `Campaign ${suffix}` })
    .returning();
  if (!campaign) throw new Error('no campaign');
  const specId = `exp-${suffix}`;
  const [spec] = await db
    .insert(artifacts)
    .values({
      orgId,
      clientId,
      campaignId: campaign.id,
      type: 'experiment_spec',
      version: 1,
      source: 'ai',
      status: 'approved',
      data: {
        experimentSpecs: [
          {
            id: specId,
            name: `Test ${suffix}`,
            variants: input.arms.map((id) => ({ id, name: id })),
            controlVariantId: input.arms[0] ?? null,
          },
        ],
      },
    })
    .returning();
  if (!spec) throw new Error('no spec');
  const [experiment] = await db
    .insert(experiments)
    .values({
      orgId,
      clientId,
      campaignId: campaign.id,
      name: `Test ${suffix}`,
      experimentSpecArtifactId: spec.id,
      specId,
      plan: input.plan ? { arms: input.arms, controlArmId: input.arms[0] } : null,
    })
    .returning();
  if (!experiment) throw new Error('no experiment');
  return { orgId, clientId, campaignId: campaign.id, experimentId: experiment.id, specId, arms: input.arms };
}

export interface ArmFunnel {
  funnelId: string;
  pageId: string;
  /** Other pages of the funnel (a thank-you page). */
  otherPageId: string;
  publicationId: string;
  /** Variant row id per arm; the control arm is the page itself (no variant). */
  variantOf: Record<string, string>;
}

/** A funnel whose landing page carries the experiment's treatment arms as variants (control = the page). */
export async function seedArmFunnel(db: Queryable, fx: ExperimentFixture): Promise<ArmFunnel> {
  const [funnel] = await db
    .insert(funnels)
    .values({ orgId: fx.orgId, clientId: fx.clientId, campaignId: fx.campaignId, name: 'Arms' })
    .returning();
  if (!funnel) throw new Error('no funnel');
  const pages = await db
    .insert(funnelPages)
    .values([
      { orgId: fx.orgId, funnelId: funnel.id, name: 'landing', slug: 'landing', ordering: 0 },
      { orgId: fx.orgId, funnelId: funnel.id, name: 'thanks', slug: 'thanks', ordering: 1 },
    ])
    .returning();
  const [landing, thanks] = pages;
  if (!landing || !thanks) throw new Error('no pages');
  const variantOf: Record<string, string> = {};
  for (const arm of fx.arms.slice(1)) {
    const [v] = await db
      .insert(funnelPageVariants)
      .values({
        orgId: fx.orgId,
        funnelId: funnel.id,
        pageId: landing.id,
        name: arm,
        experimentId: fx.experimentId,
        experimentVariantId: arm,
      })
      .returning();
    if (!v) throw new Error('no variant');
    variantOf[arm] = v.id;
  }
  return {
    funnelId: funnel.id,
    pageId: landing.id,
    otherPageId: thanks.id,
    publicationId: crypto.randomUUID(),
    variantOf,
  };
}

export interface FixtureEvent {
  type: 'page_view' | 'cta_click' | 'form_submit';
  visitorId: string;
  /** Arm whose page the event is on (control = the page itself); null: the funnel's other page. */
  arm: string | null;
  at: Date;
  props?: Record<string, string | number | boolean>;
}

export async function insertArmEvents(
  db: Queryable,
  fx: ExperimentFixture,
  f: ArmFunnel,
  events: FixtureEvent[],
): Promise<void> {
  if (events.length === 0) return;
  await db.insert(funnelEvents).values(
    events.map((e) => ({
      orgId: fx.orgId,
      clientId: fx.clientId,
      funnelId: f.funnelId,
      publicationId: f.publicationId,
      pageId: e.arm === null ? f.otherPageId : f.pageId,
      variantId: e.arm === null ? null : (f.variantOf[e.arm] ?? null),
      eventId: crypto.randomUUID(),
      batchId: crypto.randomUUID(),
      type: e.type,
      visitorId: e.visitorId,
      sessionId: `s-${e.visitorId}`,
      occurredAt: e.at,
      props: e.props ?? {},
    })),
  );
}

export async function insertArmLead(
  db: Queryable,
  fx: ExperimentFixture,
  f: ArmFunnel,
  lead: { visitorId: string; arm: string | null; at: Date },
): Promise<void> {
  await db.insert(funnelLeads).values({
    orgId: fx.orgId,
    clientId: fx.clientId,
    funnelId: f.funnelId,
    publicationId: f.publicationId,
    pageId: lead.arm === null ? f.otherPageId : f.pageId,
    variantId: lead.arm === null ? null : (f.variantOf[lead.arm] ?? null),
    blockId: 'form',
    submissionId: crypto.randomUUID(),
    visitorId: lead.visitorId,
    fields: { email: `${lead.visitorId}@example.com` },
    createdAt: lead.at,
  });
}

/** One ad asset per arm of the experiment (`variant_id` = arm). */
export async function seedArmAssets(db: Queryable, fx: ExperimentFixture): Promise<Record<string, string>> {
  const rows = await db
    .insert(assets)
    .values(
      fx.arms.map((arm) => ({
        orgId: fx.orgId,
        clientId: fx.clientId,
        campaignId: fx.campaignId,
        experimentId: fx.experimentId,
        variantId: arm,
        sourceType: 'generated' as const,
        channelId: 'meta',
        format: 'single_image',
        content: {},
      })),
    )
    .returning();
  return Object.fromEntries(rows.map((r) => [r.variantId ?? '', r.id]));
}

export async function insertSnapshot(
  db: Queryable,
  fx: ExperimentFixture,
  s: {
    assetId: string;
    day: Date;
    metrics: unknown;
    source?: 'manual' | 'csv' | 'meta';
    createdAt?: Date;
    pulledAt?: Date | null;
    revision?: number;
    attributionWindow?: string | null;
  },
): Promise<void> {
  await db.insert(assetPerformanceSnapshots).values({
    orgId: fx.orgId,
    assetId: s.assetId,
    timeFrom: s.day,
    timeTo: new Date(s.day.getTime() + 86_400_000),
    metrics: s.metrics,
    segments: {},
    source: s.source ?? 'manual',
    createdAt: s.createdAt ?? new Date(),
    pulledAt: s.pulledAt ?? null,
    revision: s.revision ?? 0,
    attributionWindow: s.attributionWindow ?? null,
  });
}
