import type { Db } from '../db-type';
import { artifacts } from '../schema/artifacts';
import { assets } from '../schema/assets';
import { campaigns } from '../schema/campaigns';
import { clients } from '../schema/clients';
import { experiments } from '../schema/experiments';

export interface SignalsFixture {
  clientId: string;
  campaignId: string;
  experimentId: string;
  /** Asset id per experiment arm. */
  assets: Record<string, string>;
}

/**
 * A client of the org with a campaign, a two-arm experiment (`control`, `treatment`) and one Meta ad asset per arm,
 * for tests of snapshot imports and platform pulls. Random names, no shared ids.
 */
export async function signalsFixture(
  db: Db,
  orgId: string,
  arms = ['control', 'treatment'],
): Promise<SignalsFixture> {
  const tag = crypto.randomUUID().slice(0, 8);
  const [client] = await db
    .insert(clients)
    .values({ orgId, name: `Signals Client ${tag}`, industry: 'DTC skincare' })
    .returning({ id: clients.id });
  if (!client) throw new Error('client insert returned nothing');
  const [campaign] = await db
    .insert(campaigns)
    .values({ orgId, clientId: client.id, name: `Spring ${tag}` })
    .returning({ id: campaigns.id });
  if (!campaign) throw new Error('campaign insert returned nothing');
  const [spec] = await db
    .insert(artifacts)
    .values({
      orgId,
      clientId: client.id,
      campaignId: campaign.id,
      type: 'experiment_spec',
      version: 1,
      source: 'human',
      data: { experimentSpecs: [] },
    })
    .returning({ id: artifacts.id });
  if (!spec) throw new Error('artifact insert returned nothing');
  const [experiment] = await db
    .insert(experiments)
    .values({
      orgId,
      clientId: client.id,
      campaignId: campaign.id,
      name: `Hook test ${tag}`,
      experimentSpecArtifactId: spec.id,
      specId: 'hook-test',
    })
    .returning({ id: experiments.id });
  if (!experiment) throw new Error('experiment insert returned nothing');
  const out: Record<string, string> = {};
  for (const arm of arms) {
    const [asset] = await db
      .insert(assets)
      .values({
        orgId,
        clientId: client.id,
        campaignId: campaign.id,
        experimentId: experiment.id,
        variantId: arm,
        sourceType: 'generated',
        status: 'approved',
        channelId: 'meta_feed',
        format: 'image',
        content: { headline: `${arm} ${tag}` },
      })
      .returning({ id: assets.id });
    if (!asset) throw new Error('asset insert returned nothing');
    out[arm] = asset.id;
  }
  return { clientId: client.id, campaignId: campaign.id, experimentId: experiment.id, assets: out };
}
