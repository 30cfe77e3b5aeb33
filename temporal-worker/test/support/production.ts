/**
 * Test data for the creative, experiment and playbook workflows: a campaign as if planning had finished
 * (approved canon, metric schema, experiment specs with planned experiment rows, optionally approved briefs),
 * an offer with price points, a stand-in answer for generated assets, and performance snapshots.
 */
import {
  assetPerformanceSnapshots,
  assets,
  type Db,
  experiments,
  insertArtifactVersion,
  insertExperiment,
} from '@mos/db';
import {
  artifactExamples,
  type ExperimentSpecSet,
  formatSpecOf,
  type GeneratedAssetOutput,
} from '@mos/db/artifacts';
import { and, eq } from 'drizzle-orm';
import type { RecordedRequest } from '../../src/testing/openai-stand-in';
import type { Stack, Tenant } from './stack';

export const SERUM_PRICE_CENTS = 3800;
export const SERUM_PRICE_EUR_CENTS = 3600;
export const SERUM_GUARANTEE = '60-day "calm skin" guarantee: full refund, even on an empty bottle.';

export interface PlannedCampaign {
  clientId: string;
  campaignId: string;
  specArtifactId: string;
  /** spec id → experiments row id */
  experimentIds: Record<string, string>;
  briefArtifactId: string | null;
}

/**
 * A client with its approved onboarding, an offer ($38 serum with the 60-day guarantee), a campaign with the example
 * experiment specs approved, one planned experiments row per spec, and (with `briefs`) the example brief set approved.
 */
export async function plannedCampaign(
  stack: Stack,
  t: Tenant,
  opts: { briefs: boolean; usAndDe?: boolean },
): Promise<PlannedCampaign> {
  // A US + DE brand: the serum has a USD and a EUR price, the SPF a USD price only.
  const client = await t.createClient(
    opts.usAndDe ? { primaryMarkets: ['US', 'DE'], primaryLanguages: ['en-US', 'de-DE'] } : {},
  );
  await t.seedApprovedOnboarding(client.id);
  await t.admin.offers.create.mutate({
    clientId: client.id,
    name: 'Barrier Reset Serum',
    description: '30 ml serum with 5% niacinamide and three ceramides.',
    businessModel: 'One-off purchase or subscribe & save 20% every 8 weeks',
    differentiationBullets: ['5% niacinamide', 'Three ceramides'],
    guaranteeText: SERUM_GUARANTEE,
    pricePoints: [
      { label: 'One-off', amountCents: SERUM_PRICE_CENTS, currency: 'USD' },
      ...(opts.usAndDe ? [{ label: 'Einzelkauf', amountCents: SERUM_PRICE_EUR_CENTS, currency: 'EUR' }] : []),
    ],
  });
  if (opts.usAndDe)
    await t.admin.offers.create.mutate({
      clientId: client.id,
      name: 'Daily Shield SPF 30',
      businessModel: 'One-off purchase',
      pricePoints: [{ label: 'One-off', amountCents: 2600, currency: 'USD' }],
    });
  const campaign = await t.createCampaign(
    client.id,
    opts.usAndDe ? { markets: ['US', 'DE'], currency: 'USD' } : {},
  );
  const common = {
    orgId: t.orgId,
    clientId: client.id,
    campaignId: campaign.id,
    source: 'import',
    status: 'approved',
  } as const;
  const specSet: ExperimentSpecSet = {
    ...structuredClone(artifactExamples.experiment_spec),
    clientId: client.id,
    campaignId: campaign.id,
  };
  const spec = await insertArtifactVersion(stack.db, { ...common, type: 'experiment_spec', data: specSet });
  const experimentIds: Record<string, string> = {};
  for (const s of specSet.experimentSpecs) {
    const row = await insertExperiment(stack.db, t.orgId, {
      clientId: client.id,
      campaignId: campaign.id,
      name: s.name,
      experimentSpecArtifactId: spec.id,
      specId: s.id,
    });
    experimentIds[s.id] = row.id;
  }
  let briefArtifactId: string | null = null;
  if (opts.briefs) {
    const set = structuredClone(artifactExamples.asset_brief);
    const data = {
      clientId: client.id,
      campaignId: campaign.id,
      assetBriefs: set.assetBriefs.map((b) => ({ ...b, clientId: client.id, campaignId: campaign.id })),
    };
    briefArtifactId = (await insertArtifactVersion(stack.db, { ...common, type: 'asset_brief', data })).id;
  }
  return {
    clientId: client.id,
    campaignId: campaign.id,
    specArtifactId: spec.id,
    experimentIds,
    briefArtifactId,
  };
}

/**
 * Generated copy as a model would write it for the requested requirement: variant 1 is clean and quotes the real
 * price and guarantee; variant 2 uses a banned phrase ("miracle") and a price no offer has ($29).
 */
export function generatedAssets(request: RecordedRequest): { assets: GeneratedAssetOutput[] } {
  const format = /Format:\s*(\S+)/.exec(request.text)?.[1] ?? 'static_1080x1080';
  const channel = /Channel:\s*(\S+)/.exec(request.text)?.[1] ?? 'meta';
  const spec = formatSpecOf({ channel, format });
  const video = spec.kind === 'video';
  const end = spec.durationSeconds ?? 30;
  const scenes = (first: string, rest: string) =>
    video
      ? [
          { start: 0, end: 3, visual: first, onScreenText: null, voiceover: null },
          { start: 3, end, visual: rest, onScreenText: null, voiceover: null },
        ]
      : null;
  const common = {
    headlines: null,
    descriptions: null,
    cta: 'shop_now' as const,
    aspectRatio: spec.aspectRatios[0] ?? null,
  };
  if (spec.kind === 'search_rsa') {
    const search = {
      ...common,
      headline: null,
      primaryText: null,
      scenes: null,
      aspectRatio: null,
      imagePrompt: null,
    };
    return {
      assets: [
        {
          ...search,
          angle: 'Barrier repair story',
          hook: 'Calm skin in three steps',
          headlines: ['Calm Skin in Three Steps', 'Barrier Reset Serum $38', '60-Day Guarantee'],
          descriptions: [
            '5% niacinamide and three ceramides for reactive skin.',
            'Barrier Reset Serum, $38.',
          ],
        },
        {
          ...search,
          angle: 'Barrier repair story',
          hook: 'A miracle for reactive skin',
          headlines: ['A Miracle for Reactive Skin', 'Now Only $29', 'Calm Skin Fast'],
          descriptions: ['The serum everyone is talking about.', 'Now only $29.'],
        },
      ],
    };
  }
  const image = spec.kind === 'image' || spec.kind === 'video';
  return {
    assets: [
      {
        ...common,
        angle: 'Barrier repair story',
        headline: 'Calm skin in three steps',
        hook: 'If your skin stings after moisturiser, read this',
        primaryText:
          'If your skin stings after moisturiser, read this. 5% niacinamide and three ceramides help your barrier ' +
          'hold water again. Barrier Reset Serum, $38, with our 60-day guarantee.',
        scenes: scenes('Creator touches her cheek', 'Her routine, then the serum on a pack shot'),
        imagePrompt: image ? 'Serum bottle on linen, natural light, moss green background' : null,
      },
      {
        ...common,
        angle: 'Barrier repair story',
        headline: 'A miracle for reactive skin',
        hook: 'This changed everything',
        primaryText: 'This changed everything. The serum everyone is talking about, now only $29.',
        scenes: scenes('Product spin', 'Testimonials'),
        imagePrompt: image ? 'Serum bottle with sparkles' : null,
      },
    ],
  };
}

/** Performance snapshots for one generated asset per variant of an experiment: one window per asset. */
export async function insertSnapshots(
  db: Db,
  orgId: string,
  experimentId: string,
  counts: Record<string, { impressions: number; clicks: number; conversions: number; spend: number }>,
  window: { from: Date; to: Date } = {
    from: new Date('2026-01-05T00:00:00Z'),
    to: new Date('2026-01-12T00:00:00Z'),
  },
): Promise<string[]> {
  const [exp] = await db
    .select()
    .from(experiments)
    .where(and(eq(experiments.orgId, orgId), eq(experiments.id, experimentId)));
  if (!exp) throw new Error(`no experiment ${experimentId}`);
  const ids: string[] = [];
  for (const [variantId, metrics] of Object.entries(counts)) {
    const [asset] = await db
      .insert(assets)
      .values({
        orgId,
        clientId: exp.clientId,
        campaignId: exp.campaignId,
        experimentId,
        variantId,
        sourceType: 'generated',
        status: 'approved',
        channelId: 'meta',
        format: 'video_30s',
        content: { headline: `Ad for ${variantId}` },
      })
      .returning({ id: assets.id });
    if (!asset) throw new Error('asset insert returned no row');
    await db.insert(assetPerformanceSnapshots).values({
      orgId,
      assetId: asset.id,
      experimentId,
      timeFrom: window.from,
      timeTo: window.to,
      metrics,
      segments: {},
    });
    ids.push(asset.id);
  }
  return ids;
}
