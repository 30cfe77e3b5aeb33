import { computeSpecPlan, type Db, lockFirstPhase, type Queryable, setArtifactData } from '@mos/db';
import { type ExperimentSpec, parseArtifactData } from '@mos/db/artifacts';
import type { ExperimentPlan } from '@mos/db/contracts';
import type { ActivityDeps } from './deps';
import { ValidationError } from './deps';
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
