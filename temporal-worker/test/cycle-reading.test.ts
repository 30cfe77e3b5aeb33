import { artifactExamples } from '@mos/db/artifacts';
import { readingFixture } from '@mos/db/testing/experiment-values';
import { describe, expect, it } from 'vitest';
import { decisionRationaleOutput, reportDecision } from '../src/activities/cycle/index';
import {
  type ArmAsset,
  banditVariantWeights,
  changesFor,
  effectsOf,
  factsOf,
  planFromSpec,
  reportMetrics,
  withGuardrailStop,
} from '../src/activities/cycle/reading';
import { funnelPlan } from './support/cycle';

const plan = funnelPlan();

/** A poll that ships the treatment: 5 % vs 12 % over 1,500 visitors each. */
const reading = readingFixture;

describe('changesFor (applying a decision)', () => {
  const variants = [
    { id: 'v-treat', armId: 'ingredient-proof', weight: 50 },
    { id: 'v-other', armId: null, weight: 10 },
  ];
  const assets: ArmAsset[] = [
    { id: 'a-control', armId: 'barrier-story', status: 'approved' },
    { id: 'a-treat', armId: 'ingredient-proof', status: 'approved' },
    { id: 'a-done', armId: 'barrier-story', status: 'rejected' },
  ];

  it('ship: the winner variant takes 100, losers’ assets are rejected (already rejected ones stay out)', () => {
    expect(
      changesFor({
        action: 'ship',
        winningArmId: 'ingredient-proof',
        controlArmId: 'barrier-story',
        variants,
        assets,
      }),
    ).toEqual({
      variantWeights: [{ variantId: 'v-treat', armId: 'ingredient-proof', from: 50, to: 100 }],
      assetStatuses: [{ assetId: 'a-control', armId: 'barrier-story', from: 'approved', to: 'rejected' }],
    });
  });

  it('ship of the control (the page itself) and stop both set the treatments to 0 and keep the control', () => {
    for (const action of ['ship', 'stop'] as const) {
      expect(
        changesFor({
          action,
          winningArmId: 'barrier-story',
          controlArmId: 'barrier-story',
          variants,
          assets,
        }),
      ).toEqual({
        variantWeights: [{ variantId: 'v-treat', armId: 'ingredient-proof', from: 50, to: 0 }],
        assetStatuses: [{ assetId: 'a-treat', armId: 'ingredient-proof', from: 'approved', to: 'rejected' }],
      });
    }
  });
});

describe('banditVariantWeights', () => {
  it('rounds shares to whole percent by largest remainder; the page keeps what is left', () => {
    const shares = [
      { armId: 'barrier-story', weight: 0.333 },
      { armId: 'ingredient-proof', weight: 0.4445 },
      { armId: 'third', weight: 0.2225 },
    ];
    const variants = [
      { id: 'v1', armId: 'ingredient-proof', weight: 50 },
      { id: 'v2', armId: 'third', weight: 25 },
    ];
    const out = banditVariantWeights(shares, variants);
    expect(out).toEqual([
      { variantId: 'v1', armId: 'ingredient-proof', weight: 45 },
      { variantId: 'v2', armId: 'third', weight: 22 },
    ]);
    // The page (control) gets 100 − 67 = 33 at publish: the three add up to 100.
    expect(100 - out.reduce((s, w) => s + w.weight, 0)).toBe(33);
  });
});

describe('reportDecision', () => {
  it('maps what was approved onto the report’s decisions', () => {
    const r = reading();
    expect(reportDecision({ kind: 'approved', reading: r }, 'barrier-story')).toEqual({
      decision: 'winner',
      winningVariantId: 'ingredient-proof',
    });
    expect(
      reportDecision(
        { kind: 'approved', reading: reading({ action: 'stop', reason: 'all_worse', winningArmId: null }) },
        'barrier-story',
      ),
    ).toEqual({ decision: 'winner', winningVariantId: 'barrier-story' });
    expect(
      reportDecision(
        {
          kind: 'approved',
          reading: reading({ action: 'stop', reason: 'no_difference_at_horizon', winningArmId: null }),
        },
        'barrier-story',
      ),
    ).toEqual({ decision: 'no_significant_difference', winningVariantId: null });
    expect(
      reportDecision(
        { kind: 'approved', reading: reading({ action: 'stop', reason: 'guardrail', winningArmId: null }) },
        'barrier-story',
      ).decision,
    ).toBe('inconclusive');
    expect(reportDecision({ kind: 'stopped' }, 'barrier-story').decision).toBe('stopped');
    expect(reportDecision({ kind: 'exhausted' }, 'barrier-story').decision).toBe('inconclusive');
  });
});

describe('facts and the rationale schema', () => {
  it('words every number by code and lets the model cite only their ids', () => {
    const facts = factsOf(reading(), plan);
    const byId = Object.fromEntries(facts.map((f) => [f.id, f.text]));
    expect(byId['value:ingredient-proof']).toBe(
      'ingredient-proof (treatment): Conversion rate 12.00 % over 1500 units',
    );
    expect(byId['lift:ingredient-proof']).toBe(
      'ingredient-proof vs barrier-story: relative lift +140.0 %, 95 % confidence sequence [+70.0 %, +210.0 %], p < 0.0001 (corrected across arms)',
    );
    expect(byId.rule).toContain('verdict ship (winner), arm ingredient-proof');
    const schema = decisionRationaleOutput(facts.map((f) => f.id) as [string, ...string[]]);
    expect(schema.safeParse({ rationale: 'ok', citedFactIds: ['lift:ingredient-proof'] }).success).toBe(true);
    expect(schema.safeParse({ rationale: 'ok', citedFactIds: ['lift:made-up'] }).success).toBe(false);
    expect(schema.safeParse({ rationale: 'ok', citedFactIds: [] }).success).toBe(false);
  });

  it('puts the metric per arm and each treatment’s lift first in the report', () => {
    const { primary, secondary } = reportMetrics(reading(), plan);
    expect(primary.map((m) => [m.metricId, m.variantId, m.value])).toEqual([
      ['cvr', 'barrier-story', 0.05],
      ['cvr', 'ingredient-proof', 0.12],
      ['lift', 'ingredient-proof', 1.4],
      ['lift_ci_low', 'ingredient-proof', 0.7],
      ['lift_ci_high', 'ingredient-proof', 2.1],
      ['p_value', 'ingredient-proof', 0.00001],
    ]);
    expect(secondary.find((m) => m.metricId === 'planned_per_arm')?.value).toBe(8000);
  });
});

describe('effectsOf', () => {
  it('gives each treatment its relative lift and the fixed-horizon standard error', () => {
    const [effect] = effectsOf(reading(), plan);
    expect(effect?.armId).toBe('ingredient-proof');
    expect(effect?.lift).toBeCloseTo(1.4, 9);
    // Delta method: Var(t/c) ≈ (t/c)² (Var t / t² + Var c / c²).
    const c = 0.05;
    const t = 0.12;
    const se = (t / c) * Math.sqrt((t * (1 - t)) / 1500 / t ** 2 + (c * (1 - c)) / 1500 / c ** 2);
    expect(effect?.se).toBeCloseTo(se, 3);
  });
});

describe('planFromSpec (rows from before plans)', () => {
  const example = artifactExamples.experiment_spec.experimentSpecs[0];
  if (!example) throw new Error('example has no spec');
  const spec = { ...example, plan: null };

  it('decides on the metric the spec names, with its guardrails and MDE, control first, sample from the baseline', () => {
    const p = planFromSpec(spec, { metric: 'cpa', value: 38 });
    expect(p).toMatchObject({
      phase: 1,
      primaryMetric: spec.primaryMetric,
      guardrails: spec.guardrails,
      mde: spec.mde,
      arms: ['barrier-story', 'ingredient-proof'],
      controlArmId: 'barrier-story',
      baseline: { metric: 'cpa', value: 38 },
      bandit: { enabled: false },
    });
    expect(p.stopRule.kind === 'sequential' && p.stopRule.plannedPerArm > 100).toBe(true);
    // A fixed rule in the spec is read once at its planned sample.
    const fixed = planFromSpec({ ...spec, stopRule: 'fixed' }, { metric: 'cpa', value: 38 });
    expect(fixed.stopRule).toMatchObject({ kind: 'fixed', alpha: 0.05 });
    // A spec stored before issue 11 names no primary metric: its first metric id, mapped.
    const old = planFromSpec(
      { ...spec, primaryMetric: null, metricIds: ['conversion_rate'], controlVariantId: 'ingredient-proof' },
      null,
    );
    expect(old).toMatchObject({ primaryMetric: 'cvr', arms: ['ingredient-proof', 'barrier-story'] });
  });

  it('falls back to the minimum when the baseline cannot be planned from (a 20 % lift of 0.9 passes 1)', () => {
    const high = planFromSpec(
      { ...spec, primaryMetric: 'cvr', mde: 0.2, guardrails: [] },
      { metric: 'cvr', value: 0.9 },
    );
    expect(high.stopRule).toMatchObject({ kind: 'sequential', plannedPerArm: 100 });
  });

  it('takes the plan code computed for the spec at the design gate when the spec carries one', () => {
    const computed = { ...planFromSpec(spec, { metric: 'cpa', value: 38 }), samplePerArm: 4321, phase: 3 };
    expect(planFromSpec({ ...spec, plan: computed }, null)).toEqual({ ...computed, phase: 1 });
  });
});

describe('withGuardrailStop', () => {
  const base = {
    action: 'continue' as const,
    reason: 'not_yet' as const,
    winningArmId: null,
    srm: { chiSquare: 0, df: 1, pValue: 1, mismatch: false },
    minDataReached: true,
    comparisons: [{ armId: 'b', frequentist: null, adjustedPValue: null, bayesian: null }],
    alphaPerComparison: 0.05,
    sequentialTuning: 16000,
  };
  const breach = (breached: boolean) => [
    { metricId: 'revenue_per_visitor', armId: 'b', result: null, breached },
  ];

  it('stops when every treatment breaches a guardrail, and only then', () => {
    expect(withGuardrailStop({ ...base, guardrails: breach(true) }, 'a')).toMatchObject({
      action: 'stop',
      reason: 'guardrail',
    });
    expect(withGuardrailStop({ ...base, guardrails: breach(false) }, 'a')).toMatchObject({
      action: 'continue',
      reason: 'not_yet',
    });
    // A broken split or too little data still blocks everything.
    expect(withGuardrailStop({ ...base, reason: 'srm', guardrails: breach(true) }, 'a')).toMatchObject({
      action: 'continue',
      reason: 'srm',
    });
  });
});
