import { assets, createWorkflowRun, type Db } from '@mos/db';
import { clientCanonExample, experimentSpecSetExample } from '@mos/db/artifacts';
import type { Hono } from 'hono';

export interface RoundTripCase {
  path: string;
  input: unknown;
}

/** Every list/get procedure, with inputs pointing at rows created here (through the API where it can). */
export async function roundTripCases(ctx: {
  app: Hono;
  token: string;
  db: Db;
  orgId: string;
}): Promise<RoundTripCase[]> {
  const post = async <T>(path: string, body: unknown): Promise<T> => {
    const res = await ctx.app.request(`http://x/trpc/${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ctx.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path} failed: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { result: { data: T } }).result.data;
  };
  const client = await post<{ id: string }>('clients.create', {
    name: 'Round Trip Co',
    primaryMarkets: ['US'],
    primaryLanguages: ['en'],
  });
  const offer = await post<{ id: string }>('offers.create', {
    clientId: client.id,
    name: 'Starter kit',
    businessModel: 'one-off',
    pricePoints: [{ label: 'Kit', amountCents: 4900, currency: 'USD' }],
  });
  const campaign = await post<{ id: string }>('campaigns.create', {
    clientId: client.id,
    name: 'Spring launch',
  });
  const canon = await post<{ id: string }>('artifacts.createVersion', {
    clientId: client.id,
    type: 'client_canon',
    data: { ...clientCanonExample, clientId: client.id },
  });
  const specs = await post<{ id: string }>('artifacts.createVersion', {
    clientId: client.id,
    campaignId: campaign.id,
    type: 'experiment_spec',
    data: { ...experimentSpecSetExample, clientId: client.id, campaignId: campaign.id },
  });
  const spec = experimentSpecSetExample.experimentSpecs[0];
  const experiment = await post<{ id: string }>('experiments.create', {
    campaignId: campaign.id,
    experimentSpecArtifactId: specs.id,
    specId: spec?.id,
    name: spec?.name,
  });
  const [asset] = await ctx.db
    .insert(assets)
    .values({
      orgId: ctx.orgId,
      clientId: client.id,
      campaignId: campaign.id,
      experimentId: experiment.id,
      sourceType: 'generated',
      channelId: 'meta',
      format: 'static_1080x1080',
      content: { headline: 'Calm skin in 3 steps' },
    })
    .returning();
  const run = await createWorkflowRun(ctx.db, {
    id: crypto.randomUUID(),
    orgId: ctx.orgId,
    clientId: client.id,
    campaignId: campaign.id,
    kind: 'campaign_planning',
    temporalWorkflowId: `campaign-planning-${campaign.id}`,
    temporalRunId: crypto.randomUUID(),
    input: {},
    startedBy: null,
  });
  await post('workflows.stop', { runId: run.id }).catch(() => undefined);
  const swipes = await post<{ inserted: number }>('swipes.company.import', { export: await swipeFixture() });
  if (swipes.inserted === 0) throw new Error('swipe fixture imported nothing');
  const companySwipe = await firstCompanySwipe(ctx);
  const saved = await post<{ id: string }>('swipes.client.save', {
    clientId: client.id,
    companySwipeId: companySwipe,
    tags: ['hook'],
    isGoodExample: true,
    isBadExample: false,
  });
  void offer;
  void saved;
  return [
    { path: 'me.get', input: undefined },
    { path: 'clients.list', input: {} },
    { path: 'clients.get', input: { id: client.id } },
    { path: 'offers.list', input: { clientId: client.id } },
    { path: 'onboarding.latestIntake', input: { clientId: client.id } },
    { path: 'onboarding.readiness', input: { clientId: client.id } },
    { path: 'campaigns.list', input: { clientId: client.id } },
    { path: 'campaigns.get', input: { id: campaign.id } },
    { path: 'artifacts.list', input: { clientId: client.id } },
    { path: 'artifacts.get', input: { id: canon.id } },
    { path: 'artifacts.latest', input: { clientId: client.id, type: 'client_canon' } },
    { path: 'artifacts.versions', input: { clientId: client.id, type: 'client_canon' } },
    { path: 'experiments.list', input: { campaignId: campaign.id } },
    { path: 'experiments.get', input: { id: experiment.id } },
    { path: 'assets.list', input: { campaignId: campaign.id } },
    { path: 'assets.get', input: { id: asset?.id } },
    { path: 'swipes.brands.list', input: {} },
    { path: 'swipes.company.list', input: { q: 'skin' } },
    { path: 'swipes.company.get', input: { id: companySwipe } },
    { path: 'swipes.client.list', input: { clientId: client.id } },
    { path: 'workflows.list', input: {} },
    { path: 'workflows.get', input: { runId: run.id } },
    { path: 'playbook.get', input: { clientId: client.id } },
    { path: 'llm.usage', input: {} },
  ];
}

async function swipeFixture(): Promise<unknown> {
  const { readFile } = await import('node:fs/promises');
  const { createRequire } = await import('node:module');
  const { pathToFileURL } = await import('node:url');
  // db's fixture, found through the package rather than a relative path into it.
  const dbEntry = pathToFileURL(createRequire(import.meta.url).resolve('@mos/db'));
  const file = new URL('../fixtures/ad-library-export.json', dbEntry);
  return JSON.parse(await readFile(file, 'utf8'));
}

async function firstCompanySwipe(ctx: { app: Hono; token: string }): Promise<string> {
  const res = await ctx.app.request(`http://x/trpc/swipes.company.list?input=${encodeURIComponent('{}')}`, {
    headers: { authorization: `Bearer ${ctx.token}` },
  });
  const body = (await res.json()) as { result: { data: { items: { id: string }[] } } };
  const id = body.result.data.items[0]?.id;
  if (!id) throw new Error('no company swipe to count');
  return id;
}
