import { pooledEffects } from '@mos/stats';
import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import {
  EffectsError,
  listEffectsForPooling,
  priorFor,
  recordExperimentEffects,
} from '../src/data/experiment-effects';
import { clients } from '../src/schema/clients';
import { experimentEffects } from '../src/schema/experiments';
import { seedExperiment } from '../src/testing/experiment-fixtures';
import { useTestDatabase } from './support/database';

const database = useTestDatabase();

const lift = (l: number, se: number) => ({
  lift: l,
  se,
  ci: [l - 1.96 * se, l + 1.96 * se] as [number, number],
  pValue: 0.01,
  units: 1000,
  controlUnits: 1000,
});

describe('experiment effects', () => {
  test('recorded per treatment arm under the client’s vertical; a retry converges', async () => {
    const db = database.db;
    const fx = await seedExperiment(db, { arms: ['control', 'b', 'c'], industry: '  Skincare ' });
    const first = await recordExperimentEffects(db, fx.orgId, {
      experimentId: fx.experimentId,
      phase: 1,
      metric: 'cvr',
      effects: [
        { armId: 'b', lift: lift(0.1, 0.05) },
        { armId: 'c', lift: lift(-0.02, 0.04) },
      ],
    });
    expect(first).toEqual({ recorded: 2, vertical: 'skincare' });
    await recordExperimentEffects(db, fx.orgId, {
      experimentId: fx.experimentId,
      phase: 1,
      metric: 'cvr',
      effects: [{ armId: 'b', lift: lift(0.12, 0.05) }],
    });
    const rows = await db
      .select()
      .from(experimentEffects)
      .where(eq(experimentEffects.experimentId, fx.experimentId));
    expect(rows.map((r) => [r.armId, (r.lift as { lift: number }).lift, r.vertical]).sort()).toEqual([
      ['b', 0.12, 'skincare'],
      ['c', -0.02, 'skincare'],
    ]);
    // Another org cannot record on this experiment, and an invalid lift is refused whole.
    const other = await seedExperiment(db, { arms: ['x', 'y'] });
    await expect(
      recordExperimentEffects(db, other.orgId, {
        experimentId: fx.experimentId,
        phase: 1,
        metric: 'cvr',
        effects: [{ armId: 'b', lift: lift(9, 1) }],
      }),
    ).rejects.toMatchObject({ reason: 'not_found' });
    const bad = await recordExperimentEffects(db, fx.orgId, {
      experimentId: fx.experimentId,
      phase: 2,
      metric: 'cvr',
      effects: [
        { armId: 'b', lift: lift(0.1, 0.05) },
        { armId: 'c', lift: { ...lift(0.1, 0.05), se: -1 } },
      ],
    }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(EffectsError);
    expect((bad as EffectsError).reason).toBe('invalid');
    expect(await db.select().from(experimentEffects).where(eq(experimentEffects.phase, 2))).toHaveLength(0);
  });

  test('priors pool the org’s effects by vertical, as pooledEffects computes them', async () => {
    const db = database.db;
    const a = await seedExperiment(db, { arms: ['control', 't'], adVertical: 'skincare' });
    const { orgId } = a;
    const b = await seedExperiment(db, { arms: ['control', 't'], orgId, industry: 'Skincare' });
    const c = await seedExperiment(db, { arms: ['control', 't'], orgId, adVertical: 'fitness' });
    const d = await seedExperiment(db, { arms: ['control', 't'], orgId, adVertical: 'fitness' });
    const none = await seedExperiment(db, { arms: ['control', 't'], orgId });
    const record = (experimentId: string, l: number, se: number, metric: 'cvr' | 'ctr' = 'cvr') =>
      recordExperimentEffects(db, orgId, {
        experimentId,
        phase: 1,
        metric,
        effects: [{ armId: 't', lift: lift(l, se) }],
      });
    await record(a.experimentId, 0.15, 0.05);
    await record(b.experimentId, 0.05, 0.04);
    await record(c.experimentId, -0.02, 0.03);
    await record(d.experimentId, 0.01, 0.02);
    await record(none.experimentId, 0.9, 0.1);
    // One effect per arm and phase (the phase's primary metric): a CTR test is another experiment.
    const e = await seedExperiment(db, { arms: ['control', 't'], orgId, clientId: a.clientId });
    await record(e.experimentId, 0.5, 0.1, 'ctr');
    // Another org's skincare effect must not count.
    const foreign = await seedExperiment(db, { arms: ['control', 't'], adVertical: 'skincare' });
    await recordExperimentEffects(db, foreign.orgId, {
      experimentId: foreign.experimentId,
      phase: 1,
      metric: 'cvr',
      effects: [{ armId: 't', lift: lift(3, 0.01) }],
    });

    const listed = await listEffectsForPooling(db, orgId, { metric: 'cvr' });
    expect(listed.map((e) => [e.group, e.lift]).sort()).toEqual([
      ['fitness', -0.02],
      ['fitness', 0.01],
      ['skincare', 0.05],
      ['skincare', 0.15],
      ['unknown', 0.9],
    ]);
    const expected = pooledEffects([
      { group: 'skincare', lift: 0.15, se: 0.05 },
      { group: 'skincare', lift: 0.05, se: 0.04 },
      { group: 'fitness', lift: -0.02, se: 0.03 },
      { group: 'fitness', lift: 0.01, se: 0.02 },
    ]).get('skincare');
    if (!expected) throw new Error('pooledEffects gave no skincare group');
    const got = await priorFor(db, orgId, { clientId: b.clientId, metric: 'cvr' });
    expect(got).toEqual({
      // To rounding: the database's row order decides the order of the float sums.
      prior: {
        vertical: 'skincare',
        metric: 'cvr',
        mean: expect.closeTo(expected.mean, 12),
        sd: expect.closeTo(expected.sd, 12),
        experiments: 2,
      },
      effects: 4,
    });
    // Shrunk toward the overall mean: between the skincare lifts' own mean and the fitness ones.
    expect(got?.prior?.mean).toBeLessThan(0.15);

    // A client without a vertical gets no prior; a vertical without effects neither; another org's client: null.
    expect(await priorFor(db, orgId, { clientId: none.clientId, metric: 'cvr' })).toEqual({
      prior: null,
      effects: 4,
    });
    await db.update(clients).set({ adVertical: 'finance' }).where(eq(clients.id, none.clientId));
    expect(await priorFor(db, orgId, { clientId: none.clientId, metric: 'cvr' })).toEqual({
      prior: null,
      effects: 4,
    });
    expect(await priorFor(db, foreign.orgId, { clientId: b.clientId, metric: 'cvr' })).toBeNull();
    const ctr = await priorFor(db, orgId, { clientId: a.clientId, metric: 'ctr' });
    expect(ctr?.effects).toBe(1);
    expect(ctr?.prior?.experiments).toBe(1);
  });
});
