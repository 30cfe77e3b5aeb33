import { artifacts, assets, campaigns, insertArtifactVersion } from '@mos/db';
import { ClientCanon, parseArtifactData, StrategySheet } from '@mos/db/artifacts';
import {
  testPostgresUrl,
  v1ClientCanonExample,
  v1GeneratedAssetContent,
  v1StrategySheetExample,
} from '@mos/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, failure, fieldPaths, newTenant, type TestApp } from './support/harness';

/**
 * Documents an earlier MOS version stored (v1, before issue 8), read back through the API on real PostgreSQL:
 * they open in the current shape, can be edited and approved as new versions, and the stored JSON is untouched.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ databaseUrl: testPostgresUrl() });
});
afterAll(async () => {
  await t.close();
});

async function setup() {
  const tenant = await newTenant(t);
  const admin = t.client(tenant.admin);
  const me = await admin.me.get.query();
  const client = await admin.clients.create.mutate({
    name: 'Lumen & Moss',
    primaryMarkets: ['US'],
    primaryLanguages: ['en'],
  });
  const [campaign] = await t.database.db
    .insert(campaigns)
    .values({ orgId: me.org.id, clientId: client.id, name: 'Q3 launch' })
    .returning();
  if (!campaign) throw new Error('campaign insert returned no row');
  return {
    orgId: me.org.id,
    clientId: client.id,
    campaignId: campaign.id,
    member: t.client(tenant.member),
    operator: t.client(tenant.operator),
  };
}

/** Stores `data` as an earlier version would have: straight into `artifacts`, unvalidated. */
async function storeV1(
  s: { orgId: string; clientId: string },
  type: 'client_canon' | 'strategy_sheet',
  data: unknown,
  campaignId: string | null,
  status: 'draft' | 'approved',
) {
  return insertArtifactVersion(t.database.db, {
    orgId: s.orgId,
    clientId: s.clientId,
    campaignId,
    type,
    data,
    source: 'ai',
    status,
  });
}

const storedData = async (id: string) =>
  (await t.database.db.select({ data: artifacts.data }).from(artifacts).where(eq(artifacts.id, id)))[0]?.data;

describe('documents stored by MOS v1, through the API on PostgreSQL', () => {
  it('an approved v1 canon opens in the current shape (get, latest, list), edits and approves as a new version', async () => {
    const s = await setup();
    const v1 = { ...structuredClone(v1ClientCanonExample), clientId: s.clientId };
    const row = await storeV1(s, 'client_canon', v1, null, 'approved');
    // The v1 document really does not parse as a current one.
    expect(parseArtifactData('client_canon', await storedData(row.id)).success).toBe(false);

    const got = await s.member.artifacts.get.query({ id: row.id });
    const canon = ClientCanon.parse(got.data);
    expect(canon.voiceOfCustomer.quotes.map((q) => q.quote)).toEqual(v1.voiceOfCustomer.quotes);
    expect(canon).toMatchObject({ markets: [], awarenessLevel: null, brand: v1.brand, offers: v1.offers });

    const latest = await s.member.artifacts.latest.query({
      clientId: s.clientId,
      type: 'client_canon',
      status: 'approved',
    });
    expect(latest?.id).toBe(row.id);
    expect(latest?.data).toEqual(got.data);
    const listed = await s.member.artifacts.list.query({
      clientId: s.clientId,
      type: 'client_canon',
      limit: 10,
    });
    expect(listed.items.map((i) => i.data)).toEqual([got.data]);

    // Reading does not rewrite what is stored.
    expect(await storedData(row.id)).toEqual(v1);

    // A person edits the opened document (stating the markets and awareness v1 never recorded) and approves it.
    const edited = {
      ...canon,
      markets: [{ country: 'US', language: 'en-US', currency: 'USD' }],
      awarenessLevel: 'problem_aware' as const,
    };
    const v2 = await s.operator.artifacts.createVersion.mutate({
      clientId: s.clientId,
      type: 'client_canon',
      data: edited,
      status: 'approved',
    });
    expect(v2).toMatchObject({ version: 2, status: 'approved', source: 'human' });
    expect(ClientCanon.parse(await storedData(v2.id))).toEqual(edited);
    const versions = await s.member.artifacts.versions.query({ clientId: s.clientId, type: 'client_canon' });
    expect(versions.map((v) => [v.version, v.status])).toEqual([
      [2, 'approved'],
      [1, 'superseded'],
    ]);
    // The opened document, saved unchanged, is accepted too (a draft a person only looked at).
    const same = await s.member.artifacts.createVersion.mutate({
      clientId: s.clientId,
      type: 'client_canon',
      data: got.data,
    });
    expect(same.version).toBe(3);
  });

  it('a v1 strategy sheet draft opens with its budget not stated; a new document in the v1 shape is refused', async () => {
    const s = await setup();
    const v1 = { ...structuredClone(v1StrategySheetExample), clientId: s.clientId, campaignId: s.campaignId };
    const row = await storeV1(s, 'strategy_sheet', v1, s.campaignId, 'draft');
    const sheet = StrategySheet.parse((await s.member.artifacts.get.query({ id: row.id })).data);
    expect(sheet).toMatchObject({ budget: null, phases: [], hypothesis: v1.hypothesis, risks: v1.risks });

    // Writing is not reading: a new version must be in the current shape, and says which fields are missing.
    const refused = await failure(
      s.member.artifacts.createVersion.mutate({
        clientId: s.clientId,
        campaignId: s.campaignId,
        type: 'strategy_sheet',
        data: v1,
      }),
    );
    expect(refused.code).toBe('BAD_REQUEST');
    expect(fieldPaths(refused)).toEqual(
      expect.arrayContaining(['data.budget', 'data.targets', 'data.audiences', 'data.phases']),
    );
  });

  it('a v1 generated asset opens with the per-format fields null and its flat copy', async () => {
    const s = await setup();
    const [asset] = await t.database.db
      .insert(assets)
      .values({
        orgId: s.orgId,
        clientId: s.clientId,
        campaignId: s.campaignId,
        sourceType: 'generated',
        status: 'qa_passed',
        channelId: 'meta',
        format: 'video_30s',
        content: structuredClone(v1GeneratedAssetContent),
      })
      .returning();
    if (!asset) throw new Error('asset insert returned no row');
    const got = await s.member.assets.get.query({ id: asset.id });
    expect(got.content).toEqual({
      ...v1GeneratedAssetContent,
      headlines: null,
      descriptions: null,
      scenes: null,
      cta: null,
      aspectRatio: null,
    });
  });
});
