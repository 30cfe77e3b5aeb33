import {
  computeSpecPlan,
  type Db,
  experimentPhases,
  getArtifact,
  lockExperimentForCycle,
  lockFirstPhase,
  type Queryable,
  setArtifactData,
  startNextPhase,
} from '@mos/db';
import { type ExperimentSpec, parseArtifactData, parseStoredArtifactData } from '@mos/db/artifacts';
import {
  ExperimentPlan,
  type ExperimentPlanChangeInput,
  type ExperimentPlanRefusal,
  PLAN_CHANGE_REFUSED_FAILURE_TYPE,
} from '@mos/db/contracts';
import { ApplicationFailure } from '@temporalio/common';
import { and, eq } from 'drizzle-orm';
import type { ActivityDeps } from './deps';
import { NotFoundError, ValidationError } from './deps';
import { loadDoc } from './shared/documents';

export interface SpecPlanSummary {
  specId: string;
  samplePerArm: number | null;
  expectedDays: number | null;
  /** Why no plan was computed (the field to state), null when there is one. */
  issue: string | null;
}

/** A spec's plan as phase 1, or why there is none (an issue for the reviewer). */
async function planOf(
  db: Queryable,
  ref: { orgId: string; clientId: string; campaignId: string },
  spec: ExperimentSpec,
  now: Date,
): Promise<{ plan: ExperimentPlan | null; issue: string | null }> {
  const out = await computeSpecPlan(db, ref.orgId, {
    clientId: ref.clientId,
    campaignId: ref.campaignId,
    spec,
    phase: 1,
    now,
  });
  return out.ok ? { plan: out.plan, issue: null } : { plan: null, issue: out.message.slice(0, 500) };
}

/**
 * Pre-registration (issue 11): the numbers of each experiment's plan are computed by code, never by the model —
 * sample per arm and expected days from @mos/stats, the client's measured traffic and baseline, the campaign's
 * stated baseline and the prior pooled from the org's finished experiments.
 */
export function experimentPlanActivities({ db, clock }: ActivityDeps) {
  return {
    /**
     * Computes every spec's plan of the run's spec set and writes it into that version (`plan`, or `planIssue`
     * naming what to state), so the `experiments` gate shows the numbers a person approves. A reviewer's numbers
     * are never taken: undecided specs are planned again after an edit.
     */
    async planExperimentSpecs(input: {
      orgId: string;
      runId: string;
      clientId: string;
      campaignId: string;
      artifactId: string;
      /** Specs already decided at the gate: their plan is the one approved (or refused) and stays. */
      keepSpecIds?: string[];
    }): Promise<{ artifactId: string; specs: SpecPlanSummary[] }> {
      const { row, data } = await loadDoc(db, input.orgId, input.artifactId, 'experiment_spec');
      // Only this run's own version (its draft, or a reviewer's edit it saved): never another run's document.
      if (row.workflowRunId !== input.runId)
        throw new ValidationError(`experiment spec set ${input.artifactId} is not a version of this run`);
      const keep = new Set(input.keepSpecIds ?? []);
      const now = clock();
      const specs: ExperimentSpec[] = [];
      for (const spec of data.experimentSpecs) {
        if (keep.has(spec.id)) {
          specs.push(spec);
          continue;
        }
        const { plan, issue } = await planOf(db, input, spec, now);
        specs.push({ ...spec, plan, planIssue: issue });
      }
      const parsed = parseArtifactData('experiment_spec', { ...data, experimentSpecs: specs });
      if (!parsed.success) throw new ValidationError(`planned spec set is invalid: ${parsed.error.message}`);
      await setArtifactData(db, input.orgId, input.artifactId, parsed.data);
      return {
        artifactId: input.artifactId,
        specs: specs.map((s) => ({
          specId: s.id,
          samplePerArm: s.plan?.samplePerArm ?? null,
          expectedDays: s.plan?.expectedDays ?? null,
          issue: s.planIssue,
        })),
      };
    },
  };
}

/**
 * Locks phase 1 of each new experiment: the plan the gate showed (the approved spec's `plan`), else one computed
 * now (specs planned before the gate showed plans, or CampaignPlanning, which has no experiments gate). An
 * experiment whose plan cannot be computed stays unlocked; its issue is returned.
 */
export async function lockApprovedPlans(
  db: Db,
  ref: { orgId: string; clientId: string; campaignId: string },
  items: { experimentId: string; spec: ExperimentSpec }[],
  opts: { approvalId: string | null; now: Date },
): Promise<Map<string, { locked: boolean; issue: string | null }>> {
  const out = new Map<string, { locked: boolean; issue: string | null }>();
  for (const { experimentId, spec } of items) {
    const { plan, issue } = spec.plan
      ? { plan: spec.plan, issue: null }
      : await planOf(db, ref, spec, opts.now);
    if (!plan) {
      out.set(experimentId, { locked: false, issue });
      continue;
    }
    // The row's plan and its phase row together, or neither; a row locked before (a retry) keeps its plan.
    await db.transaction((tx) =>
      lockFirstPhase(tx, ref.orgId, { experimentId, plan, approvalId: opts.approvalId }),
    );
    out.set(experimentId, { locked: true, issue: null });
  }
  return out;
}

// ------------------------------------------------------------------------------------------ plan change

/** A plan change the activity refuses: the run fails with the message; details[0] names the field. */
function refused(refusal: ExperimentPlanRefusal): ApplicationFailure {
  return ApplicationFailure.create({
    type: PLAN_CHANGE_REFUSED_FAILURE_TYPE,
    message: refusal.message,
    nonRetryable: true,
    details: [refusal],
  });
}

export interface PlanChangeResult {
  experimentId: string;
  phase: number;
  samplePerArm: number;
  expectedDays: number | null;
}

/**
 * `experiments.changePlan`'s numbers, computed where the statistics live (the Worker bundle stays small): the next
 * phase of an experiment's plan, locked in one transaction under the experiment's row lock after checking again
 * what the API checked when it started the run (no cycle runs, not finished, still the phase the person saw).
 */
export function experimentPlanChangeActivities({ db, clock }: ActivityDeps) {
  return {
    async changeExperimentPlan(input: ExperimentPlanChangeInput): Promise<PlanChangeResult> {
      const { orgId, experimentId } = input;
      return db.transaction(async (tx) => {
        const locked = await lockExperimentForCycle(
          tx,
          orgId,
          experimentId,
          `experiment-cycle-${experimentId}`,
        );
        if (!locked) throw new NotFoundError(`experiment ${experimentId}`);
        const { experiment, cycleRunning } = locked;
        const current = experiment.plan === null ? null : ExperimentPlan.safeParse(experiment.plan);
        const plan = current?.success ? current.data : null;

        // A retried attempt whose first one committed: the phase is ours (one change per experiment runs at a
        // time: the workflow id is the experiment's), so it is answered, not refused.
        if (experiment.plan !== null && experiment.phase === input.phase && plan) {
          const [row] = await tx
            .select({ reason: experimentPhases.reason, lockedBy: experimentPhases.lockedBy })
            .from(experimentPhases)
            .where(
              and(
                eq(experimentPhases.orgId, orgId),
                eq(experimentPhases.experimentId, experimentId),
                eq(experimentPhases.phase, input.phase),
              ),
            );
          if (row && row.reason === input.reason && row.lockedBy === input.startedBy)
            return {
              experimentId,
              phase: plan.phase,
              samplePerArm: plan.samplePerArm,
              expectedDays: plan.expectedDays,
            };
        }
        if (cycleRunning || experiment.status === 'running')
          throw refused({
            field: 'id',
            reason: 'cycle_running',
            message:
              "the experiment's cycle started before the plan changed: stop the cycle, then change the plan",
          });
        if (experiment.status === 'completed' || experiment.status === 'cancelled')
          throw refused({
            field: 'id',
            reason: 'experiment_finished',
            message: `the experiment is ${experiment.status}; its plan is final`,
          });
        const inForce = experiment.plan === null ? null : experiment.phase;
        if (inForce !== input.seenPhase)
          throw refused({
            field: 'id',
            reason: 'phase_changed',
            message:
              `the plan changed since this change was asked for (phase ${inForce ?? 'none'} is in force, not ` +
              `${input.seenPhase ?? 'none'}): look at the current plan and change it again`,
          });

        const artifact = await getArtifact(tx, orgId, experiment.experimentSpecArtifactId);
        const doc = artifact ? parseStoredArtifactData('experiment_spec', artifact.data) : null;
        const spec = doc?.success
          ? doc.data.experimentSpecs.find((s) => s.id === experiment.specId)
          : undefined;
        if (!spec) throw new NotFoundError(`experiment spec ${experiment.specId}`);

        // The current plan's choices, then the person's changes on top.
        const { changes } = input;
        const base = {
          ...spec,
          primaryMetric: changes.primaryMetric ?? plan?.primaryMetric ?? spec.primaryMetric,
          guardrails: changes.guardrails ?? plan?.guardrails ?? spec.guardrails,
          stopRule: changes.stopRule ?? plan?.stopRule.kind ?? spec.stopRule,
          mde: plan?.mde ?? spec.mde,
        };
        // The locked plan's MDE was approved by a person: it stays unless they change it (never a newer prior's).
        const personMde = changes.mde ?? plan?.mde;
        const out = await computeSpecPlan(tx, orgId, {
          clientId: experiment.clientId,
          campaignId: experiment.campaignId,
          spec: base,
          phase: input.phase,
          now: clock(),
          ...(personMde === undefined ? {} : { choices: { mde: personMde } }),
        });
        if (!out.ok)
          throw refused({ field: out.field, reason: `no_plan_${out.field}`, message: out.message });
        await startNextPhase(tx, orgId, {
          experimentId,
          plan: out.plan,
          reason: input.reason,
          lockedBy: input.startedBy,
        });
        return {
          experimentId,
          phase: out.plan.phase,
          samplePerArm: out.plan.samplePerArm,
          expectedDays: out.plan.expectedDays,
        };
      });
    },
  };
}
