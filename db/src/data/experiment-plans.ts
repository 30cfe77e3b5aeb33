/**
 * Pre-registration (issue 11): the plan of an experiment's phase, computed by code from what the spec states
 * (decision metric, guardrails, stop rule, MDE), the client's measured traffic and baseline, the campaign's stated
 * baseline and a prior pooled from the org's finished experiments. ExperimentDesign shows it at its gate and locks
 * it on approval; ExperimentPlanChange (started by `experiments.changePlan`) computes the next phase's the same way.
 */
import {
  type Direction,
  PowerInputError,
  sampleSizePerArm,
  expectedDays as statsExpectedDays,
  suggestMde,
  summarize,
} from '@mos/stats';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { ExperimentSpec } from '../artifacts/experiment-spec-set';
import {
  type Baseline,
  DECISION_METRIC_INFO,
  type DecisionMetricId,
  type ExperimentPlan,
  type Guardrail,
  type PlanPrior,
  type TrafficEstimate,
} from '../contracts/experiments';
import type { Queryable } from '../db-type';
import { experimentPhases, experiments } from '../schema/experiments';
import { getCampaign } from './campaigns';
import { priorFor } from './experiment-effects';
import { trafficEstimate } from './experiment-signals';

/** The pre-registered error rates and the traffic window every plan uses. */
export const PLAN_DEFAULTS = {
  alpha: 0.05,
  power: 0.8,
  /** Days of traffic measured for the design (four weekly cycles). */
  trafficDays: 28,
  /** Units per arm before the sequential rule may decide at all (the cycle's old minimum). */
  minPerArm: 100,
  bandit: { enabled: false, floor: 0.1 },
} as const;

/** What of a spec a plan is computed from, after a person's changes (`experiments.changePlan`). */
export interface PlanChoices {
  primaryMetric: DecisionMetricId | null;
  guardrails: Guardrail[];
  stopRule: 'sequential' | 'fixed' | null;
  mde: number | null;
}

export type PlanOutcome =
  | { ok: true; plan: ExperimentPlan }
  | {
      ok: false;
      /** The spec or plan field a person can set so a plan can be computed. */
      field: 'primaryMetric' | 'mde' | 'stopRule' | 'baseline' | 'controlVariantId';
      message: string;
    };

/** The pure part: numbers from the choices, the baseline, the traffic and the prior. */
export interface PlanNumbersInput {
  phase: number;
  hypothesis: string;
  arms: string[];
  controlArmId: string;
  metric: DecisionMetricId;
  guardrails: Guardrail[];
  stopRule: 'sequential' | 'fixed';
  mde: number;
  baseline: Baseline;
  /** Variance of one unit for means and ratios (measured); absent: a coefficient of variation of 1 is assumed. */
  unitVariance: number | null;
  traffic: TrafficEstimate;
  prior: PlanPrior | null;
}

/**
 * The plan's numbers: units per arm from @mos/stats `sampleSizePerArm` (Bonferroni over treatments; the
 * sequential rule sized for its confidence sequence read once a day on daily ad snapshots, continuously on a
 * funnel) and the days the measured traffic needs for them. Throws `PowerInputError` for impossible inputs (a
 * rate that cannot grow by the MDE).
 */
export function planNumbers(input: PlanNumbersInput): ExperimentPlan {
  const info = DECISION_METRIC_INFO[input.metric];
  const arms = input.arms.length;
  // An unmeasured mean or ratio: sd = mean (CV 1), a common, conservative default for money per unit.
  const unitVariance =
    info.kind === 'proportion' ? undefined : (input.unitVariance ?? input.baseline.value ** 2);
  const unitsPerArmPerDay = input.traffic.unitsPerDay / arms;
  const samplePerArm = sampleSizePerArm({
    kind: info.kind,
    baseline: input.baseline.value,
    ...(unitVariance === undefined ? {} : { unitVariance }),
    mde: input.mde,
    alpha: PLAN_DEFAULTS.alpha,
    power: PLAN_DEFAULTS.power,
    arms,
    method: input.stopRule,
    direction: info.direction,
    // Ad snapshots arrive once a day: the sequence is read once a day; a funnel is read at every poll.
    ...(input.stopRule === 'sequential' && input.traffic.source === 'snapshots' && unitsPerArmPerDay > 0
      ? { unitsPerLook: unitsPerArmPerDay }
      : {}),
  });
  const weights = input.arms.map(() => 1);
  return {
    phase: input.phase,
    hypothesis: input.hypothesis,
    primaryMetric: input.metric,
    guardrails: input.guardrails,
    arms: input.arms,
    controlArmId: input.controlArmId,
    weights,
    baseline: input.baseline,
    mde: input.mde,
    power: PLAN_DEFAULTS.power,
    stopRule:
      input.stopRule === 'fixed'
        ? { kind: 'fixed', alpha: PLAN_DEFAULTS.alpha, samplePerArm }
        : {
            kind: 'sequential',
            alpha: PLAN_DEFAULTS.alpha,
            minPerArm: Math.min(PLAN_DEFAULTS.minPerArm, samplePerArm),
            plannedPerArm: samplePerArm,
          },
    samplePerArm,
    expectedDays: statsExpectedDays(samplePerArm, arms, input.traffic.unitsPerDay, weights),
    traffic: input.traffic,
    prior: input.prior,
    bandit: { ...PLAN_DEFAULTS.bandit },
  };
}

/**
 * The prior for the client's next experiment on `metric` (`priorFor`: the org's finished arms pooled by vertical);
 * null when there is none or its spread is not usable.
 */
export async function planPrior(
  q: Queryable,
  orgId: string,
  input: { clientId: string; metric: DecisionMetricId },
): Promise<PlanPrior | null> {
  const prior = (await priorFor(q, orgId, input))?.prior ?? null;
  return prior && prior.sd > 0 && Number.isFinite(prior.mean) ? prior : null;
}

/** The plan's arms: the spec's variants, control first. */
function armsOf(spec: Pick<ExperimentSpec, 'variants' | 'controlVariantId'>): string[] | null {
  const ids = spec.variants.map((v) => v.id);
  const control = spec.controlVariantId;
  if (control === null || !ids.includes(control)) return null;
  return [control, ...ids.filter((id) => id !== control)];
}

const direction = (metric: DecisionMetricId): Direction => DECISION_METRIC_INFO[metric].direction;

/**
 * The plan of `phase` for a spec of a campaign, computed now: the primary metric's traffic and baseline measured
 * over the last four weeks (funnel events or ad snapshots, `trafficEstimate`), else the campaign's stated baseline
 * of that metric; the prior of the client's vertical; the MDE a person set, else the prior's suggestion, else the
 * spec's. What a person must state first comes back as `{ ok: false, field, message }`.
 */
export async function computeSpecPlan(
  q: Queryable,
  orgId: string,
  input: {
    clientId: string;
    campaignId: string;
    spec: Pick<ExperimentSpec, 'id' | 'name' | 'hypothesis' | 'variants' | 'controlVariantId'> & PlanChoices;
    phase: number;
    /** A person's changes (changePlan); `mde` here wins over the prior's suggestion. */
    choices?: Partial<PlanChoices>;
    now?: Date;
  },
): Promise<PlanOutcome> {
  const { spec } = input;
  const metric = input.choices?.primaryMetric ?? spec.primaryMetric;
  if (metric === null)
    return {
      ok: false,
      field: 'primaryMetric',
      message: `experiment "${spec.id}" states no primary metric (written before issue 11): state primaryMetric`,
    };
  const arms = armsOf(spec);
  if (!arms)
    return {
      ok: false,
      field: 'controlVariantId',
      message: `experiment "${spec.id}" names no control among its variants: state controlVariantId`,
    };
  const guardrails = (input.choices?.guardrails ?? spec.guardrails).filter((g) => g.metric !== metric);
  const stopRule = input.choices?.stopRule ?? spec.stopRule ?? 'sequential';

  const measured = await trafficEstimate(q, orgId, {
    clientId: input.clientId,
    campaignId: input.campaignId,
    metric,
    days: PLAN_DEFAULTS.trafficDays,
    ...(input.now ? { now: input.now } : {}),
  });
  const campaign = await getCampaign(q, orgId, input.campaignId);
  const stated = campaign?.baseline?.metric === metric ? campaign.baseline.value : null;
  const measuredValue =
    measured.baseline !== null && Number.isFinite(measured.baseline) && measured.baseline > 0
      ? measured.baseline
      : null;
  const value = measuredValue ?? stated;
  if (value === null)
    return {
      ok: false,
      field: 'baseline',
      message:
        `no baseline for ${metric}: nothing measured in the last ${PLAN_DEFAULTS.trafficDays} days and the ` +
        `campaign's baseline is ${campaign?.baseline ? `a value of ${campaign.baseline.metric}` : 'not set'}; ` +
        `set the campaign's baseline to { metric: "${metric}", value }`,
    };
  const unitVariance =
    measuredValue !== null && measured.data ? summarize(measured.data).unitVariance || null : null;

  const prior = await planPrior(q, orgId, { clientId: input.clientId, metric });
  const fromPrior = prior ? suggestMde(prior, { direction: direction(metric) }) : null;
  const personMde = input.choices?.mde ?? null;
  const mde = personMde ?? fromPrior ?? spec.mde;
  if (mde === null)
    return { ok: false, field: 'mde', message: `experiment "${spec.id}" states no MDE: state mde` };

  try {
    const plan = planNumbers({
      phase: input.phase,
      hypothesis: spec.hypothesis ?? spec.name,
      arms,
      controlArmId: arms[0] ?? '',
      metric,
      guardrails,
      stopRule,
      mde,
      baseline: { metric, value },
      unitVariance,
      traffic: measured.traffic,
      prior,
    });
    return { ok: true, plan };
  } catch (err) {
    if (err instanceof PowerInputError)
      return {
        ok: false,
        field: err.field === 'baseline' ? 'baseline' : 'mde',
        message: `no sample size for ${metric} at baseline ${value} and MDE ${mde}: ${err.message}`,
      };
    throw err;
  }
}

// ------------------------------------------------------------------------------------------- phases

export interface PhaseRow {
  phase: number;
  plan: ExperimentPlan;
  reason: string;
  lockedBy: string | null;
  approvalId: string | null;
  startedAt: Date;
  endedAt: Date | null;
}

/**
 * Locks `plan` as phase 1 of an experiment that has none yet (the approved design): the experiments row's plan,
 * phase and plan_locked_at, and the experiment_phases row. A row that already has a locked plan keeps it (a
 * retried approval locks nothing twice). Call inside a transaction.
 */
export async function lockFirstPhase(
  q: Queryable,
  orgId: string,
  input: { experimentId: string; plan: ExperimentPlan; approvalId: string | null; lockedBy?: string | null },
): Promise<boolean> {
  const locked = await q
    .update(experiments)
    .set({ plan: input.plan, phase: 1, planLockedAt: new Date(), updatedAt: new Date() })
    .where(
      and(
        eq(experiments.orgId, orgId),
        eq(experiments.id, input.experimentId),
        // Only a row without a locked plan: a retry must not re-lock with fresher numbers.
        sql`${experiments.planLockedAt} is null`,
      ),
    )
    .returning({ id: experiments.id });
  if (locked.length === 0) return false;
  await q
    .insert(experimentPhases)
    .values({
      orgId,
      experimentId: input.experimentId,
      phase: 1,
      plan: input.plan,
      reason: 'approved design',
      lockedBy: input.lockedBy ?? null,
      approvalId: input.approvalId,
    })
    .onConflictDoNothing();
  return true;
}

/**
 * Starts the next phase with `plan` (its `phase` must be the current phase + 1): ends the current phase's row,
 * inserts the new one and sets the experiments row's plan and phase. Call inside a transaction that holds the
 * experiment's row lock.
 */
export async function startNextPhase(
  q: Queryable,
  orgId: string,
  input: { experimentId: string; plan: ExperimentPlan; reason: string; lockedBy: string | null },
): Promise<void> {
  const now = new Date();
  await q
    .update(experimentPhases)
    .set({ endedAt: now })
    .where(
      and(
        eq(experimentPhases.orgId, orgId),
        eq(experimentPhases.experimentId, input.experimentId),
        eq(experimentPhases.phase, input.plan.phase - 1),
      ),
    );
  await q.insert(experimentPhases).values({
    orgId,
    experimentId: input.experimentId,
    phase: input.plan.phase,
    plan: input.plan,
    reason: input.reason,
    lockedBy: input.lockedBy,
    startedAt: now,
  });
  await q
    .update(experiments)
    .set({ plan: input.plan, phase: input.plan.phase, planLockedAt: now, updatedAt: now })
    .where(and(eq(experiments.orgId, orgId), eq(experiments.id, input.experimentId)));
}

/** Every phase of an experiment, oldest first. */
export async function listExperimentPhases(
  q: Queryable,
  orgId: string,
  experimentId: string,
): Promise<PhaseRow[]> {
  const rows = await q
    .select({
      phase: experimentPhases.phase,
      plan: experimentPhases.plan,
      reason: experimentPhases.reason,
      lockedBy: experimentPhases.lockedBy,
      approvalId: experimentPhases.approvalId,
      startedAt: experimentPhases.startedAt,
      endedAt: experimentPhases.endedAt,
    })
    .from(experimentPhases)
    .where(and(eq(experimentPhases.orgId, orgId), eq(experimentPhases.experimentId, experimentId)))
    .orderBy(asc(experimentPhases.phase));
  return rows.map((r) => ({ ...r, plan: r.plan as ExperimentPlan }));
}
