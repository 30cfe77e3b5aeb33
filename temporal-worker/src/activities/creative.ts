import {
  type AssetRow,
  findGeneratedAsset,
  insertArtifactVersion,
  insertGeneratedAsset,
  latestArtifact,
  linkAssetsToQaReport,
  listCampaignExperimentRows,
  lockForTransaction,
  type Queryable,
  setRunAssetsStatus,
} from '@mos/db';
import {
  type AssetBrief,
  type AssetRequirement,
  checkAssetFormat,
  type FormatSpec,
  feedbackIssue,
  formatSpecOf,
  generatedAssetSetOutput,
  QAReport,
  type QAReport as QAReportDoc,
  type QaIssue,
  toStoredAsset,
} from '@mos/db/artifacts';
import type { z } from 'zod';
import { type ActivityDeps, ValidationError } from './deps';
import { combineQa } from './qa-rules';
import { loadCanonFor, loadDoc } from './shared/documents';
import { generateStep } from './shared/llm-step';
import { renderFrom } from './shared/prompts';
import type { AssetVerdict, DraftAsset, GeneratedAsset, ProductionBrief } from './shared/types';

export {
  type DraftAsset,
  GeneratedAsset,
  GeneratedAssetSet,
  type ProductionBrief,
} from './shared/types';

// ------------------------------------------------------------------------------------------- schemas

/** Copy variants asked for per requirement. */
export const VARIANTS_PER_REQUIREMENT = 2;

/**
 * What `assets.content` holds for a generated asset; `generation` is provenance and the idempotency key, `market`
 * the brief's market, language and currency the copy was written in.
 */
export interface GeneratedAssetContent extends GeneratedAsset {
  market: AssetBrief['market'];
  generation: {
    key: string;
    runId: string;
    attempt: number;
    briefId: string;
    requirementIndex: number;
    variantIndex: number;
    model: string;
  };
}

// ------------------------------------------------------------------------------------------- helpers

/** Spec id → experiments row id for a campaign (the newest row of a spec that was not cancelled). */
async function experimentRowsBySpec(db: Queryable, orgId: string, campaignId: string) {
  const rows = await listCampaignExperimentRows(db, orgId, campaignId);
  const bySpec = new Map<string, string>();
  for (const r of [...rows].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())) {
    if (r.status !== 'cancelled' || !bySpec.has(r.specId)) bySpec.set(r.specId, r.id);
  }
  return { rows, bySpec };
}

/**
 * Keeps the briefs of the selected experiments (all when none are selected) and attaches the experiments row
 * each brief's experimentId names.
 */
async function selectBriefs(
  db: Queryable,
  input: { orgId: string; campaignId: string; experimentIds: string[] },
  briefs: AssetBrief[],
): Promise<ProductionBrief[]> {
  const { rows, bySpec } = await experimentRowsBySpec(db, input.orgId, input.campaignId);
  const selected = new Map<string, string>();
  for (const id of input.experimentIds) {
    const row = rows.find((r) => r.id === id);
    if (!row)
      throw new ValidationError(`experiment ${id} is not an experiment of campaign ${input.campaignId}`);
    selected.set(row.specId, row.id);
  }
  const rowIds = new Set(rows.map((r) => r.id));
  return briefs.flatMap((brief) => {
    const specId = brief.experimentId;
    if (input.experimentIds.length > 0) {
      if (specId === null) return [];
      const chosen = selected.get(specId) ?? (input.experimentIds.includes(specId) ? specId : undefined);
      return chosen ? [{ brief, experimentRowId: chosen }] : [];
    }
    const rowId = specId === null ? null : (bySpec.get(specId) ?? (rowIds.has(specId) ? specId : null));
    return [{ brief, experimentRowId: rowId }];
  });
}

const json = (value: unknown) => JSON.stringify(value, null, 2);

/** The requirement as the prompt states it: what to make, and the format's limits the answer is checked against. */
export function requirementText(r: AssetRequirement, spec: FormatSpec = formatSpecOf(r)): string {
  const limits =
    spec.kind === 'search_rsa'
      ? 'Google responsive search ad: `headlines` 3-15 distinct, each at most 30 characters; `descriptions` 2-4, ' +
        'each at most 90 characters; `headline`, `primaryText`, `scenes`, `aspectRatio` and `imagePrompt` null.'
      : [
          `Headline limit: ${spec.headlineMax} characters.`,
          spec.hookWithin === null
            ? null
            : `The hook appears word for word within the first ${spec.hookWithin} characters of the primary text.`,
          spec.kind === 'video'
            ? `Video of at most ${spec.durationSeconds} seconds: \`scenes\` from 0 to at most ${spec.durationSeconds}s.`
            : '`scenes` null.',
          spec.aspectRatios.length > 0
            ? `Aspect ratio: ${spec.aspectRatios.join(' or ')}.`
            : '`aspectRatio` null (no image or video).',
          spec.kind === 'image'
            ? '`imagePrompt` required.'
            : spec.kind === 'video'
              ? null
              : '`imagePrompt` null.',
        ]
          .filter((x): x is string => x !== null)
          .join(' ');
  return [
    `Channel: ${r.channel}`,
    `Format: ${r.format}`,
    `Angle: ${r.angle ?? '(free)'}`,
    `Hook idea: ${r.hook ?? '(free)'}`,
    `Funnel stage: ${r.funnelStage ?? '(unspecified)'}`,
    `Format rules: ${limits}`,
  ].join('\n');
}

/** The brief's market as the asset prompt states it: the ads are written in its language from the start. */
export function briefMarketText(market: AssetBrief['market']): string {
  return [
    `market ${market.countries.join(', ') || 'not stated'}`,
    `language ${market.language ?? "not stated (the client's language)"}`,
    `currency ${market.currency ?? 'not stated'}`,
  ].join('; ');
}

/** The rejected variants of one requirement, as the regeneration prompt shows them; null when there are none. */
function previousFor(previous: DraftAsset[] | null, requirementIndex: number): string | null {
  const mine = (previous ?? []).filter((a) => a.requirementIndex === requirementIndex);
  if (mine.length === 0) return null;
  return json({
    assets: mine.map((a) => ({
      angle: a.angle,
      hook: a.hook,
      headline: a.headlines ? null : a.headline,
      primaryText: a.descriptions ? null : a.primaryText,
      headlines: a.headlines,
      descriptions: a.descriptions,
      scenes: a.scenes,
      cta: a.cta,
      aspectRatio: a.aspectRatio,
      imagePrompt: a.imagePrompt,
    })),
  });
}

/** Issue list of a zod error, for a ValidationError a person can read. */
function issuesText(error: z.ZodError): string {
  return error.issues
    .slice(0, 8)
    .map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`)
    .join('; ');
}

// ------------------------------------------------------------------------------------------- activities

interface ProductionScope {
  orgId: string;
  runId: string;
  clientId: string;
  campaignId: string;
}

/** Briefs, generation and persistence of CreativeProduction (QA lives in qa.ts). */
export function creativeActivities({ db, llm }: ActivityDeps) {
  return {
    /**
     * Where the briefs come from: the campaign's approved asset_brief artifact, else its approved experiment specs
     * (the workflow then builds briefs from them with `buildAssetBriefs`).
     */
    async resolveBriefSource(
      input: ProductionScope,
    ): Promise<{ briefArtifactId: string | null; specArtifactId: string | null }> {
      const key = { clientId: input.clientId, campaignId: input.campaignId, status: 'approved' as const };
      const briefs = await latestArtifact(db, input.orgId, { ...key, type: 'asset_brief' });
      if (briefs) return { briefArtifactId: briefs.id, specArtifactId: null };
      const specs = await latestArtifact(db, input.orgId, { ...key, type: 'experiment_spec' });
      if (!specs)
        throw new ValidationError(
          'the campaign has no approved asset briefs and no approved experiment specs',
        );
      return { briefArtifactId: null, specArtifactId: specs.id };
    },

    /** The briefs of a brief set to produce: those of the selected experiments (all when none are selected). */
    async selectProductionBriefs(
      input: ProductionScope & { briefArtifactId: string; experimentIds: string[] },
    ): Promise<{ briefs: ProductionBrief[] }> {
      const { data } = await loadDoc(db, input.orgId, input.briefArtifactId, 'asset_brief');
      const briefs = await selectBriefs(db, input, data.assetBriefs);
      if (briefs.length === 0)
        throw new ValidationError('no asset brief belongs to the selected experiments');
      return { briefs };
    },

    /** Writes the copy for every requirement of a brief: one LLM call per requirement, VARIANTS_PER_REQUIREMENT each. */
    async generateAssets(
      input: Omit<ProductionScope, 'campaignId'> & {
        campaignId: string | null;
        canonArtifactId: string | null;
        brief: AssetBrief;
        /** The reviewer's reason when the previous assets were rejected as a whole; null on the first draft. */
        feedback: string | null;
        /** The rejected assets of this brief, which the regeneration revises. */
        previous: DraftAsset[] | null;
      },
    ): Promise<{ assets: DraftAsset[]; model: string }> {
      const canon = await loadCanonFor(db, input);
      if (!canon)
        throw new ValidationError('the client has no canon: assets are written from its voice and offers');
      // One call per requirement, side by side (a brief has at most 20); the order of the result is the brief's.
      const perRequirement = await Promise.all(
        input.brief.requirements.map(async (requirement, requirementIndex) => {
          const spec = formatSpecOf(requirement);
          const prompt = renderFrom('build/generate_assets', {
            CLIENT_ID: input.clientId,
            CAMPAIGN_ID: input.campaignId ?? 'none',
            BRIEF_JSON: json(input.brief),
            REQUIREMENT: requirementText(requirement, spec),
            VARIANT_COUNT: String(VARIANTS_PER_REQUIREMENT),
            MARKET: briefMarketText(input.brief.market),
            CANON_JSON: json({
              brand: canon.data.brand,
              offers: canon.data.offers,
              icps: canon.data.icps,
              voiceOfCustomer: canon.data.voiceOfCustomer,
              constraints: canon.data.constraints,
            }),
            FEEDBACK: input.feedback,
            PREVIOUS_DRAFT_JSON: previousFor(input.previous, requirementIndex),
          });
          const { result } = await generateStep(llm, {
            orgId: input.orgId,
            runId: input.runId,
            step: 'generate_assets',
            schemaName: 'GeneratedAssetSet',
            // The schema of this requirement's format: its fields required, the others null.
            output: generatedAssetSetOutput(spec),
            prompt,
            feedback: input.feedback,
            // Platform rules JSON Schema cannot state (hook position, scene timing, distinct headlines…) are
            // checked here and fed back to the model like schema errors.
            complete: (answer) => {
              const assets = answer.assets.map(toStoredAsset);
              const issues = assets.flatMap((asset, i) =>
                checkAssetFormat(asset, requirement).map((issue) =>
                  feedbackIssue({ ...issue, path: `assets.${i}.${issue.path}` }),
                ),
              );
              return issues.length > 0 ? { ok: false, issues } : { ok: true, data: { assets }, repairs: [] };
            },
          });
          return {
            model: result.model,
            assets: result.data.assets.map(
              (asset, variantIndex): DraftAsset => ({
                ...asset,
                key: `r${requirementIndex + 1}v${variantIndex + 1}`,
                briefId: input.brief.id,
                requirementIndex,
                variantIndex,
                channel: requirement.channel,
                format: requirement.format,
                funnelStage: requirement.funnelStage,
              }),
            ),
          };
        }),
      );
      const out = perRequirement.flatMap((r) => r.assets);
      const model = perRequirement[0]?.model ?? '';
      return { assets: out, model };
    },

    /**
     * Writes a brief's assets with their QA outcome and the brief's qa_report artifact, in one transaction.
     * Idempotent per (run, brief, requirement, variant): a retry finds the rows it wrote (content.generation.key)
     * and the report by its step key, and leaves statuses a reviewer already set alone.
     */
    async persistAssets(input: {
      orgId: string;
      runId: string;
      clientId: string;
      campaignId: string | null;
      briefArtifactId: string | null;
      experimentRowId: string | null;
      brief: AssetBrief;
      /** Draft number at the assets gate (a regeneration writes new rows). */
      attempt: number;
      model: string;
      assets: DraftAsset[];
      brand: Record<string, AssetVerdict>;
      compliance: Record<string, QaIssue[]>;
    }): Promise<{
      assets: { key: string; assetId: string; status: AssetRow['status'] }[];
      qaReportArtifactId: string;
    }> {
      return db.transaction(async (tx) => {
        const draftKey = `${input.runId}:${input.attempt}:${input.brief.id}`;
        await lockForTransaction(tx, `assets:${draftKey}`);
        const verdicts = new Map(
          input.assets.map((a) => [a.key, combineQa(input.brand[a.key], input.compliance[a.key] ?? [])]),
        );
        const written: { key: string; assetId: string; status: AssetRow['status'] }[] = [];
        for (const asset of input.assets) {
          const verdict = verdicts.get(asset.key);
          if (!verdict || !input.brand[asset.key])
            throw new ValidationError(`no brand QA verdict for asset ${asset.key}`);
          const generationKey = `${draftKey}:${asset.requirementIndex}:${asset.variantIndex}`;
          const found = await findGeneratedAsset(tx, input.orgId, generationKey);
          if (found) {
            written.push({ key: asset.key, assetId: found.id, status: found.status });
            continue;
          }
          const content: GeneratedAssetContent = {
            angle: asset.angle,
            hook: asset.hook,
            headline: asset.headline,
            primaryText: asset.primaryText,
            headlines: asset.headlines,
            descriptions: asset.descriptions,
            scenes: asset.scenes,
            script: asset.script,
            cta: asset.cta,
            aspectRatio: asset.aspectRatio,
            imagePrompt: asset.imagePrompt,
            market: input.brief.market,
            generation: {
              key: generationKey,
              runId: input.runId,
              attempt: input.attempt,
              briefId: input.brief.id,
              requirementIndex: asset.requirementIndex,
              variantIndex: asset.variantIndex,
              model: input.model,
            },
          };
          const status = verdict.passed ? 'qa_passed' : 'qa_failed';
          const row = await insertGeneratedAsset(tx, {
            orgId: input.orgId,
            clientId: input.clientId,
            campaignId: input.campaignId,
            experimentId: input.experimentRowId,
            assetBriefArtifactId: input.briefArtifactId,
            variantId: input.brief.variantId,
            sourceType: 'generated',
            status,
            channelId: asset.channel,
            format: asset.format,
            funnelStageId: asset.funnelStage,
            conceptId: input.brief.id,
            angleType: asset.angle,
            content,
            qa: { passed: verdict.passed, notes: verdict.notes, issues: verdict.issues },
          });
          written.push({ key: asset.key, assetId: row.id, status: row.status });
        }

        const idByKey = new Map(written.map((w) => [w.key, w.assetId]));
        const report: QAReportDoc = {
          clientId: input.clientId,
          campaignId: input.campaignId,
          assetBriefId: input.brief.id,
          checklist: input.assets.map((asset) => {
            const verdict = verdicts.get(asset.key) ?? { passed: false, notes: null, issues: [] };
            return {
              assetId: idByKey.get(asset.key) ?? asset.key,
              passed: verdict.passed,
              notes: verdict.notes ? verdict.notes.slice(0, 2000) : null,
              issues: verdict.issues.slice(0, 50),
            };
          }),
          reviewer: 'ai:brand-qa+compliance-qa',
        };
        const parsed = QAReport.safeParse(report);
        if (!parsed.success) throw new ValidationError(`QA report is invalid: ${issuesText(parsed.error)}`);
        const artifact = await insertArtifactVersion(tx, {
          orgId: input.orgId,
          clientId: input.clientId,
          campaignId: input.campaignId,
          type: 'qa_report',
          data: parsed.data,
          source: 'ai',
          status: 'draft',
          workflowRunId: input.runId,
          stepKey: `qa_report:${input.attempt}:${input.brief.id}`,
        });
        await linkAssetsToQaReport(
          tx,
          input.orgId,
          written.map((w) => w.assetId),
          artifact.id,
        );
        return { assets: written, qaReportArtifactId: artifact.id };
      });
    },

    /**
     * Applies a reviewer's per-item decision to this run's assets; ids that are not this run's assets are
     * ignored and reported back.
     */
    async decideAssets(input: {
      orgId: string;
      runId: string;
      approvedIds: string[];
      rejectedIds: string[];
    }): Promise<{ approved: string[]; rejected: string[]; ignored: string[] }> {
      return db.transaction(async (tx) => {
        const apply = (ids: string[], status: 'approved' | 'rejected') =>
          setRunAssetsStatus(tx, input.orgId, input.runId, ids, status);
        const approved = await apply(input.approvedIds, 'approved');
        const rejected = await apply(input.rejectedIds, 'rejected');
        const done = new Set([...approved, ...rejected]);
        const ignored = [...input.approvedIds, ...input.rejectedIds].filter((id) => !done.has(id));
        return { approved, rejected, ignored };
      });
    },
  };
}
