import { pooledEffects, sampleSizePerArm, suggestMde } from '@mos/stats';
import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { computeSpecPlan, planPrior } from '../src/data/experiment-plans';
import { campaigns } from '../src/schema/campaigns';
import { experimentEffects } from '../src/schema/experiments';
import { type ExperimentFixture, seedExperiment } from '../src/testing/experiment-fixtures';
import { useTestDatabase } from './support/database';

/**
 * computeSpecPlan on PostgreSQL: the campaign's stated baseline, the prior pooled from experiment_effects (by the
 * client's vertical, only the org's own), whose MDE wins, and what it refuses; numbers checked against @mos/stats.
 */
const database = useTestDatabase();

const spec = {
  id: 'offer-test',
  name: 'Starter set vs subscription',
  hypothesis: 'The starter set converts better',
  variants: [
    { id: 'sub', name: 'Subscription', description: null, channels: ['meta'], guardrails: [] },
    { id: 'starter', name: 'Starter set', description: null, channels: ['meta'], guardrails: [] },
  ],
  controlVariantId: 'sub',
  primaryMetric: 'cvr' as const,
  // The first names the primary metric itself: a plan drops it (the schema refuses it in a spec).
  guardrails: [
    { metric: 'cvr' as const, maxRelativeHarm: 0.1 },
    { metric: 'aov' as const, maxRelativeHarm: 0.15 },
  ],
  stopRule: 'fixed' as const,
  mde: 0.2,
};

const cvrSample = (mde: number) =>
  sampleSizePerArm({
    kind: 'proportion',
    baseline: 0.03,
    mde,
    alpha: 0.05,
    power: 0.8,
    arms: 2,
    method: 'fixed',
    direction: 'higher',
  });

async function tenant(): Promise<ExperimentFixture> {
  const fx = await seedExperiment(database.db, { arms: ['sub', 'starter'], adVertical: 'skincare' });
  await database.db
    .update(campaigns)
    .set({ baseline: 0.03, baselineMetric: 'cvr' })
    .where(eq(campaigns.id, fx.campaignId));
  return fx;
}

const plan = (fx: ExperimentFixture, over: Partial<typeof spec> = {}, choices = {}) =>
  computeSpecPlan(database.db, fx.orgId, {
    clientId: fx.clientId,
    campaignId: fx.campaignId,
    spec: { ...spec, ...over },
    phase: 1,
    choices,
  });

async function addEffects(fx: ExperimentFixture, vertical: string, lifts: [number, number][]) {
  await database.db.insert(experimentEffects).values(
    lifts.map(([lift, se], i) => ({
      orgId: fx.orgId,
      clientId: fx.clientId,
      experimentId: fx.experimentId,
      phase: 1,
      vertical,
      metric: 'cvr',
      armId: `${vertical}-${i}`,
      lift: { lift, se, ci: null, pValue: null, units: null, controlUnits: null },
    })),
  );
}

describe('computeSpecPlan', () => {
  test('without traffic or a prior: the stated baseline, the spec MDE, the fixed rule at its sample', async () => {
    const fx = await tenant();
    const out = await plan(fx);
    if (!out.ok) throw new Error(out.message);
    const n = cvrSample(0.2);
    expect(out.plan).toEqual({
      phase: 1,
      hypothesis: spec.hypothesis,
      primaryMetric: 'cvr',
      guardrails: [{ metric: 'aov', maxRelativeHarm: 0.15 }],
      arms: ['sub', 'starter'],
      controlArmId: 'sub',
      weights: [1, 1],
      baseline: { metric: 'cvr', value: 0.03 },
      mde: 0.2,
      power: 0.8,
      stopRule: { kind: 'fixed', alpha: 0.05, samplePerArm: n },
      samplePerArm: n,
      expectedDays: null,
      traffic: { source: 'none', unitsPerDay: 0, from: null, to: null },
      prior: null,
      bandit: { enabled: false, floor: 0.1 },
    });
  });

  test("a prior pooled from the org's effects in the client's vertical suggests the MDE; a person's wins", async () => {
    const fx = await tenant();
    const skincare: [number, number][] = [
      [0.12, 0.05],
      [0.04, 0.06],
      [0.2, 0.08],
    ];
    const finance: [number, number][] = [
      [-0.02, 0.04],
      [0.01, 0.05],
    ];
    await addEffects(fx, 'skincare', skincare);
    await addEffects(fx, 'finance', finance);
    // Another org's effects never count.
    const other = await seedExperiment(database.db, { arms: ['a', 'b'], adVertical: 'skincare' });
    await addEffects(other, 'skincare', [[0.9, 0.01]]);

    const pooled = pooledEffects([
      ...skincare.map(([lift, se]) => ({ group: 'skincare', lift, se })),
      ...finance.map(([lift, se]) => ({ group: 'finance', lift, se })),
    ]).get('skincare');
    if (!pooled) throw new Error('no pooled group');
    const prior = await planPrior(database.db, fx.orgId, { clientId: fx.clientId, metric: 'cvr' });
    if (!prior) throw new Error('no prior');
    // Rows written in one statement come back in id order, not insertion order: the sums agree to rounding only.
    expect(prior).toEqual({
      vertical: 'skincare',
      metric: 'cvr',
      mean: expect.closeTo(pooled.mean, 12),
      sd: expect.closeTo(pooled.sd, 12),
      experiments: 3,
    });
    const suggested = suggestMde({ mean: prior.mean, sd: prior.sd }, { direction: 'higher' });
    if (suggested === null) throw new Error('no suggestion');
    const fromPrior = await plan(fx);
    if (!fromPrior.ok) throw new Error(fromPrior.message);
    expect(fromPrior.plan).toMatchObject({ prior, mde: suggested });
    expect(fromPrior.plan.samplePerArm).toBe(cvrSample(suggested));

    const person = await plan(fx, {}, { mde: 0.05 });
    if (!person.ok) throw new Error(person.message);
    expect(person.plan).toMatchObject({
      prior,
      mde: 0.05,
      samplePerArm: cvrSample(0.05),
    });
    // No prior on another metric.
    expect(await planPrior(database.db, fx.orgId, { clientId: fx.clientId, metric: 'ctr' })).toBeNull();
  });

  test('says what a person must state instead of inventing a plan', async () => {
    const fx = await tenant();
    const fields = async (over: Partial<typeof spec> | Record<string, unknown>, choices = {}) => {
      const out = await plan(fx, over as Partial<typeof spec>, choices);
      return out.ok ? 'planned' : out.field;
    };
    expect(await fields({ primaryMetric: null })).toBe('primaryMetric');
    expect(await fields({ controlVariantId: 'nope' })).toBe('controlVariantId');
    // CPA: the campaign states a CVR and nothing was measured.
    expect(await fields({ primaryMetric: 'cpa' } as Record<string, unknown>)).toBe('baseline');
    expect(await fields({ mde: null })).toBe('mde');
    // A 3 % rate cannot be detected at +4,000 %: refused, naming the MDE.
    expect(await fields({}, { mde: 40 })).toBe('mde');
    expect(await fields({})).toBe('planned');
  });
});
