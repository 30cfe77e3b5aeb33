import { assets, campaigns, experiments, listAudit } from '@mos/db';
import { artifactExamples } from '@mos/db/artifacts';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, failure, fieldPaths, newTenant, type TestApp } from './support/harness';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

type AssetInsert = typeof assets.$inferInsert;

/**
 * A tenant with a client, a campaign and an experiment. Assets are written by CreativeProduction, so tests
 * insert them directly.
 */
async function setup() {
  const tenant = await newTenant(t);
  const admin = t.client(tenant.admin);
  const me = await admin.me.get.query();
  const orgId = me.org.id;
  const client = await admin.clients.create.mutate({
    name: 'Lumen & Moss',
    primaryMarkets: ['US'],
    primaryLanguages: ['en'],
  });
  const db = t.database.db;
  const [campaign] = await db
    .insert(campaigns)
    .values({ orgId, clientId: client.id, name: 'Q3 launch' })
    .returning();
  if (!campaign) throw new Error('no campaign');
  const spec = await admin.artifacts.createVersion.mutate({
    clientId: client.id,
    campaignId: campaign.id,
    type: 'experiment_spec',
    data: {
      ...structuredClone(artifactExamples.experiment_spec),
      clientId: client.id,
      campaignId: campaign.id,
    },
  });
  const [experiment] = await db
    .insert(experiments)
    .values({
      orgId,
      clientId: client.id,
      campaignId: campaign.id,
      name: 'Hook test',
      experimentSpecArtifactId: spec.id,
      specId: artifactExamples.experiment_spec.experimentSpecs[0]?.id ?? 'spec',
    })
    .returning();
  if (!experiment) throw new Error('no experiment');
  let n = 0;
  const asset = async (over: Partial<AssetInsert> = {}) => {
    n += 1;
    const [row] = await db
      .insert(assets)
      .values({
        orgId,
        clientId: client.id,
        campaignId: campaign.id,
        sourceType: 'generated',
        channelId: 'meta',
        format: 'static_1080x1080',
        content: { headline: `Headline ${n}`, primaryText: 'Calm skin is strong skin.' },
        ...over,
      })
      .returning();
    if (!row) throw new Error('no asset');
    return row;
  };
  return {
    tenant,
    orgId,
    clientId: client.id,
    campaignId: campaign.id,
    experimentId: experiment.id,
    asset,
    member: t.client(tenant.member),
    operator: t.client(tenant.operator),
    admin,
  };
}

const rows = (ids: string[]) => t.database.db.select().from(assets).where(inArray(assets.id, ids));

describe('assets.list / get', () => {
  it('filters by client, campaign, experiment, status and channel, newest first with a cursor', async () => {
    const s = await setup();
    const a1 = await s.asset();
    const a2 = await s.asset({ experimentId: s.experimentId, channelId: 'google_search', format: 'rsa' });
    const a3 = await s.asset({ experimentId: s.experimentId, status: 'qa_passed' });
    const a4 = await s.asset({ campaignId: null });
    const ids = async (input: Parameters<typeof s.member.assets.list.query>[0]) =>
      (await s.member.assets.list.query(input)).items.map((a) => a.id);
    expect(await ids({})).toEqual([a4.id, a3.id, a2.id, a1.id]);
    expect(await ids({ clientId: s.clientId, campaignId: s.campaignId })).toEqual([a3.id, a2.id, a1.id]);
    expect(await ids({ experimentId: s.experimentId })).toEqual([a3.id, a2.id]);
    expect(await ids({ experimentId: s.experimentId, status: 'qa_passed' })).toEqual([a3.id]);
    expect(await ids({ channelId: 'google_search' })).toEqual([a2.id]);
    expect(await ids({ channelId: 'tiktok' })).toEqual([]);
    const p1 = await s.member.assets.list.query({ limit: 3 });
    expect(p1.items.map((a) => a.id)).toEqual([a4.id, a3.id, a2.id]);
    const p2 = await s.member.assets.list.query({ limit: 3, cursor: p1.nextCursor });
    expect(p2.items.map((a) => a.id)).toEqual([a1.id]);
    expect(p2.nextCursor).toBeNull();

    const got = await s.member.assets.get.query({ id: a2.id });
    expect(got).toMatchObject({ id: a2.id, channelId: 'google_search', format: 'rsa', status: 'draft' });
    expect(got.content).toEqual({ headline: 'Headline 2', primaryText: 'Calm skin is strong skin.' });
    expect(typeof got.createdAt).toBe('string');
  });
});

describe('assets.update', () => {
  it('lets a member edit content and labels, leaving status and statusChangedAt alone', async () => {
    const s = await setup();
    const a = await s.asset();
    const content = { headline: 'Three steps. No fragrance.', primaryText: 'Every percentage on the label.' };
    const updated = await s.member.assets.update.mutate({
      id: a.id,
      content,
      angleType: 'proof',
      variantId: 'v-b',
    });
    expect(updated).toMatchObject({
      content,
      angleType: 'proof',
      variantId: 'v-b',
      status: 'draft',
      statusChangedAt: null,
    });
    const cleared = await s.member.assets.update.mutate({ id: a.id, variantId: null });
    expect(cleared).toMatchObject({ variantId: null, angleType: 'proof', content });
    expect(await s.member.assets.update.mutate({ id: a.id })).toEqual(cleared);
  });

  it('lets an operator change status, stamping statusChangedAt only on a real change, audited', async () => {
    const s = await setup();
    const a = await s.asset();
    const forbidden = await failure(s.member.assets.update.mutate({ id: a.id, status: 'approved' }));
    expect(forbidden.code).toBe('FORBIDDEN');
    expect((await rows([a.id]))[0]?.status).toBe('draft');

    const approved = await s.operator.assets.update.mutate({ id: a.id, status: 'approved' });
    expect(approved.status).toBe('approved');
    expect(typeof approved.statusChangedAt).toBe('string');
    const same = await s.operator.assets.update.mutate({ id: a.id, status: 'approved' });
    expect(same.statusChangedAt).toBe(approved.statusChangedAt);
    const audit = await listAudit(t.database.db, s.orgId, { targetId: a.id });
    expect(audit.map((r) => [r.action, r.data])).toEqual([
      ['asset.status', { status: 'approved' }],
      ['asset.status', { status: 'approved' }],
    ]);
  });

  it('refuses content over 64 KB, not an object, or nested too deep, naming content; nothing changes', async () => {
    const s = await setup();
    const a = await s.asset();
    const big = await failure(
      s.member.assets.update.mutate({ id: a.id, content: { script: 'x'.repeat(64 * 1024) } }),
    );
    expect(big.code).toBe('BAD_REQUEST');
    expect(fieldPaths(big)).toEqual(['content']);
    // Multi-byte characters count as the bytes they take: 22k × 3 bytes is over 64 KB though under 64k characters.
    const wide = await failure(
      s.member.assets.update.mutate({ id: a.id, content: { script: '€'.repeat(22_000) } }),
    );
    expect(fieldPaths(wide)).toEqual(['content']);
    expect(fieldPaths(await failure(s.member.assets.update.mutate({ id: a.id, content: ['a'] })))).toEqual([
      'content',
    ]);
    expect(fieldPaths(await failure(s.member.assets.update.mutate({ id: a.id, content: 'text' })))).toEqual([
      'content',
    ]);
    let deep: Record<string, unknown> = { leaf: true };
    for (let i = 0; i < 40; i++) deep = { next: deep };
    expect(fieldPaths(await failure(s.member.assets.update.mutate({ id: a.id, content: deep })))).toEqual([
      'content',
    ]);
    expect((await rows([a.id]))[0]?.content).toEqual(a.content);
    // Just under the bound is accepted.
    const fits = await s.member.assets.update.mutate({
      id: a.id,
      content: { script: 'x'.repeat(60 * 1024) },
    });
    expect((fits.content as { script: string }).script).toHaveLength(60 * 1024);
  });

  it('refuses bad input naming the field', async () => {
    const s = await setup();
    const a = await s.asset();
    expect(fieldPaths(await failure(s.member.assets.update.mutate({ id: 'x' })))).toContain('id');
    expect(fieldPaths(await failure(s.member.assets.update.mutate({ id: a.id, channelId: '' })))).toContain(
      'channelId',
    );
    expect(
      fieldPaths(await failure(s.member.assets.update.mutate({ id: a.id, format: 'f'.repeat(101) }))),
    ).toContain('format');
    expect(
      fieldPaths(await failure(s.operator.assets.update.mutate({ id: a.id, status: 'live' } as never))),
    ).toContain('status');
    expect((await failure(s.member.assets.update.mutate({ id: a.id, orgId: s.orgId } as never))).code).toBe(
      'BAD_REQUEST',
    );
    expect(fieldPaths(await failure(s.member.assets.list.query({ cursor: 'bad' })))).toContain('cursor');
    expect(fieldPaths(await failure(s.member.assets.get.query({ id: '' })))).toContain('id');
  });
});

describe('assets.setStatus', () => {
  it('sets the status of many assets at once and stamps statusChangedAt', async () => {
    const s = await setup();
    const list = [await s.asset(), await s.asset(), await s.asset({ status: 'approved' })];
    const ids = list.map((a) => a.id);
    const res = await s.operator.assets.setStatus.mutate({ ids: [...ids, ids[0] ?? ''], status: 'approved' });
    expect(res).toEqual({ updated: 3 });
    const after = await rows(ids);
    expect(after.every((r) => r.status === 'approved')).toBe(true);
    const stamped = after.filter((r) => r.statusChangedAt !== null).map((r) => r.id);
    // The one that was approved already did not change status, so it keeps no stamp.
    expect(stamped.sort()).toEqual(ids.slice(0, 2).sort());
    const audit = await listAudit(t.database.db, s.orgId);
    expect(audit.filter((r) => r.action === 'asset.status')).toHaveLength(1);
  });

  it('changes nothing and answers NOT_FOUND when any id is missing', async () => {
    const s = await setup();
    const a = await s.asset();
    const missing = crypto.randomUUID();
    const f = await failure(s.operator.assets.setStatus.mutate({ ids: [a.id, missing], status: 'rejected' }));
    expect(f.code).toBe('NOT_FOUND');
    expect(fieldPaths(f)).toEqual(['ids.1']);
    expect((await rows([a.id]))[0]).toMatchObject({ status: 'draft', statusChangedAt: null });
  });

  it('refuses bad input naming the field', async () => {
    const s = await setup();
    const op = s.operator;
    expect(fieldPaths(await failure(op.assets.setStatus.mutate({ ids: [], status: 'approved' })))).toContain(
      'ids',
    );
    const tooMany = Array.from({ length: 201 }, () => crypto.randomUUID());
    expect(
      fieldPaths(await failure(op.assets.setStatus.mutate({ ids: tooMany, status: 'approved' }))),
    ).toContain('ids');
    expect(
      fieldPaths(await failure(op.assets.setStatus.mutate({ ids: ['nope'], status: 'approved' }))),
    ).toContain('ids.0');
    expect(
      fieldPaths(
        await failure(op.assets.setStatus.mutate({ ids: [crypto.randomUUID()], status: 'live' } as never)),
      ),
    ).toContain('status');
  });
});

describe('assets security', () => {
  it('answers UNAUTHORIZED without a token and FORBIDDEN to members on setStatus', async () => {
    const s = await setup();
    const a = await s.asset();
    const anon = t.client(null);
    for (const call of [
      anon.assets.list.query({}),
      anon.assets.get.query({ id: a.id }),
      anon.assets.update.mutate({ id: a.id, content: {} }),
      anon.assets.setStatus.mutate({ ids: [a.id], status: 'approved' }),
    ]) {
      expect((await failure(call)).code).toBe('UNAUTHORIZED');
    }
    expect((await failure(s.member.assets.setStatus.mutate({ ids: [a.id], status: 'approved' }))).code).toBe(
      'FORBIDDEN',
    );
    expect((await rows([a.id]))[0]?.status).toBe('draft');
  });

  it('answers NOT_FOUND for another org’s ids everywhere and changes nothing in either org', async () => {
    const a = await setup();
    const b = await setup();
    const theirs = await a.asset({ experimentId: a.experimentId });
    const ours = await b.asset();
    const x = b.operator;
    const codes = [
      await failure(x.assets.get.query({ id: theirs.id })),
      await failure(x.assets.update.mutate({ id: theirs.id, content: { headline: 'Stolen' } })),
      await failure(x.assets.update.mutate({ id: theirs.id, status: 'rejected' })),
      await failure(x.assets.setStatus.mutate({ ids: [theirs.id], status: 'rejected' })),
      // All or nothing: our own asset is not changed either.
      await failure(x.assets.setStatus.mutate({ ids: [ours.id, theirs.id], status: 'rejected' })),
      await failure(x.assets.list.query({ clientId: a.clientId })),
      await failure(x.assets.list.query({ campaignId: a.campaignId })),
      await failure(x.assets.list.query({ experimentId: a.experimentId })),
    ].map((f) => f.code);
    expect(codes).toEqual(Array(codes.length).fill('NOT_FOUND'));
    const [theirsAfter] = await rows([theirs.id]);
    expect(theirsAfter).toEqual(theirs);
    expect((await rows([ours.id]))[0]).toMatchObject({ status: 'draft', statusChangedAt: null });
    expect((await x.assets.list.query({})).items.map((r) => r.id)).toEqual([ours.id]);
    expect(await t.database.db.select().from(assets).where(eq(assets.orgId, a.orgId))).toHaveLength(1);
  });
});
