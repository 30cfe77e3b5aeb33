import { describe, expect, it } from 'vitest';
import {
  compareFrequentist,
  type DecideInput,
  decide,
  type StopRule,
  sequentialTuningFor,
} from '../src/index';

const prop = (n: number, sum: number) => ({ kind: 'proportion', n, sum }) as const;
const seq: StopRule = { kind: 'sequential', alpha: 0.05, minPerArm: 100, plannedPerArm: 5000 };

function input(arms: [string, number, number][], over: Partial<DecideInput> = {}): DecideInput {
  return {
    arms: arms.map(([armId, n, sum]) => ({ armId, data: prop(n, sum) })),
    controlArmId: 'a',
    direction: 'higher',
    stopRule: seq,
    weights: arms.map(() => 1),
    ...over,
  };
}

describe('decide: checks first', () => {
  it('a sample-ratio mismatch blocks even a clear winner', () => {
    const r = decide(
      input([
        ['a', 2000, 100],
        ['b', 2400, 400],
      ]),
    );
    expect(r.srm.mismatch).toBe(true);
    expect(r).toMatchObject({ action: 'continue', reason: 'srm', winningArmId: null });
    // The same data with the split that was planned is a winner.
    const planned = decide(
      input(
        [
          ['a', 2000, 100],
          ['b', 2400, 400],
        ],
        { weights: [5, 6] },
      ),
    );
    expect(planned).toMatchObject({ action: 'ship', reason: 'winner', winningArmId: 'b' });
  });

  it('below the minimum data per arm nothing is decided', () => {
    const r = decide(
      input([
        ['a', 99, 1],
        ['b', 99, 60],
      ]),
    );
    expect(r).toMatchObject({ action: 'continue', reason: 'min_data', minDataReached: false });
    expect(r.comparisons[0]?.frequentist).not.toBeNull();
  });
});

describe('decide: sequential rule', () => {
  it('ships a treatment whose confidence sequence excludes 0 in the good direction', () => {
    const r = decide(
      input([
        ['a', 3000, 150],
        ['b', 3000, 240],
      ]),
    );
    expect(r).toMatchObject({ action: 'ship', reason: 'winner', winningArmId: 'b', minDataReached: true });
    expect(r.sequentialTuning).toBe(sequentialTuningFor(5000));
    expect(r.comparisons[0]?.frequentist?.ci[0]).toBeGreaterThan(0);
    expect(r.comparisons[0]?.bayesian?.chanceToWin).toBeGreaterThan(0.99);
  });

  it('a fixed-horizon significant result is not yet enough for the sequence', () => {
    // p ≈ 0.02 by the t-test: a winner for the old rule, not for a sequence valid at every look.
    const arms: [string, number, number][] = [
      ['a', 2000, 100],
      ['b', 2000, 137],
    ];
    const fixed = compareFrequentist(prop(2000, 100), prop(2000, 137), { method: 'fixed' });
    expect(fixed?.pValue).toBeLessThan(0.05);
    expect(decide(input(arms))).toMatchObject({ action: 'continue', reason: 'not_yet' });
  });

  it('lower-is-better metrics win with a negative lift', () => {
    const r = decide(
      input(
        [
          ['a', 3000, 240],
          ['b', 3000, 150],
        ],
        { direction: 'lower' },
      ),
    );
    expect(r).toMatchObject({ action: 'ship', winningArmId: 'b' });
    const worse = decide(
      input(
        [
          ['a', 3000, 240],
          ['b', 3000, 150],
        ],
        { direction: 'higher' },
      ),
    );
    expect(worse).toMatchObject({ action: 'stop', reason: 'all_worse' });
  });

  it('Holm across treatments: intervals at alpha / k, the best winner shipped', () => {
    const r = decide(
      input([
        ['a', 4000, 200],
        ['b', 4000, 300],
        ['c', 4000, 340],
        ['d', 4000, 205],
      ]),
    );
    expect(r.alphaPerComparison).toBeCloseTo(0.05 / 3, 12);
    expect(r).toMatchObject({ action: 'ship', winningArmId: 'c' });
    const raw = r.comparisons.map((c) => c.frequentist?.pValue ?? 1);
    const adj = r.comparisons.map((c) => c.adjustedPValue ?? 1);
    // Holm: the smallest p times 3, never below the raw p, order kept.
    expect(adj[1]).toBeCloseTo(Math.min(1, 3 * (raw[1] ?? 1)), 12);
    for (const [i, p] of adj.entries()) expect(p).toBeGreaterThanOrEqual(raw[i] ?? 1);
    // The same lift with one treatment would be read at the full alpha: a wider interval with more arms.
    const one = decide(
      input([
        ['a', 4000, 200],
        ['c', 4000, 340],
      ]),
    );
    const ciOne = one.comparisons[0]?.frequentist?.ci ?? [0, 0];
    const ciMany = r.comparisons[1]?.frequentist?.ci ?? [0, 0];
    expect(ciMany[1] - ciMany[0]).toBeGreaterThan(ciOne[1] - ciOne[0]);
  });

  it('a breached guardrail blocks its arm: the next winner ships, or none', () => {
    const guardrail = (bSum: number, cSum: number, n = 4000) => ({
      metricId: 'cpa',
      direction: 'lower' as const,
      maxRelativeHarm: 0.1,
      arms: [
        { armId: 'a', data: prop(n, n / 20) },
        { armId: 'b', data: prop(n, bSum) },
        { armId: 'c', data: prop(n, cSum) },
      ],
    });
    const arms: [string, number, number][] = [
      ['a', 4000, 200],
      ['b', 4000, 320],
      ['c', 4000, 360],
    ];
    const blocked = decide(input(arms, { guardrails: [guardrail(200, 400)] }));
    expect(blocked.guardrails.find((g) => g.armId === 'c')?.breached).toBe(true);
    expect(blocked.guardrails.find((g) => g.armId === 'b')?.breached).toBe(false);
    expect(blocked).toMatchObject({ action: 'ship', winningArmId: 'b' });
    const both = decide(input(arms, { guardrails: [guardrail(400, 400)] }));
    expect(both).toMatchObject({ action: 'continue', reason: 'guardrail', winningArmId: null });
    // Harm within the tolerance does not breach even when significant.
    const small = decide(input(arms, { guardrails: [guardrail(20000, 21600, 400000)] }));
    expect(small.guardrails.find((g) => g.armId === 'c')?.result?.ci[0]).toBeGreaterThan(0);
    expect(small).toMatchObject({ action: 'ship', winningArmId: 'c' });
  });

  it('stops with no difference once every arm reached the planned sample', () => {
    const rule: StopRule = { kind: 'sequential', alpha: 0.05, minPerArm: 100, plannedPerArm: 3000 };
    expect(
      decide(
        input(
          [
            ['a', 2999, 150],
            ['b', 3000, 152],
          ],
          { stopRule: rule },
        ),
      ),
    ).toMatchObject({
      action: 'continue',
      reason: 'not_yet',
    });
    expect(
      decide(
        input(
          [
            ['a', 3000, 150],
            ['b', 3000, 152],
          ],
          { stopRule: rule },
        ),
      ),
    ).toMatchObject({
      action: 'stop',
      reason: 'no_difference_at_horizon',
    });
  });

  it('no SRM check without weights (ad arms), and a wrong control id throws', () => {
    expect(
      decide(
        input(
          [
            ['a', 2000, 100],
            ['b', 4000, 800],
          ],
          { weights: [] },
        ),
      ).srm.mismatch,
    ).toBe(false);
    expect(() =>
      decide(
        input(
          [
            ['a', 200, 10],
            ['b', 200, 10],
          ],
          { controlArmId: 'z' },
        ),
      ),
    ).toThrow(RangeError);
  });
});

describe('decide: fixed rule', () => {
  const fixed: StopRule = { kind: 'fixed', alpha: 0.05, samplePerArm: 2000 };

  it('waits for the horizon, then reads once', () => {
    expect(
      decide(
        input(
          [
            ['a', 1999, 100],
            ['b', 1999, 160],
          ],
          { stopRule: fixed },
        ),
      ),
    ).toMatchObject({
      action: 'continue',
      reason: 'waiting_for_horizon',
    });
    // At the horizon the t-test decides (p ≈ 0.02): a winner where the sequence would still wait.
    expect(
      decide(
        input(
          [
            ['a', 2000, 100],
            ['b', 2000, 137],
          ],
          { stopRule: fixed },
        ),
      ),
    ).toMatchObject({
      action: 'ship',
      reason: 'winner',
      winningArmId: 'b',
      sequentialTuning: null,
    });
    expect(
      decide(
        input(
          [
            ['a', 2000, 100],
            ['b', 2000, 110],
          ],
          { stopRule: fixed },
        ),
      ),
    ).toMatchObject({
      action: 'stop',
      reason: 'no_difference_at_horizon',
    });
  });

  it('every treatment surely worse stops', () => {
    expect(
      decide(
        input(
          [
            ['a', 2000, 150],
            ['b', 2000, 90],
            ['c', 2000, 80],
          ],
          { stopRule: fixed },
        ),
      ),
    ).toMatchObject({ action: 'stop', reason: 'all_worse' });
  });
});
