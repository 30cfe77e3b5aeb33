import type { CreativeProductionInput } from '@mos/db/contracts';
import type { DraftAsset, ProductionBrief } from '../activities/shared/types';
import { acts, llmActs } from './shared/activities';
import { itemGate } from './shared/gate';
import { type RunState, trackedRun } from './shared/run';
import { joinFeedback, llmStep } from './shared/step-failure';
import { stoppable } from './shared/stoppable';

/** Briefs produced side by side. */
export const BRIEF_CONCURRENCY = 4;

export interface CreativeProductionResult {
  briefArtifactId: string;
  qaReportArtifactIds: string[];
  assetIds: string[];
  approvedIds: string[];
  rejectedIds: string[];
}

interface Scope {
  orgId: string;
  runId: string;
  clientId: string;
  campaignId: string;
}

export interface ProducedBrief {
  briefId: string;
  assets: DraftAsset[];
  assetIds: string[];
  /** Assets that passed brand and compliance QA. */
  passedIds: string[];
  qaReportArtifactId: string;
}

/**
 * Produces a campaign's creative (reference §4.5, built for real): the approved asset briefs (else briefs built
 * from the approved experiment specs), filtered to the chosen experiments → per brief: generated assets for every
 * requirement → brand QA (LLM judge) → compliance QA (deterministic) → assets rows with their QA outcome and the
 * brief's qa_report → gate `assets`, decided per asset id (approve / reject; approve without ids approves all
 * undecided; reject without ids before any decision regenerates every asset with the feedback). Finishes when
 * every asset is decided; `stop` ends it.
 */
export async function CreativeProduction(
  input: CreativeProductionInput,
): Promise<CreativeProductionResult | { stopped: true }> {
  return trackedRun(input, async (state) => {
    const scope: Scope = {
      orgId: input.orgId,
      runId: input.runId,
      clientId: input.clientId,
      campaignId: input.campaignId,
    };

    const source = await state.runStep(
      'resolve_briefs',
      () => acts.resolveBriefSource(scope),
      (r) => r,
    );
    let briefArtifactId = source.briefArtifactId;
    if (briefArtifactId === null) {
      const specArtifactId = source.specArtifactId ?? '';
      const built = await llmStep(state, {
        step: 'build_asset_briefs',
        artifactType: 'asset_brief',
        stepKey: 'asset_briefs',
        run: (feedback) =>
          state.runStep(
            'build_asset_briefs',
            () =>
              stoppable(state, () =>
                llmActs.buildAssetBriefs({ ...scope, specArtifactId, stepKey: 'asset_briefs', feedback }),
              ),
            (r) => ({ artifactId: r.artifactId, briefIds: r.briefIds }),
            { specArtifactId },
          ),
      });
      briefArtifactId = built.artifactId;
    }
    const artifactId = briefArtifactId;
    const { briefs } = await state.runStep(
      'select_briefs',
      () =>
        acts.selectProductionBriefs({
          ...scope,
          briefArtifactId: artifactId,
          experimentIds: input.experimentIds ?? [],
        }),
      (r) => ({ briefIds: r.briefs.map((b) => b.brief.id) }),
      { experimentIds: input.experimentIds ?? [] },
    );

    let produced: ProducedBrief[] = [];
    const decision = await itemGate(state, {
      gate: 'assets',
      generate: async (feedback, attempt) => {
        const previous = produced;
        if (previous.length > 0) {
          // The whole draft was rejected with feedback: its assets make way for the regenerated ones.
          const retired = previous.flatMap((p) => p.assetIds);
          await state.runStep(
            'retire_assets',
            () =>
              acts.decideAssets({
                orgId: input.orgId,
                runId: input.runId,
                approvedIds: [],
                rejectedIds: retired,
              }),
            (r) => ({ rejected: r.rejected.length }),
            { attempt },
          );
        }
        produced = [];
        // A few briefs at a time: their LLM calls overlap, within what a provider's rate limit tolerates.
        for (let i = 0; i < briefs.length; i += BRIEF_CONCURRENCY) {
          const batch = briefs.slice(i, i + BRIEF_CONCURRENCY);
          const done = await Promise.all(
            batch.map((pb) => {
              const before = previous.find((p) => p.briefId === pb.brief.id)?.assets ?? null;
              return produceBrief(state, scope, artifactId, pb, attempt, feedback, before);
            }),
          );
          produced.push(...done);
        }
        return {
          itemIds: produced.flatMap((p) => p.assetIds),
          artifactIds: produced.map((p) => p.qaReportArtifactId),
        };
      },
      approve: (ids, _draft, review) =>
        state
          .runStep(
            'approve_assets',
            () =>
              acts.decideAssets({
                orgId: input.orgId,
                runId: input.runId,
                approvedIds: ids,
                rejectedIds: [],
              }),
            (r) => r,
            { approvalId: review.approvalId },
          )
          .then(() => undefined),
      reject: (ids, _draft, review) =>
        state
          .runStep(
            'reject_assets',
            () =>
              acts.decideAssets({
                orgId: input.orgId,
                runId: input.runId,
                approvedIds: [],
                rejectedIds: ids,
              }),
            (r) => r,
            { approvalId: review.approvalId, feedback: review.feedback },
          )
          .then(() => undefined),
    });

    return {
      briefArtifactId: artifactId,
      qaReportArtifactIds: produced.map((p) => p.qaReportArtifactId),
      assetIds: decision.draft.itemIds,
      approvedIds: decision.approvedIds,
      rejectedIds: decision.rejectedIds,
    };
  });
}

/** One brief: generate → brand QA → compliance QA → persist (assets and the brief's qa_report). */
export async function produceBrief(
  state: RunState,
  scope: Omit<Scope, 'campaignId'> & { campaignId: string },
  briefArtifactId: string | null,
  pb: ProductionBrief,
  attempt: number,
  feedback: string | null,
  previous: DraftAsset[] | null,
  canonArtifactId: string | null = null,
): Promise<ProducedBrief> {
  const brief = pb.brief;
  const generated = await llmStep(state, {
    step: `generate_assets:${brief.id}`,
    artifactType: null,
    stepKey: null,
    run: (retryFeedback) =>
      state.runStep(
        `generate_assets:${brief.id}`,
        () =>
          stoppable(state, () =>
            llmActs.generateAssets({
              ...scope,
              canonArtifactId,
              brief,
              feedback: joinFeedback(feedback, retryFeedback),
              previous,
            }),
          ),
        (r) => ({ assets: r.assets.map((a) => a.key), model: r.model }),
        { attempt, feedback },
      ),
  });
  const qaScope = { ...scope, canonArtifactId };
  const brand = await llmStep(state, {
    step: `brand_qa:${brief.id}`,
    artifactType: null,
    stepKey: null,
    run: (retryFeedback) =>
      state.runStep(
        `brand_qa:${brief.id}`,
        () =>
          stoppable(state, () =>
            llmActs.brandQa({
              ...qaScope,
              briefId: brief.id,
              assets: generated.assets,
              feedback: retryFeedback,
            }),
          ),
        (r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v.passed])),
      ),
  });
  const compliance = await state.runStep(
    `compliance_qa:${brief.id}`,
    () => acts.complianceQa({ ...qaScope, assets: generated.assets }),
    (r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v.length])),
  );
  const persisted = await state.runStep(
    `persist_assets:${brief.id}`,
    () =>
      acts.persistAssets({
        ...scope,
        briefArtifactId,
        experimentRowId: pb.experimentRowId,
        brief,
        attempt,
        model: generated.model,
        assets: generated.assets,
        brand,
        compliance,
      }),
    (r) => r,
  );
  return {
    briefId: brief.id,
    assets: generated.assets,
    assetIds: persisted.assets.map((a) => a.assetId),
    passedIds: persisted.assets.filter((a) => a.status === 'qa_passed').map((a) => a.assetId),
    qaReportArtifactId: persisted.qaReportArtifactId,
  };
}
