/**
 * The statistics engine's data contract. Everything is sufficient statistics per arm, so PostgreSQL aggregates
 * the rows (count, sum, sum of squares, sum of products) and no event ever has to be in memory.
 *
 * Shapes follow GrowthBook's gbstats 0.8.0 (ProportionStatistic, SampleMeanStatistic, RatioStatistic) so the
 * cross-check fixtures map one to one.
 */

/** A 0/1 outcome per unit: conversion rate (conversions / visitors or clicks), CTR (clicks / impressions). */
export interface ProportionData {
  kind: 'proportion';
  /** Units (visitors, clicks, impressions). */
  n: number;
  /** Units with the outcome. */
  sum: number;
}

/** A numeric outcome per unit: revenue per visitor. */
export interface MeanData {
  kind: 'mean';
  n: number;
  /** Σ x over units. */
  sum: number;
  /** Σ x² over units. */
  sumSquares: number;
}

/**
 * A ratio of two per-unit sums, tested with the delta method: AOV (revenue / orders per visitor), CPA
 * (spend / conversions per day of an ad), ROAS (revenue / spend per day). `n` units, each with a numerator m and a
 * denominator d.
 */
export interface RatioData {
  kind: 'ratio';
  n: number;
  numSum: number;
  numSumSquares: number;
  denSum: number;
  denSumSquares: number;
  /** Σ m·d over units. */
  crossSum: number;
}

export type MetricData = ProportionData | MeanData | RatioData;

/** One arm of an experiment: the decision metric's data (and guardrails' data keyed by metric id). */
export interface ArmData {
  armId: string;
  data: MetricData;
}

/** Whether a larger value of the metric is better (CVR, ROAS) or worse (CPA). */
export type Direction = 'higher' | 'lower';

/** Mean of the metric and the variance of that mean (delta method for ratios). */
export interface MetricSummary {
  n: number;
  mean: number;
  /** Variance of one unit (for power), Var(mean) = unitVariance / n. */
  unitVariance: number;
}

/** How a comparison is read. */
export type TestMethod =
  /** Asymptotic confidence sequence (GrowthBook's sequential engine): valid at every look. */
  | 'sequential'
  /** Fixed-horizon t/z test: valid only when read once, at the pre-registered sample. */
  | 'fixed';

export interface FrequentistOptions {
  method: TestMethod;
  /** Two-sided alpha (default 0.05). */
  alpha?: number;
  /**
   * The confidence sequence's tuning parameter η (GrowthBook `sequential_tuning_parameter`; 5000 when omitted, as
   * gbstats): the total units of the comparison (control + treatment) at which the sequence is tightest. A wrong η
   * costs width, never validity. Default rule in MOS (decide()): the plan's total for one comparison,
   * 2 × plannedPerArm (`sequentialTuningFor`).
   */
  sequentialTuning?: number;
}

/** Treatment against control on the relative scale ((t − c) / c), as GrowthBook reports by default. */
export interface FrequentistResult {
  /** Relative lift estimate. */
  lift: number;
  /** Interval of the relative lift at 1 − alpha (a confidence sequence when sequential). */
  ci: [number, number];
  /** Two-sided p-value (always-valid p-value when sequential). */
  pValue: number;
  /** Absolute difference t − c and its standard error. */
  absoluteEffect: number;
  standardError: number;
}

export interface BayesianResult {
  /** Posterior mean of the relative lift. */
  lift: number;
  /** Posterior probability that treatment beats control, in the metric's good direction. */
  chanceToWin: number;
  /** Expected loss (relative) of choosing control, and of choosing treatment. */
  risk: { control: number; treatment: number };
  /** Equal-tailed credible interval of the relative lift at 1 − alpha (default 95 %). */
  ci: [number, number];
}

/** A normal prior on the relative lift (from pooled effects of earlier experiments), or none (flat). */
export interface LiftPrior {
  mean: number;
  variance: number;
}

export interface SrmResult {
  chiSquare: number;
  df: number;
  pValue: number;
  /** p < threshold (0.001): the split is not the one planned, so no decision may be taken. */
  mismatch: boolean;
}

/** A pre-registered stop rule (part of the locked plan). */
export type StopRule =
  | {
      kind: 'sequential';
      alpha: number;
      /** Units per arm before a decision may be taken (the checks' minimum data). */
      minPerArm: number;
      /**
       * The plan's sample per arm: the end of the test, and the confidence sequence's tuning, which is the total of
       * one treatment-vs-control comparison, 2 × plannedPerArm (`sequentialTuningFor`), whatever the arm count.
       */
      plannedPerArm: number;
    }
  | {
      kind: 'fixed';
      alpha: number;
      /** Read once, when every arm has this many units. */
      samplePerArm: number;
    };

export type DecisionAction = 'ship' | 'stop' | 'continue';

/** Why the rule decided what it did (codes; the words are the LLM's). */
export type DecisionReason =
  | 'srm'
  | 'min_data'
  | 'guardrail'
  | 'winner'
  | 'all_worse'
  | 'no_difference_at_horizon'
  | 'waiting_for_horizon'
  | 'not_yet';
