import {
  funnelArmsOfExperiment,
  funnelResults,
  getExperiment,
  insertArtifactVersion,
  latestArtifact,
  listExperimentSnapshots,
  updateExperiment,
} from '@mos/db';
import {
  type ExperimentDecision,
  type ExperimentReport,
  ExperimentReportOutput,
  type ExperimentSpec,
  type MetricValue,
} from '@mos/db/artifacts';
import { z } from 'zod';
import { type ActivityDeps, NotFoundError, ValidationError } from './deps';
import { findStepArtifact, loadDoc } from './shared/documents';
import { asStored, generateStep } from './shared/llm-step';
import { renderFrom } from './shared/prompts';
import {
  DEFAULT_MIN_SAMPLE_PER_VARIANT,
  type ExperimentStats,
  evaluateExperiment,
  type VariantTotals,
} from './stats';

/**
 * `asset_performance_snapshots.metrics` as the experiment cycle reads it. Each row holds the counts of one asset
 * for its own [time_from, time_to) window:
 *   { impressions: int, clicks: int, conversions: int, spend: number (major units), …any other keys }
 * A cycle sums an asset's windows, so windows of one asset must not overlap; a row re-imported for the same
 * (asset, time_from, time_to) replaces the earlier one (the newest row counts). Missing counts read as 0; a row
 * whose counts are not non-negative numbers is skipped and reported. Extra keys (ctr, revenue, …) are ignored.
 * Snapshots count for an experiment when the row names it or its asset belongs to it; the asset's `variant_id`
 * (the spec's variant id) says which variant it measures.
 */
export const SnapshotMetrics = z.looseObject({
  impressions: z.number().int().nonnegative().default(0),
  clicks: z.number().int().nonnegative().default(0),
  conversions: z.number().int().nonnegative().default(0),
  spend: z.number().nonnegative().default(0),
});
export type SnapshotMetrics = z.infer<typeof SnapshotMetrics>;

/** What a cycle works from, fixed at configure time and carried across continue-as-new. */
export interface CycleConfig {
  experimentId: string;
  name: string;
  specArtifactId: string;
  specId: string;
  variantIds: string[];
  /** The spec's first metric id: the metric the experiment was designed to decide on. */
  decisionMetricId: string;
  minSamplePerVariant: number;
}

export interface CycleReading {
  totals: VariantTotals[];
  stats: ExperimentStats;
  /** Rows skipped: unreadable metrics, or an asset with no variant. */
  skippedSnapshots: number;
  /** Changes whenever the data changes, so the workflow logs only polls that saw something new. */
  fingerprint: string;
}

/** Clicks per variant before a winner may be called: the spec's total sample split over its variants, at least 100. */
export function minSampleFor(spec: ExperimentSpec): number {
  const perVariant = spec.sampleSizeEstimate ? Math.ceil(spec.sampleSizeEstimate / spec.variants.length) : 0;
  return Math.max(DEFAULT_MIN_SAMPLE_PER_VARIANT, perVariant);
}

/** The numbers of a report, computed by code: the decision metric first (conversion rate), then the rest. */
export function reportMetrics(stats: ExperimentStats): { primary: MetricValue[]; secondary: MetricValue[] } {
  const value = (metricId: string, variantId: string | null, v: number | null, unit: string | null) =>
    v === null || !Number.isFinite(v)
      ? []
      : [{ metricId, variantId, value: Math.round(v * 1e6) / 1e6, unit }];
  const primary: MetricValue[] = stats.variants.flatMap((v) =>
    value('conversion_rate', v.variantId, v.conversionRate, 'ratio'),
  );
  const c = stats.comparison;
  if (c) {
    primary.push(...value('p_value', null, c.pValue, null));
    primary.push(...value('lift', c.bestVariantId, c.lift, 'ratio'));
  }
  const secondary: MetricValue[] = stats.variants.flatMap((v) => [
    ...value('impressions', v.variantId, v.impressions, 'count'),
    ...value('clicks', v.variantId, v.clicks, 'count'),
    ...value('conversions', v.variantId, v.conversions, 'count'),
    ...value('spend', v.variantId, v.spend, null),
    ...value('ctr', v.variantId, v.ctr, 'ratio'),
    ...value('cost_per_conversion', v.variantId, v.costPerConversion, null),
  ]);
  if (c) {
    secondary.push(...value('z_score', null, c.z, null));
    secondary.push(...value('absolute_difference', c.bestVariantId, c.absoluteDifference, 'ratio'));
    secondary.push(...value('required_sample_per_variant', null, c.requiredSamplePerVariant, 'clicks'));
  }
  secondary.push(...value('min_sample_per_variant', null, stats.minSamplePerVariant, 'clicks'));
  return { primary: primary.slice(0, 50), secondary: secondary.slice(0, 100) };
}

/** ExperimentCycle's activities: configure, read results, write the report, close the experiment. */
export function cycleActivities({ db, llm, clock }: ActivityDeps) {
  /**
   * An experiment whose arms are funnel page variants is read from the funnel's first-party events instead of
   * performance snapshots: views are the denominator (the stats' `clicks`), leads the conversions, from the
   * experiment's creation until now. The spec's control arm, when no variant claims it, is the page itself.
   */
  async function readFunnelArms(
    orgId: string,
    config: CycleConfig,
    arms: Awaited<ReturnType<typeof funnelArmsOfExperiment>>,
  ): Promise<CycleReading> {
    const row = await getExperiment(db, orgId, config.experimentId);
    const specs = (await loadDoc(db, orgId, config.specArtifactId, 'experiment_spec')).data;
    const control = specs.experimentSpecs.find((s) => s.id === config.specId)?.controlVariantId ?? null;
    const claimed = new Set(arms.map((a) => a.experimentVariantId));
    const armOf = new Map(arms.map((a) => [a.variantId, a.experimentVariantId]));
    const pagesWithArms = new Set(arms.map((a) => a.pageId));
    const byVariant = new Map<string, VariantTotals>(
      config.variantIds.map((id) => [
        id,
        { variantId: id, impressions: 0, clicks: 0, conversions: 0, spend: 0, snapshots: 0 },
      ]),
    );
    // From the experiment's creation: a funnel can take traffic before someone starts the cycle.
    const window = { from: row?.createdAt ?? new Date(0), to: clock() };
    for (const funnelId of new Set(arms.map((a) => a.funnelId))) {
      const results = await funnelResults(db, orgId, funnelId, window);
      for (const r of results.rows) {
        if (!pagesWithArms.has(r.pageId)) continue;
        const arm = r.variantId ? armOf.get(r.variantId) : control && !claimed.has(control) ? control : null;
        const t = arm ? byVariant.get(arm) : undefined;
        if (!t) continue;
        t.impressions += r.views;
        t.clicks += r.views;
        t.conversions += r.leads;
        t.snapshots += 1;
      }
    }
    const totals = [...byVariant.values()];
    const stats = evaluateExperiment(totals, { minSamplePerVariant: config.minSamplePerVariant });
    const fingerprint = totals
      .map((t) => `funnel:${t.variantId}:${t.clicks}:${t.conversions}:${t.snapshots}`)
      .join('|');
    return { totals, stats, skippedSnapshots: 0, fingerprint };
  }

  return {
    /** Sets the experiment running (stamping started_at once) and reads its spec; a closed experiment is refused. */
    async configureExperimentCycle(input: { orgId: string; experimentId: string }): Promise<CycleConfig> {
      const row = await getExperiment(db, input.orgId, input.experimentId);
      if (!row) throw new NotFoundError(`experiment ${input.experimentId}`);
      const running = await updateExperiment(db, input.orgId, row.id, { status: 'running' }, [
        'planned',
        'running',
      ]);
      if (!running) throw new ValidationError(`experiment ${row.id} is ${row.status}; its cycle cannot run`);
      const artifact = (await loadDoc(db, input.orgId, row.experimentSpecArtifactId, 'experiment_spec')).data;
      const spec = artifact.experimentSpecs.find((s) => s.id === row.specId);
      if (!spec)
        throw new ValidationError(`spec ${row.specId} is not in artifact ${row.experimentSpecArtifactId}`);
      return {
        experimentId: row.id,
        name: row.name,
        specArtifactId: row.experimentSpecArtifactId,
        specId: spec.id,
        variantIds: spec.variants.map((v) => v.id),
        decisionMetricId: spec.metricIds[0] ?? 'conversion_rate',
        minSamplePerVariant: minSampleFor(spec),
      };
    },

    /**
     * Sums the experiment's snapshots per variant and evaluates them (see SnapshotMetrics for the shape read), or,
     * when its arms are funnel page variants, the funnel's views and leads per arm (readFunnelArms).
     */
    async readExperimentResults(input: { orgId: string; config: CycleConfig }): Promise<CycleReading> {
      const { config } = input;
      const arms = await funnelArmsOfExperiment(db, input.orgId, [config.specId, config.experimentId]);
      if (arms.length > 0) return readFunnelArms(input.orgId, config, arms);
      const rows = await listExperimentSnapshots(db, input.orgId, config.experimentId);
      const byVariant = new Map<string, VariantTotals>(
        config.variantIds.map((id) => [
          id,
          { variantId: id, impressions: 0, clicks: 0, conversions: 0, spend: 0, snapshots: 0 },
        ]),
      );
      let skipped = 0;
      for (const row of rows) {
        const metrics = SnapshotMetrics.safeParse(row.metrics);
        if (!metrics.success || !row.variantId) {
          skipped++;
          continue;
        }
        let t = byVariant.get(row.variantId);
        if (!t) {
          t = { variantId: row.variantId, impressions: 0, clicks: 0, conversions: 0, spend: 0, snapshots: 0 };
          byVariant.set(row.variantId, t);
        }
        t.impressions += metrics.data.impressions;
        t.clicks += metrics.data.clicks;
        t.conversions += metrics.data.conversions;
        t.spend += metrics.data.spend;
        t.snapshots += 1;
      }
      const totals = [...byVariant.values()].map((t) => ({ ...t, spend: Math.round(t.spend * 100) / 100 }));
      const stats = evaluateExperiment(totals, { minSamplePerVariant: config.minSamplePerVariant });
      const fingerprint = totals
        .map((t) => `${t.variantId}:${t.impressions}:${t.clicks}:${t.conversions}:${t.spend}:${t.snapshots}`)
        .concat(String(skipped))
        .join('|');
      return { totals, stats, skippedSnapshots: skipped, fingerprint };
    },

    /**
     * The ExperimentReport: numbers and decision by code, insights, recommendations and summary by the LLM given
     * those numbers. Saved once per (run, experiment) as a draft.
     */
    async writeExperimentReport(input: {
      orgId: string;
      runId: string;
      clientId: string;
      campaignId: string | null;
      config: CycleConfig;
      decision: ExperimentDecision;
      reading: CycleReading;
      polls: number;
      /** A person's words on a retry after the step failed. */
      feedback?: string | null;
    }): Promise<{ artifactId: string; version: number }> {
      const stepKey = `experiment_report:${input.config.experimentId}`;
      const done = await findStepArtifact(db, input.orgId, input.runId, stepKey);
      if (done) return { artifactId: done.id, version: done.version };
      const { config, reading, decision } = input;
      const winningVariantId = decision === 'winner' ? reading.stats.winnerVariantId : null;
      if (decision === 'winner' && !winningVariantId)
        throw new ValidationError('a winner decision needs a winning variant');

      const specs = (await loadDoc(db, input.orgId, config.specArtifactId, 'experiment_spec')).data;
      const spec = specs.experimentSpecs.find((s) => s.id === config.specId);
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
      const metrics = reportMetrics(reading.stats);
      const results = {
        experimentId: config.specId,
        experimentName: config.name,
        decision,
        winningVariantId,
        decisionRule:
          `winner when the best variant's conversion rate (conversions / clicks) differs from the other variants ` +
          `pooled with a two-sided two-proportion z-test p < ${reading.stats.alpha} and every variant has at least ` +
          `${config.minSamplePerVariant} clicks; otherwise the cycle keeps reading until it is stopped or runs out of polls`,
        polls: input.polls,
        variants: reading.stats.variants,
        comparison: reading.stats.comparison,
        minSamplePerVariant: reading.stats.minSamplePerVariant,
        minSampleReached: reading.stats.minSampleReached,
        skippedSnapshots: reading.skippedSnapshots,
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
              },
            ],
            summary: written.summary,
          } satisfies ExperimentReport),
      });
      const parsed = { data: report };
      const row = await insertArtifactVersion(db, {
        orgId: input.orgId,
        clientId: input.clientId,
        campaignId: input.campaignId,
        type: 'experiment_report',
        data: parsed.data,
        source: 'ai',
        status: 'draft',
        workflowRunId: input.runId,
        stepKey,
      });
      return { artifactId: row.id, version: row.version };
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
}
