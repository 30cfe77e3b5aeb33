import { clients, recordExperimentEffects } from '@mos/db';
import { seedExperiment } from '@mos/db/testing';
import { pooledEffects } from '@mos/stats';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, failure, fieldPaths, newTenant, type TestApp } from './support/harness';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const lift = (l: number, se: number) => ({
  lift: l,
  se,
  ci: null,
  pValue: null,
  units: null,
  controlUnits: null,
});

describe('experiments.priors', () => {
  it('pools the org’s finished effects by the client’s vertical; members may read it', async () => {
    const tenant = await newTenant(t);
    const api = t.client(tenant.member);
    const me = await t.client(tenant.admin).me.get.query();
    const client = await t
      .client(tenant.admin)
      .clients.create.mutate({ name: 'Glow Labs', primaryMarkets: ['US'], primaryLanguages: ['en'] });
    await t.database.db.update(clients).set({ adVertical: 'skincare' }).where(eq(clients.id, client.id));
    expect(await api.experiments.priors.query({ clientId: client.id, metric: 'cvr' })).toEqual({
      prior: null,
      effects: 0,
    });

    const db = t.database.db;
    const effects = [
      ['skincare', 0.12, 0.04],
      ['skincare', 0.04, 0.05],
      ['fitness', -0.03, 0.03],
    ] as const;
    for (const [vertical, l, se] of effects) {
      const fx = await seedExperiment(db, {
        arms: ['control', 't'],
        orgId: me.org.id,
        adVertical: vertical,
      });
      await recordExperimentEffects(db, me.org.id, {
        experimentId: fx.experimentId,
        phase: 1,
        metric: 'cvr',
        effects: [{ armId: 't', lift: lift(l, se) }],
      });
    }
    const expected = pooledEffects(effects.map(([group, l, se]) => ({ group, lift: l, se }))).get('skincare');
    const got = await api.experiments.priors.query({ clientId: client.id, metric: 'cvr' });
    expect(got).toEqual({
      prior: { vertical: 'skincare', metric: 'cvr', mean: expected?.mean, sd: expected?.sd, experiments: 2 },
      effects: 3,
    });
    expect(await api.experiments.priors.query({ clientId: client.id, metric: 'roas' })).toEqual({
      prior: null,
      effects: 0,
    });
  });

  it('refuses an unknown metric by name and answers NOT_FOUND for another org’s client', async () => {
    const a = await newTenant(t);
    const b = await newTenant(t);
    const client = await t
      .client(a.admin)
      .clients.create.mutate({ name: 'Theirs', primaryMarkets: ['US'], primaryLanguages: ['en'] });
    const bad = await failure(
      t.client(a.member).experiments.priors.query({ clientId: client.id, metric: 'conversion' as never }),
    );
    expect(bad.code).toBe('BAD_REQUEST');
    expect(fieldPaths(bad)).toEqual(['metric']);
    const foreign = await failure(
      t.client(b.admin).experiments.priors.query({ clientId: client.id, metric: 'cvr' }),
    );
    expect(foreign.code).toBe('NOT_FOUND');
    const missing = await failure(
      t.client(a.admin).experiments.priors.query({ clientId: crypto.randomUUID(), metric: 'cvr' }),
    );
    expect(missing.code).toBe('NOT_FOUND');
  });
});
