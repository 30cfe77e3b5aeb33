import { assets, listAudit } from '@mos/db';
import { signalsFixture as fixture, testPostgresUrl } from '@mos/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, failure, newTenant, type TestApp } from './support/harness';

/**
 * The client page's ad links: `assets.platformAds` lists which Meta ad reports for which asset (any member reads),
 * `assets.unlinkPlatformAd` removes a link (operators and admins, audited); both scoped to the org.
 */
describe.each([
  ['PGlite', undefined],
  ['PostgreSQL', testPostgresUrl()],
])('asset platform ads on %s', (_name, databaseUrl) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ databaseUrl });
  });
  afterAll(async () => {
    await t.close();
  });

  const adId = () => String(Math.floor(Math.random() * 1e15));

  async function setup() {
    const tenant = await newTenant(t);
    const operator = t.client(tenant.operator);
    const orgId = (await operator.me.get.query()).org.id;
    const fx = await fixture(t.database.db, orgId);
    return {
      orgId,
      fx,
      admin: t.client(tenant.admin),
      operator,
      member: t.client(tenant.member),
      control: fx.assets.control ?? '',
      treatment: fx.assets.treatment ?? '',
    };
  }

  it('lists the links of a client with the asset, its arm and experiment, newest first', async () => {
    const s = await setup();
    const [first, second] = [adId(), adId()];
    await s.operator.assets.linkPlatformAd.mutate({
      assetId: s.control,
      platform: 'meta',
      externalAdId: first,
    });
    await s.operator.assets.linkPlatformAd.mutate({
      assetId: s.treatment,
      platform: 'meta',
      externalAdId: second,
    });
    // A headline written as lines reads as the gallery shows it; an asset without one has none.
    await t.database.db
      .update(assets)
      .set({ content: { headline: ['Line one', 'Line two'] } })
      .where(eq(assets.id, s.treatment));
    const { items } = await s.member.assets.platformAds.query({ clientId: s.fx.clientId });
    expect(items.map((i) => i.externalAdId).sort()).toEqual([first, second].sort());
    const byAd = new Map(items.map((i) => [i.externalAdId, i]));
    expect(byAd.get(first)).toMatchObject({
      assetId: s.control,
      variantId: 'control',
      experimentId: s.fx.experimentId,
      platform: 'meta',
      channelId: 'meta_feed',
      format: 'image',
    });
    expect(byAd.get(first)?.headline).toMatch(/^control /);
    expect(byAd.get(second)?.headline).toBe('Line one\nLine two');
    expect(Date.parse(byAd.get(first)?.createdAt ?? '')).not.toBeNaN();
    const times = items.map((i) => Date.parse(i.createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    // Moving an ad to the other asset shows it there, once.
    await s.operator.assets.linkPlatformAd.mutate({
      assetId: s.treatment,
      platform: 'meta',
      externalAdId: first,
    });
    const moved = await s.member.assets.platformAds.query({ clientId: s.fx.clientId });
    expect(moved.items.filter((i) => i.externalAdId === first).map((i) => i.assetId)).toEqual([s.treatment]);
  });

  it('unlinks for operators and admins with an audit entry; members are refused', async () => {
    const s = await setup();
    const [a, b] = [adId(), adId()];
    for (const externalAdId of [a, b])
      await s.operator.assets.linkPlatformAd.mutate({ assetId: s.control, platform: 'meta', externalAdId });

    const forbidden = await failure(
      s.member.assets.unlinkPlatformAd.mutate({ platform: 'meta', externalAdId: a }),
    );
    expect(forbidden.code).toBe('FORBIDDEN');

    expect(await s.operator.assets.unlinkPlatformAd.mutate({ platform: 'meta', externalAdId: a })).toEqual({
      platform: 'meta',
      externalAdId: a,
      assetId: s.control,
    });
    await s.admin.assets.unlinkPlatformAd.mutate({ platform: 'meta', externalAdId: b });
    expect((await s.member.assets.platformAds.query({ clientId: s.fx.clientId })).items).toEqual([]);

    const audit = await listAudit(t.database.db, s.orgId, { targetId: s.control });
    const unlinks = audit.filter((e) => e.action === 'asset.unlink_platform_ad');
    expect(unlinks.map((e) => (e.data as { externalAdId: string }).externalAdId).sort()).toEqual(
      [a, b].sort(),
    );
    expect(unlinks.every((e) => e.targetType === 'asset')).toBe(true);

    // Unlinking again: there is nothing to remove.
    const gone = await failure(
      s.operator.assets.unlinkPlatformAd.mutate({ platform: 'meta', externalAdId: a }),
    );
    expect(gone.code).toBe('NOT_FOUND');
  });

  it("answers NOT_FOUND for another org's client and cannot unlink its ads", async () => {
    const s = await setup();
    const stranger = await setup();
    const ad = adId();
    await s.operator.assets.linkPlatformAd.mutate({ assetId: s.control, platform: 'meta', externalAdId: ad });

    const list = await failure(stranger.member.assets.platformAds.query({ clientId: s.fx.clientId }));
    expect(list.code).toBe('NOT_FOUND');
    const unlink = await failure(
      stranger.admin.assets.unlinkPlatformAd.mutate({ platform: 'meta', externalAdId: ad }),
    );
    expect(unlink.code).toBe('NOT_FOUND');
    // Our link is still there, and the stranger's own client lists nothing of ours.
    expect((await s.member.assets.platformAds.query({ clientId: s.fx.clientId })).items).toHaveLength(1);
    expect(
      (await stranger.member.assets.platformAds.query({ clientId: stranger.fx.clientId })).items,
    ).toEqual([]);
  });

  it('validates the ad id', async () => {
    const s = await setup();
    const bad = await failure(
      s.operator.assets.unlinkPlatformAd.mutate({ platform: 'meta', externalAdId: 'abc' }),
    );
    expect(bad.code).toBe('BAD_REQUEST');
  });
});
