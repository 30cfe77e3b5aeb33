import { compareBayesian } from './bayesian';
import { holm } from './corrections';
import { compareFrequentist } from './frequentist';
import { sequentialTuningFor } from './sequential';
import { srmCheck } from './srm';
import type {
  ArmData,
  BayesianResult,
  DecisionAction,
  DecisionReason,
  Direction,
  FrequentistResult,
  LiftPrior,
  SrmResult,
  StopRule,
} from './types';

export interface DecideGuardrail {
  metricId: string;
  direction: Direction;
  /** Largest relative harm tolerated (0.1 = the metric may get 10 % worse). */
  maxRelativeHarm: number;
  arms: ArmData[];
}

export interface DecideInput {
  arms: ArmData[];
  controlArmId: string;
  direction: Direction;
  stopRule: StopRule;
  /** Planned split, same order as arms (SRM expectation). Empty: no SRM check (arms MOS does not randomise). */
  weights: number[];
  guardrails?: DecideGuardrail[];
  /** For the Bayesian view only; the decision is frequentist. */
  prior?: LiftPrior | null;
}

export interface ArmComparison {
  armId: string;
  frequentist: FrequentistResult | null;
  /** Holm-adjusted across the treatments (family-wise); compare with the rule's alpha. */
  adjustedPValue: number | null;
  bayesian: BayesianResult | null;
}

export interface GuardrailCheck {
  metricId: string;
  armId: string;
  result: FrequentistResult | null;
  breached: boolean;
}

export interface DecideResult {
  action: DecisionAction;
  reason: DecisionReason;
  winningArmId: string | null;
  srm: SrmResult;
  minDataReached: boolean;
  comparisons: ArmComparison[];
  guardrails: GuardrailCheck[];
  /** Alpha of each comparison's interval: the rule's alpha / number of treatments (Bonferroni). */
  alphaPerComparison: number;
  /** The confidence sequence's tuning (total units of one comparison), null for the fixed rule. */
  sequentialTuning: number | null;
}

/** Units every arm needs before anything can be computed at all (a sample variance needs two). */
const MIN_UNITS = 2;

/**
 * THE cycle's decision rule, in this order:
 * 1. SRM mismatch (p < 0.001) → continue / 'srm': the split is broken, nothing may be decided on it.
 * 2. An arm below the minimum data (sequential: `minPerArm`; fixed: 2 units) → continue / 'min_data'.
 * 3. Fixed rule: before every arm has `samplePerArm` → continue / 'waiting_for_horizon'; at it the test is read
 *    once: winner → ship, every treatment surely worse → stop 'all_worse', else stop 'no_difference_at_horizon'.
 * 4. Sequential rule (valid at every poll): each treatment's confidence sequence at alpha / k (k treatments,
 *    tuned at 2 × plannedPerArm); p-values Holm-adjusted across treatments. A winner is a treatment whose
 *    interval excludes 0 in the good direction (so its Holm-adjusted p < alpha too); the best winner by lift is
 *    shipped unless a guardrail is breached for it (then the next winner; none left → 'guardrail': continue, or
 *    stop at the horizon). Every treatment surely worse → stop 'all_worse'. Every arm at `plannedPerArm` → stop
 *    'no_difference_at_horizon'. Else continue / 'not_yet'.
 * A guardrail is breached for an arm when its harm is significant (the interval at alpha / k lies on the harmful
 * side of 0) and the estimated harm exceeds `maxRelativeHarm`.
 */
export function decide(input: DecideInput): DecideResult {
  const { arms, controlArmId, direction, stopRule } = input;
  const control = arms.find((a) => a.armId === controlArmId);
  if (!control) throw new RangeError(`decide: control arm ${controlArmId} is not among the arms`);
  const treatments = arms.filter((a) => a.armId !== controlArmId);
  if (treatments.length === 0) throw new RangeError('decide: no treatment arm');

  const alphaPerComparison = stopRule.alpha / treatments.length;
  const sequentialTuning =
    stopRule.kind === 'sequential' ? sequentialTuningFor(stopRule.plannedPerArm) : null;
  const freqOpts = {
    method: stopRule.kind,
    alpha: alphaPerComparison,
    ...(sequentialTuning === null ? {} : { sequentialTuning }),
  } as const;

  const frequentist = treatments.map((t) =>
    compareFrequentist(control.data, t.data, { ...freqOpts, direction }),
  );
  const adjusted = holm(frequentist.map((f) => f?.pValue ?? Number.NaN));
  const comparisons: ArmComparison[] = treatments.map((t, i) => ({
    armId: t.armId,
    frequentist: frequentist[i] ?? null,
    adjustedPValue: Number.isFinite(adjusted[i]) ? (adjusted[i] ?? null) : null,
    bayesian: compareBayesian(control.data, t.data, {
      alpha: stopRule.alpha,
      prior: input.prior ?? null,
      direction,
    }),
  }));

  const guardrails: GuardrailCheck[] = [];
  for (const g of input.guardrails ?? []) {
    const gControl = g.arms.find((a) => a.armId === controlArmId);
    for (const t of treatments) {
      const gArm = g.arms.find((a) => a.armId === t.armId);
      const result = gControl && gArm ? compareFrequentist(gControl.data, gArm.data, freqOpts) : null;
      guardrails.push({ metricId: g.metricId, armId: t.armId, result, breached: isBreached(result, g) });
    }
  }

  const srm = srmCheck(
    arms.map((a) => a.data.n),
    input.weights,
  );
  const base = { srm, comparisons, guardrails, alphaPerComparison, sequentialTuning };
  const result = (
    action: DecisionAction,
    reason: DecisionReason,
    minDataReached: boolean,
    winningArmId: string | null = null,
  ): DecideResult => ({ action, reason, winningArmId, minDataReached, ...base });

  const minUnits = stopRule.kind === 'sequential' ? Math.max(MIN_UNITS, stopRule.minPerArm) : MIN_UNITS;
  const minDataReached = arms.every((a) => a.data.n >= minUnits);
  if (srm.mismatch) return result('continue', 'srm', minDataReached);
  if (!minDataReached) return result('continue', 'min_data', false);

  const horizon = stopRule.kind === 'sequential' ? stopRule.plannedPerArm : stopRule.samplePerArm;
  const atHorizon = arms.every((a) => a.data.n >= horizon);
  if (stopRule.kind === 'fixed' && !atHorizon) return result('continue', 'waiting_for_horizon', true);

  const good = (ci: [number, number]) => (direction === 'higher' ? ci[0] > 0 : ci[1] < 0);
  const bad = (ci: [number, number]) => (direction === 'higher' ? ci[1] < 0 : ci[0] > 0);
  const winners = comparisons
    .filter((c) => c.frequentist && good(c.frequentist.ci) && (c.adjustedPValue ?? 1) < stopRule.alpha)
    .sort((a, b) => {
      const la = a.frequentist?.lift ?? 0;
      const lb = b.frequentist?.lift ?? 0;
      return (
        (direction === 'higher' ? lb - la : la - lb) || (a.adjustedPValue ?? 1) - (b.adjustedPValue ?? 1)
      );
    });
  const breachedArms = new Set(guardrails.filter((g) => g.breached).map((g) => g.armId));
  const winner = winners.find((w) => !breachedArms.has(w.armId));
  if (winner) return result('ship', 'winner', true, winner.armId);
  if (winners.length > 0) return result(atHorizon ? 'stop' : 'continue', 'guardrail', true);
  if (comparisons.every((c) => c.frequentist && bad(c.frequentist.ci)))
    return result('stop', 'all_worse', true);
  if (atHorizon) return result('stop', 'no_difference_at_horizon', true);
  return result('continue', 'not_yet', true);
}

function isBreached(result: FrequentistResult | null, g: DecideGuardrail): boolean {
  if (!result) return false;
  const harm = g.direction === 'higher' ? -result.lift : result.lift;
  const surelyHarmed = g.direction === 'higher' ? result.ci[1] < 0 : result.ci[0] > 0;
  return surelyHarmed && harm > g.maxRelativeHarm;
}
