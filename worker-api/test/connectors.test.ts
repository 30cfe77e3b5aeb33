import { assetPlatformAds, listAudit } from '@mos/db';
import { signalsFixture } from '@mos/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, failure, fieldPaths, newTenant, type TestApp } from './support/harness';

/** Ad connectors (Meta) and platform ad links: admins change connectors (audited), the token stays a secret name. */
const KEY = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));
const TOKEN = `EAAG-${crypto.randomUUID()}-token-value`;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { MOS_SECRETS_KEY: KEY } });
});
afterAll(async () => {
  await t.close();
});

const settings = {
  adAccountId: 'act_1234567890',
  tokenSecret: 'META_ADS_TOKEN',
  attributionWindows: ['7d_click', '1d_view'] as ('7d_click' | '1d_view')[],
  trailingDays: 7,
  apiVersion: 'v21.0',
};

async function tenantWithClient() {
  const tenant = await newTenant(t);
  const admin = t.client(tenant.admin);
  const orgId = (await admin.me.get.query()).org.id;
  const fx = await signalsFixture(t.database.db, orgId);
  return { tenant, orgId, fx, admin, operator: t.client(tenant.operator), member: t.client(tenant.member) };
}

describe('connectors', () => {
  it('sets up, reads, changes and removes a Meta connector; every change is audited; no token in any answer', async () => {
    const { orgId, fx, admin, member } = await tenantWithClient();
    expect(await admin.connectors.get.query({ clientId: fx.clientId })).toEqual({
      meta: null,
      secretNames: [],
    });

    // The secret must exist before a connector may name it.
    const missing = await failure(
      admin.connectors.upsertMeta.mutate({ clientId: fx.clientId, settings, enabled: true }),
    );
    expect(missing.code).toBe('BAD_REQUEST');
    expect(fieldPaths(missing)).toEqual(['settings.tokenSecret']);
    await admin.secrets.set.mutate({ name: 'META_ADS_TOKEN', value: TOKEN });

    const created = await admin.connectors.upsertMeta.mutate({
      clientId: fx.clientId,
      settings,
      enabled: true,
    });
    expect(created).toEqual({ settings, enabled: true, lastPulledAt: null, lastResult: null });
    const changed = await admin.connectors.upsertMeta.mutate({
      clientId: fx.clientId,
      settings: { ...settings, trailingDays: 3, conversionActionTypes: ['lead'] },
      enabled: false,
    });
    expect(changed).toMatchObject({
      enabled: false,
      settings: { trailingDays: 3, conversionActionTypes: ['lead'] },
    });

    const asAdmin = await admin.connectors.get.query({ clientId: fx.clientId });
    expect(asAdmin.secretNames).toEqual(['META_ADS_TOKEN']);
    expect(asAdmin.meta).toEqual(changed);
    // Members read the connector but not the org's secret names.
    const asMember = await member.connectors.get.query({ clientId: fx.clientId });
    expect(asMember).toEqual({ meta: changed, secretNames: [] });

    expect(await admin.connectors.remove.mutate({ clientId: fx.clientId, platform: 'meta' })).toEqual({
      clientId: fx.clientId,
      platform: 'meta',
      deleted: true,
    });
    expect((await admin.connectors.get.query({ clientId: fx.clientId })).meta).toBeNull();
    expect(
      (await failure(admin.connectors.remove.mutate({ clientId: fx.clientId, platform: 'meta' }))).code,
    ).toBe('NOT_FOUND');

    const audit = await listAudit(t.database.db, orgId);
    const actions = audit.filter((a) => a.action.startsWith('connector.')).map((a) => a.action);
    expect(actions.sort()).toEqual(['connector.create', 'connector.delete', 'connector.update']);
    const everything = JSON.stringify({ created, changed, asAdmin, asMember, audit });
    expect(everything).not.toContain(TOKEN);
  });

  it('refuses bad settings naming the field, non-admin changes FORBIDDEN, another org NOT_FOUND', async () => {
    const { fx, admin, operator, member } = await tenantWithClient();
    const other = await tenantWithClient();
    await admin.secrets.set.mutate({ name: 'META_ADS_TOKEN', value: TOKEN });
    await other.admin.secrets.set.mutate({ name: 'META_ADS_TOKEN', value: TOKEN });

    const bad = await failure(
      admin.connectors.upsertMeta.mutate({
        clientId: fx.clientId,
        settings: { ...settings, adAccountId: '1234567890', trailingDays: 60 },
        enabled: true,
      }),
    );
    expect(bad.code).toBe('BAD_REQUEST');
    expect(fieldPaths(bad).sort()).toEqual(['settings.adAccountId', 'settings.trailingDays']);

    for (const api of [operator, member]) {
      const upsert = await failure(
        api.connectors.upsertMeta.mutate({ clientId: fx.clientId, settings, enabled: true }),
      );
      expect(upsert.code).toBe('FORBIDDEN');
      expect(
        (await failure(api.connectors.remove.mutate({ clientId: fx.clientId, platform: 'meta' }))).code,
      ).toBe('FORBIDDEN');
    }
    await admin.connectors.upsertMeta.mutate({ clientId: fx.clientId, settings, enabled: true });
    // Another org's admin, with a secret of the same name, cannot read, overwrite or remove our client's connector.
    for (const call of [
      () => other.admin.connectors.get.query({ clientId: fx.clientId }),
      () => other.admin.connectors.upsertMeta.mutate({ clientId: fx.clientId, settings, enabled: false }),
      () => other.admin.connectors.remove.mutate({ clientId: fx.clientId, platform: 'meta' }),
    ]) {
      expect((await failure(call())).code).toBe('NOT_FOUND');
    }
    expect((await admin.connectors.get.query({ clientId: fx.clientId })).meta?.enabled).toBe(true);
  });
});

describe('assets.linkPlatformAd', () => {
  it('links an ad to an asset, moves it when linked again (naming the asset it left), audited', async () => {
    const { orgId, fx, operator } = await tenantWithClient();
    const linked = await operator.assets.linkPlatformAd.mutate({
      assetId: fx.assets.control ?? '',
      platform: 'meta',
      externalAdId: '120210000000000001',
    });
    expect(linked).toEqual({
      assetId: fx.assets.control,
      platform: 'meta',
      externalAdId: '120210000000000001',
      previousAssetId: null,
    });
    const moved = await operator.assets.linkPlatformAd.mutate({
      assetId: fx.assets.treatment ?? '',
      platform: 'meta',
      externalAdId: '120210000000000001',
    });
    expect(moved.previousAssetId).toBe(fx.assets.control);
    const rows = await t.database.db.select().from(assetPlatformAds).where(eq(assetPlatformAds.orgId, orgId));
    expect(rows.map((r) => [r.assetId, r.externalAdId])).toEqual([
      [fx.assets.treatment, '120210000000000001'],
    ]);
    const audit = await listAudit(t.database.db, orgId, { targetId: fx.assets.treatment ?? '' });
    expect(audit.map((a) => a.action)).toEqual(['asset.link_platform_ad']);
  });

  it('refuses a non-numeric ad id, members FORBIDDEN, another org NOT_FOUND (and the same ad id stays per org)', async () => {
    const { fx, operator, member } = await tenantWithClient();
    const other = await tenantWithClient();
    const input = { assetId: fx.assets.control ?? '', platform: 'meta' as const, externalAdId: '555' };
    const bad = await failure(operator.assets.linkPlatformAd.mutate({ ...input, externalAdId: 'ad-555' }));
    expect(bad.code).toBe('BAD_REQUEST');
    expect(fieldPaths(bad)).toEqual(['externalAdId']);
    expect((await failure(member.assets.linkPlatformAd.mutate(input))).code).toBe('FORBIDDEN');
    expect((await failure(other.operator.assets.linkPlatformAd.mutate(input))).code).toBe('NOT_FOUND');
    // Both orgs may link the same platform ad id to their own assets.
    await operator.assets.linkPlatformAd.mutate(input);
    const theirs = await other.operator.assets.linkPlatformAd.mutate({
      ...input,
      assetId: other.fx.assets.control ?? '',
    });
    expect(theirs.previousAssetId).toBeNull();
  });
});
