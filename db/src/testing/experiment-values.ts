/**
 * Contract-shaped experiment values for tests in every package (the worker's cycle, the API, the web's fixtures):
 * one locked plan and one reading, so a change to ExperimentPlan or ExperimentReading is made here once. Types
 * only from the contracts: safe to import in the browser.
 */
import type { ArmReading, ExperimentPlan, ExperimentReading } from '../contracts/experiments';

export const CONTROL_ARM = 'barrier-story';
export const TREATMENT_ARM = 'ingredient-proof';

/** A locked phase-1 plan for a hook test on conversion rate: sequential at 5 %, an even split, no prior. */
export function planFixture(overrides: Partial<ExperimentPlan> = {}): ExperimentPlan {
  return {
    phase: 1,
    hypothesis: 'Leading with the felt problem converts better than leading with the ingredients.',
    primaryMetric: 'cvr',
    guardrails: [],
    arms: [CONTROL_ARM, TREATMENT_ARM],
    controlArmId: CONTROL_ARM,
    weights: [50, 50],
    baseline: { metric: 'cvr', value: 0.05 },
    mde: 0.2,
    power: 0.8,
    stopRule: { kind: 'sequential', alpha: 0.05, minPerArm: 200, plannedPerArm: 8000 },
    samplePerArm: 8000,
    expectedDays: 14,
    traffic: { source: 'funnel', unitsPerDay: 1200, from: '2026-11-01', to: '2026-11-28' },
    prior: null,
    bandit: { enabled: false, floor: 0.1 },
    ...overrides,
  };
}

/** One arm of a proportion reading: `sum` conversions of `units`; the comparison fields null (the control's). */
export function armReading(
  armId: string,
  units: number,
  sum: number,
  compared: Partial<Omit<ArmReading, 'armId' | 'units' | 'data'>> = {},
): ArmReading {
  return {
    armId,
    units,
    value: units > 0 ? sum / units : null,
    data: { kind: 'proportion', n: units, sum },
    lift: null,
    ci: null,
    pValue: null,
    chanceToWin: null,
    risk: null,
    credibleInterval: null,
    ...compared,
  };
}

/** A poll that ships the treatment: 5 % vs 12 % conversion over 1,500 visitors each, no SRM, no guardrail. */
export function readingFixture(overrides: Partial<ExperimentReading> = {}): ExperimentReading {
  return {
    phase: 1,
    metric: 'cvr',
    method: 'sequential',
    alpha: 0.05,
    source: 'funnel',
    arms: [
      armReading(CONTROL_ARM, 1500, 75),
      armReading(TREATMENT_ARM, 1500, 180, {
        lift: 1.4,
        ci: [0.7, 2.1],
        pValue: 0.00001,
        chanceToWin: 0.9999,
        risk: 0.0001,
        credibleInterval: [0.8, 2.0],
      }),
    ],
    srm: { chiSquare: 0, pValue: 1, mismatch: false },
    guardrails: [],
    minDataReached: true,
    action: 'ship',
    reason: 'winner',
    winningArmId: TREATMENT_ARM,
    skipped: 0,
    ...overrides,
  };
}
