import {
  clientHasEnabledConnector,
  experimentAssets,
  experimentFunnelVariants,
  experimentPhaseStart,
  getCampaign,
  getExperiment,
  getExperimentDecision,
  insertArtifactVersion,
  insertExperimentDecision,
  insertExperimentReading,
  latestArtifact,
  markExperimentDecisionApplied,
  readArmData,
  recordExperimentEffects,
  reviewExperimentDecision,
  setAssetsStatus,
  setDecisionReport,
  setFunnelVariantWeights,
  updateExperiment,
} from '@mos/db';
import {
  type ExperimentDecision,
  type ExperimentReport,
  ExperimentReportOutput,
  type ExperimentSpec,
} from '@mos/db/artifacts';
import {
  type AppliedChanges,
  DECISION_METRIC_INFO,
  type DecisionMetricId,
  ExperimentPlan,
  type ExperimentReading,
} from '@mos/db/contracts';
import { type ArmData, decide, mulberry32, thompsonWeights } from '@mos/stats';
import { z } from 'zod';
import { type ActivityDeps, NotFoundError, ValidationError } from '../deps';
import { findStepArtifact, loadDoc } from '../shared/documents';
import { asStored, generateStep } from '../shared/llm-step';
import { renderFrom } from '../shared/prompts';
import {
  armsInPlan,
  banditVariantWeights,
  buildReading,
  changesFor,
  effectsOf,
  factsOf,
  fingerprintOf,
  planFromSpec,
  reportMetrics,
  withGuardrailStop,
} from './reading';

/** What a cycle works from, fixed at configure time and carried across continue-as-new. */
export interface CycleConfig {
  experimentId: string;
  name: string;
  clientId: string;
  campaignId: string;
  specArtifactId: string;
  specId: string;
  /** The phase whose locked plan is read (1 for a row from before plans). */
  phase: number;
  plan: ExperimentPlan;
  /** `locked`: the experiment's plan; `derived`: computed from its spec because the row has none. */
  planSource: 'locked' | 'derived';
  /** Where the phase's window starts (ISO): its plan's lock, or the experiment's creation. */
  windowFrom: string;
  /** The client had an enabled ad connector at configure time (each read says again). */
  connector: boolean;
  /** The experiment's arms are funnel variants (metrics a funnel measures are read from its events). */
  funnelArms: boolean;
}

export interface CycleRead {
  reading: ExperimentReading;
  /** Changes whenever the data read changes: polls without new data store no reading. */
  fingerprint: string;
  /** A reading row was written for this poll. */
  stored: boolean;
  /** The client has an enabled ad connector (the workflow pulls it before the next read). */
  connector: boolean;
  /** Variant weights the bandit set at this poll (empty when it is off or had nothing to set). */
  banditWeights: { variantId: string; armId: string; weight: number }[];
}

/** The LLM's rationale for a proposal: its words and the ids of the facts (numbers by code) they cite. */
export function decisionRationaleOutput(factIds: readonly [string, ...string[]]) {
  return z.strictObject({
    rationale: z.string().trim().min(1).max(3000),
    citedFactIds: z.array(z.enum(factIds)).min(1).max(30),
  });
}

/** The report's decision for what the cycle decided and a person approved (or the stop, or running out of polls). */
export function reportDecision(
  outcome: { kind: 'approved'; reading: ExperimentReading } | { kind: 'stopped' } | { kind: 'exhausted' },
  controlArmId: string,
): { decision: ExperimentDecision; winningVariantId: string | null } {
  if (outcome.kind === 'stopped') return { decision: 'stopped', winningVariantId: null };
  if (outcome.kind === 'exhausted') return { decision: 'inconclusive', winningVariantId: null };
  const r = outcome.reading;
  if (r.action === 'ship' && r.winningArmId) return { decision: 'winner', winningVariantId: r.winningArmId };
  // Every treatment surely worse: the control won.
  if (r.reason === 'all_worse') return { decision: 'winner', winningVariantId: controlArmId };
  if (r.reason === 'no_difference_at_horizon')
    return { decision: 'no_significant_difference', winningVariantId: null };
  return { decision: 'inconclusive', winningVariantId: null };
}

/** ExperimentCycle's activities: configure, read, propose, review, apply, report, record effects, close. */
export function cycleActivities({ db, llm, clock }: ActivityDeps) {
  async function specOf(orgId: string, config: Pick<CycleConfig, 'specArtifactId' | 'specId'>) {
    const artifact = (await loadDoc(db, orgId, config.specArtifactId, 'experiment_spec')).data;
    return artifact.experimentSpecs.find((s) => s.id === config.specId) ?? null;
  }

  return {
    /**
     * Sets the experiment running (stamping started_at once) and reads its locked plan; a row from before plans
     * gets one computed from its spec (phase 1). A closed experiment is refused.
     */
    async configureExperimentCycle(input: { orgId: string; experimentId: string }): Promise<CycleConfig> {
      const row = await getExperiment(db, input.orgId, input.experimentId);
      if (!row) throw new NotFoundError(`experiment ${input.experimentId}`);
      const running = await updateExperiment(db, input.orgId, row.id, { status: 'running' }, [
        'planned',
        'running',
      ]);
      if (!running) throw new ValidationError(`experiment ${row.id} is ${row.status}; its cycle cannot run`);
      let plan: ExperimentPlan;
      let planSource: CycleConfig['planSource'] = 'locked';
      if (row.plan !== null) {
        const parsed = ExperimentPlan.safeParse(row.plan);
        if (!parsed.success)
          throw new ValidationError(
            `experiment ${row.id}: its locked plan does not parse (${parsed.error.message})`,
          );
        plan = parsed.data;
      } else {
        const spec = await specOf(input.orgId, {
          specArtifactId: row.experimentSpecArtifactId,
          specId: row.specId,
        });
        if (!spec)
          throw new ValidationError(`spec ${row.specId} is not in artifact ${row.experimentSpecArtifactId}`);
        const campaign = await getCampaign(db, input.orgId, row.campaignId);
        const baseline = campaign?.baseline ?? null;
        plan = await withFunnelWeights(input.orgId, row, planFromSpec(spec as ExperimentSpec, baseline));
        planSource = 'derived';
      }
      const phaseStart = await experimentPhaseStart(db, input.orgId, row.id, row.phase);
      // Phase 1 counts from the experiment's creation: a funnel can take traffic before someone starts the cycle.
      const from = row.phase > 1 && phaseStart ? phaseStart : row.createdAt;
      return {
        experimentId: row.id,
        name: row.name,
        clientId: row.clientId,
        campaignId: row.campaignId,
        specArtifactId: row.experimentSpecArtifactId,
        specId: row.specId,
        phase: planSource === 'locked' ? row.phase : 1,
        plan: { ...plan, phase: planSource === 'locked' ? row.phase : 1 },
        planSource,
        windowFrom: from.toISOString(),
        connector: await clientHasEnabledConnector(db, input.orgId, row.clientId),
        funnelArms: (await experimentFunnelVariants(db, input.orgId, [row.specId, row.id])).length > 0,
      };
    },

    /**
     * One poll: the primary metric and each guardrail read per arm by SQL aggregation, `decide()` under the
     * plan's rule, a reading stored when the data changed. With the bandit on (funnel arms, proportion metric),
     * a continuing poll also sets the variants' weights by Thompson sampling with the plan's floor.
     */
    async readExperimentCycle(input: {
      orgId: string;
      runId: string;
      config: CycleConfig;
      poll: number;
      previousFingerprint: string | null;
    }): Promise<CycleRead> {
      const { config, orgId } = input;
      const { plan } = config;
      const now = clock();
      const from = new Date(config.windowFrom);
      // Ad snapshots are whole UTC days: a phase that began during a day reads that day's snapshot too.
      const dayStart = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()));
      const windowOf = (m: DecisionMetricId) => ({
        from: config.funnelArms && DECISION_METRIC_INFO[m].sources.includes('funnel') ? from : dayStart,
        to: now,
      });
      const metric = plan.primaryMetric;
      const primary = await readArmData(db, orgId, {
        experimentId: config.experimentId,
        metric,
        window: windowOf(metric),
      });
      const arms = armsInPlan(plan, metric, primary.arms);
      const guardrails = [];
      for (const g of plan.guardrails) {
        const read = await readArmData(db, orgId, {
          experimentId: config.experimentId,
          metric: g.metric,
          window: windowOf(g.metric),
        });
        guardrails.push({
          metricId: g.metric,
          direction: DECISION_METRIC_INFO[g.metric].direction,
          maxRelativeHarm: g.maxRelativeHarm,
          arms: armsInPlan(plan, g.metric, read.arms),
        });
      }
      const bandit = plan.bandit.enabled && primary.source === 'funnel';
      // SRM checks a split MOS randomised: a funnel's variants at the plan's weights. Ad platforms deliver by their
      // own optimisation and a bandit moves the split on purpose, so neither has a planned split to check.
      const weights = primary.source === 'funnel' && !bandit ? plan.weights : [];
      const result = decide({
        arms,
        controlArmId: plan.controlArmId,
        direction: DECISION_METRIC_INFO[metric].direction,
        stopRule: plan.stopRule,
        weights,
        guardrails,
        prior: plan.prior ? { mean: plan.prior.mean, variance: plan.prior.sd ** 2 } : null,
      });
      const reading = buildReading({
        plan,
        source: primary.source,
        arms,
        result: withGuardrailStop(result, plan.controlArmId),
        guardrails: plan.guardrails,
        skipped: primary.skipped,
      });
      const fingerprint = fingerprintOf([
        arms.map((a) => a.data),
        guardrails.map((g) => g.arms.map((a) => a.data)),
        primary.skipped,
      ]);
      let stored = false;
      if (fingerprint !== input.previousFingerprint) {
        await insertExperimentReading(db, orgId, {
          experimentId: config.experimentId,
          phase: config.phase,
          poll: input.poll,
          workflowRunId: input.runId,
          readAt: now,
          data: reading,
        });
        stored = true;
      }
      const banditWeights =
        bandit && reading.action === 'continue' ? await applyBandit(orgId, config, arms, input.poll) : [];
      const connector = await clientHasEnabledConnector(db, orgId, config.clientId);
      return { reading, fingerprint, stored, connector, banditWeights };
    },

    /**
     * A proposal (ship or stop): the numbers worded by code as facts, the rationale written by the LLM citing
     * them by id, stored as a `proposed` experiment_decisions row under the id the workflow chose.
     */
    async proposeExperimentDecision(input: {
      orgId: string;
      runId: string;
      config: CycleConfig;
      decisionId: string;
      reading: ExperimentReading;
      /** A person's words: why the last proposal was rejected, or on a retry after the step failed. */
      feedback?: string | null;
    }): Promise<{ decisionId: string; citedFactIds: string[] }> {
      const { config, reading } = input;
      const existing = await getExperimentDecision(db, input.orgId, input.decisionId);
      if (existing) return { decisionId: existing.id, citedFactIds: [] };
      const facts = factsOf(reading, config.plan);
      const ids = facts.map((f) => f.id) as [string, ...string[]];
      const spec = await specOf(input.orgId, config);
      const prompt = renderFrom('cycle/decision_rationale', {
        EXPERIMENT_JSON: JSON.stringify(
          {
            name: config.name,
            specId: config.specId,
            hypothesis: config.plan.hypothesis,
            arms: config.plan.arms,
            controlArmId: config.plan.controlArmId,
            variants: spec?.variants.map((v) => ({ id: v.id, name: v.name })) ?? [],
            primaryMetric: config.plan.primaryMetric,
            guardrails: config.plan.guardrails,
            stopRule: config.plan.stopRule,
            phase: config.phase,
          },
          null,
          2,
        ),
        PROPOSAL_JSON: JSON.stringify(
          { action: reading.action, reason: reading.reason, winningArmId: reading.winningArmId },
          null,
          2,
        ),
        FACTS_JSON: JSON.stringify(facts, null, 2),
        FEEDBACK: input.feedback?.trim() ? input.feedback : null,
      });
      const { data } = await generateStep(llm, {
        orgId: input.orgId,
        runId: input.runId,
        step: 'propose_decision',
        schemaName: 'ExperimentDecisionRationale',
        output: decisionRationaleOutput(ids),
        prompt,
        feedback: null,
      });
      const cited = [...new Set(data.citedFactIds)];
      const byId = new Map(facts.map((f) => [f.id, f.text]));
      // The words are the model's; the numbers they rest on are appended as code worded them.
      const rationale = `${data.rationale.trim()}\n\nNumbers (computed by MOS):\n${cited
        .map((id) => `- ${byId.get(id) ?? id}`)
        .join('\n')}`;
      await insertExperimentDecision(db, input.orgId, {
        id: input.decisionId,
        experimentId: config.experimentId,
        phase: config.phase,
        workflowRunId: input.runId,
        action: reading.action,
        reason: reading.reason,
        winningArmId: reading.winningArmId,
        reading,
        rationale,
      });
      return { decisionId: input.decisionId, citedFactIds: cited };
    },

    /** Records the gate's decision on a proposal from the approvals row (who, when, feedback). */
    async reviewExperimentDecision(input: {
      orgId: string;
      decisionId: string;
      approvalId: string;
      approved: boolean;
    }): Promise<{ status: string }> {
      const row = await reviewExperimentDecision(db, input.orgId, {
        id: input.decisionId,
        status: input.approved ? 'approved' : 'rejected',
        approvalId: input.approvalId,
      });
      if (!row) throw new NotFoundError(`experiment decision ${input.decisionId}`);
      return { status: row.status };
    },

    /**
     * Applies an approved decision: funnel variant weights and asset statuses (see `changesFor`), recorded with
     * their previous values on the decision, and the experiment's decision and winning arm. Run again after it
     * was applied, it changes nothing and answers what was recorded.
     */
    async applyExperimentDecision(input: {
      orgId: string;
      config: CycleConfig;
      decisionId: string;
    }): Promise<AppliedChanges> {
      const { orgId, config } = input;
      const row = await getExperimentDecision(db, orgId, input.decisionId);
      if (!row) throw new NotFoundError(`experiment decision ${input.decisionId}`);
      if (row.status === 'applied') return row.applied as AppliedChanges;
      if (row.status !== 'approved')
        throw new ValidationError(`experiment decision ${row.id} is ${row.status}, not approved`);
      if (row.action !== 'ship' && row.action !== 'stop')
        throw new ValidationError(`experiment decision ${row.id} proposes ${row.action}: nothing to apply`);
      const [variants, assets] = await Promise.all([
        experimentFunnelVariants(db, orgId, [config.specId, config.experimentId]),
        experimentAssets(db, orgId, config.experimentId),
      ]);
      const changes = changesFor({
        action: row.action,
        winningArmId: row.winningArmId,
        controlArmId: config.plan.controlArmId,
        variants,
        assets,
      });
      await db.transaction(async (tx) => {
        await setFunnelVariantWeights(
          tx,
          orgId,
          changes.variantWeights.map((v) => ({ variantId: v.variantId, weight: v.to })),
        );
        const rejected = changes.assetStatuses.map((a) => a.assetId);
        if (rejected.length > 0) await setAssetsStatus(tx, orgId, rejected, 'rejected');
        await markExperimentDecisionApplied(tx, orgId, {
          id: row.id,
          experimentId: config.experimentId,
          applied: changes,
          decision: row.action,
          winningArmId: row.action === 'ship' ? row.winningArmId : config.plan.controlArmId,
        });
      });
      return changes;
    },

    /**
     * The ExperimentReport: the phase, metric, method and numbers of the reading by code, insights,
     * recommendations and summary by the LLM given those numbers. Saved once per (run, experiment) as a draft.
     */
    async writeExperimentReport(input: {
      orgId: string;
      runId: string;
      clientId: string;
      campaignId: string | null;
      config: CycleConfig;
      outcome: 'approved' | 'stopped' | 'exhausted';
      reading: ExperimentReading;
      decisionId: string | null;
      polls: number;
      /** A person's words on a retry after the step failed. */
      feedback?: string | null;
    }): Promise<{
      artifactId: string;
      version: number;
      decision: ExperimentDecision;
      winningVariantId: string | null;
    }> {
      const stepKey = `experiment_report:${input.config.experimentId}`;
      const { config, reading } = input;
      const { decision, winningVariantId } = reportDecision(
        input.outcome === 'approved' ? { kind: 'approved', reading } : { kind: input.outcome },
        config.plan.controlArmId,
      );
      const done = await findStepArtifact(db, input.orgId, input.runId, stepKey);
      if (done) return { artifactId: done.id, version: done.version, decision, winningVariantId };
      const spec = await specOf(input.orgId, config);
      const metricSchema =
        (await latestArtifact(db, input.orgId, {
          clientId: input.clientId,
          campaignId: null,
          type: 'metric_schema',
          status: 'approved',
        })) ??
        (await latestArtifact(db, input.orgId, {
          clientId: input.clientId,
          campaignId: null,
          type: 'metric_schema',
        }));
      const metrics = reportMetrics(reading, config.plan);
      const readout = {
        phase: config.phase,
        metric: reading.metric,
        method: reading.method,
        alpha: reading.alpha,
        action: reading.action,
        reason: reading.reason,
        polls: input.polls,
        decisionId: input.decisionId,
      };
      const results = {
        experimentId: config.specId,
        experimentName: config.name,
        decision,
        winningVariantId,
        readout,
        plan: config.plan,
        planSource: config.planSource,
        decisionRule:
          reading.method === 'sequential'
            ? `${DECISION_METRIC_INFO[reading.metric].label} compared with the control by an asymptotic confidence ` +
              `sequence (valid at every poll) at alpha ${reading.alpha}, Holm-corrected across arms; a decision only ` +
              'with the planned split (SRM p >= 0.001), the minimum data reached and no guardrail breached'
            : `${DECISION_METRIC_INFO[reading.metric].label} compared with the control by a fixed-horizon test at ` +
              `alpha ${reading.alpha}, read once at the pre-registered sample`,
        reading,
        primaryMetrics: metrics.primary,
        secondaryMetrics: metrics.secondary,
      };
      const prompt = renderFrom('build/experiment_report', {
        CLIENT_ID: input.clientId,
        CAMPAIGN_ID: input.campaignId ?? 'none',
        EXPERIMENT_SPECS_JSON: JSON.stringify(spec ?? { id: config.specId, name: config.name }, null, 2),
        METRIC_SCHEMA_JSON: metricSchema
          ? JSON.stringify(metricSchema.data, null, 2)
          : 'No metric schema has been written for this client.',
        RESULTS_JSON: JSON.stringify([results], null, 2),
      });
      // The numbers and the decision are code's; the model writes the insights, recommendations and summary.
      const { data: report } = await generateStep(llm, {
        orgId: input.orgId,
        runId: input.runId,
        step: 'build_experiment_report',
        schemaName: 'ExperimentReport',
        output: ExperimentReportOutput,
        prompt,
        feedback: input.feedback ?? null,
        complete: (written) =>
          asStored('experiment_report', {
            clientId: input.clientId,
            campaignId: input.campaignId,
            results: [
              {
                experimentId: config.specId,
                decision,
                winningVariantId,
                primaryMetrics: metrics.primary,
                secondaryMetrics: metrics.secondary,
                insights: written.insights,
                recommendations: written.recommendations,
                readout,
              },
            ],
            summary: written.summary,
          } satisfies ExperimentReport),
      });
      const row = await insertArtifactVersion(db, {
        orgId: input.orgId,
        clientId: input.clientId,
        campaignId: input.campaignId,
        type: 'experiment_report',
        data: report,
        source: 'ai',
        status: 'draft',
        workflowRunId: input.runId,
        stepKey,
      });
      if (input.decisionId) await setDecisionReport(db, input.orgId, input.decisionId, row.id);
      return { artifactId: row.id, version: row.version, decision, winningVariantId };
    },

    /**
     * The finished phase's effects, one per treatment arm (relative lift and its standard error), for the
     * priors of later designs; written once per (experiment, phase, arm).
     */
    async recordCycleEffects(input: {
      orgId: string;
      config: CycleConfig;
      reading: ExperimentReading;
      reportArtifactId: string;
    }): Promise<{ recorded: number }> {
      const { config } = input;
      const effects = effectsOf(input.reading, config.plan);
      if (effects.length === 0) return { recorded: 0 };
      const spec = await specOf(input.orgId, config);
      const units = new Map(input.reading.arms.map((a) => [a.armId, a]));
      const controlUnits = units.get(config.plan.controlArmId)?.units ?? null;
      const { recorded } = await recordExperimentEffects(db, input.orgId, {
        experimentId: config.experimentId,
        phase: config.phase,
        metric: config.plan.primaryMetric,
        testedVariable: spec?.testedVariable ?? null,
        reportArtifactId: input.reportArtifactId,
        effects: effects.map((e) => ({
          armId: e.armId,
          lift: {
            lift: e.lift,
            se: e.se,
            // The interval the report gave (the plan's rule), and its corrected p-value.
            ci: units.get(e.armId)?.ci ?? e.ci,
            pValue: units.get(e.armId)?.pValue ?? null,
            units: units.get(e.armId)?.units ?? null,
            controlUnits,
          },
        })),
      });
      return { recorded };
    },

    /** Closes the experiment: completed after a decision, cancelled when a person stopped the cycle. */
    async closeExperiment(input: { orgId: string; experimentId: string; status: 'completed' | 'cancelled' }) {
      const row = await updateExperiment(db, input.orgId, input.experimentId, { status: input.status }, [
        'planned',
        'running',
        input.status,
      ]);
      if (!row) {
        const current = await getExperiment(db, input.orgId, input.experimentId);
        if (!current) throw new NotFoundError(`experiment ${input.experimentId}`);
        return { status: current.status, changed: false };
      }
      return { status: row.status, changed: true };
    },
  };

  /** A legacy plan's split is the funnel's own when its arms are funnel variants (the page takes the rest). */
  async function withFunnelWeights(
    orgId: string,
    row: { id: string; specId: string },
    plan: ExperimentPlan,
  ): Promise<ExperimentPlan> {
    const variants = await experimentFunnelVariants(db, orgId, [row.specId, row.id]);
    if (variants.length === 0) return plan;
    const byArm = new Map(variants.filter((v) => v.armId !== null).map((v) => [v.armId, v.weight]));
    const pageShare = Math.max(0, 100 - variants.reduce((s, v) => s + v.weight, 0));
    const weights = plan.arms.map((arm) => byArm.get(arm) ?? pageShare);
    return weights.every((w) => w > 0) ? { ...plan, weights } : plan;
  }

  /** Thompson sampling over the arms (conversion counts), seeded by experiment and poll so a retry sets the same. */
  async function applyBandit(
    orgId: string,
    config: CycleConfig,
    arms: ArmData[],
    poll: number,
  ): Promise<{ variantId: string; armId: string; weight: number }[]> {
    if (arms.some((a) => a.data.kind !== 'proportion')) return [];
    const shares = thompsonWeights(
      arms.map((a) => ({
        armId: a.armId,
        successes: a.data.kind === 'proportion' ? a.data.sum : 0,
        trials: a.data.n,
      })),
      { floor: config.plan.bandit.floor, rng: mulberry32(seedOf(`${config.experimentId}:${poll}`)) },
    );
    const variants = await experimentFunnelVariants(db, orgId, [config.specId, config.experimentId]);
    const weights = banditVariantWeights(shares, variants);
    await setFunnelVariantWeights(db, orgId, weights);
    return weights;
  }
}

function seedOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}
