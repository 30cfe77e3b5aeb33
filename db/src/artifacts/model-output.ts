/**
 * What the model is asked to write for each artifact: the stored schema without the fields code knows (ids,
 * client and campaign, prompt hashes, model names, versions), and with the rules JSON Schema can express made
 * explicit per request (enums of the ids the context declares, a `handoff` that is `null` except on research
 * step 03). Code fills the system fields and then validates the whole document with the stored schema, whose
 * cross-field rules are fed back to the model. zod only (client-safe), like the rest of `artifacts/`.
 */
import * as z from 'zod';
import { AssetRequirement } from './asset-brief-set';
import { CanonResearch, ClientCanon } from './client-canon';
import { list, longText, shortText } from './common';
import { ExperimentSpec, ExperimentSpecSet } from './experiment-spec-set';
import { MetricSchema } from './metric-schema';
import { PlaybookSection } from './playbook';
import { QaIssue, QaSeverity } from './qa-report';
import { RESEARCH_HANDOFF_MAX, ResearchStep, type ResearchStepKey } from './research-step';
import { defineRule } from './rules';
import { StrategySheet } from './strategy-sheet';

/** Per artifact type, the stored fields code fills and the model is never asked for. */
export const ARTIFACT_SYSTEM_FIELDS = {
  client_canon: ['clientId', 'research.sourceArtifactIds'],
  metric_schema: ['clientId'],
  strategy_sheet: ['clientId', 'campaignId'],
  experiment_spec: ['clientId', 'campaignId'],
  asset_brief: ['clientId', 'campaignId', 'assetBriefs.id', 'assetBriefs.clientId', 'assetBriefs.campaignId'],
  qa_report: ['clientId', 'campaignId', 'assetBriefId', 'reviewer'],
  experiment_report: ['clientId', 'campaignId'],
  playbook: ['orgId', 'clientId', 'version'],
  research_step: ['stepKey', 'title', 'promptSha256', 'model', 'webSearchUsed'],
} as const;

/** A strict object of `shape` without `keys` (the stored schema's refinements are checked after code fills them). */
function without<S extends z.ZodRawShape, K extends keyof S & string>(shape: S, keys: readonly K[]) {
  const rest = { ...shape };
  for (const k of keys) delete rest[k];
  return z.strictObject(rest as Omit<S, K>);
}

/** One of the ids the context declares; a context that declares none admits only the empty string. */
export function idOf(values: readonly string[]) {
  const unique = [...new Set(values)];
  return z.enum((unique.length > 0 ? unique : ['']) as [string, ...string[]]);
}

export const CanonResearchOutput = without(CanonResearch.shape, ['sourceArtifactIds']);
export const ClientCanonOutput = z.strictObject({
  ...without(ClientCanon.shape, ['clientId', 'research']).shape,
  research: CanonResearchOutput.nullable(),
});
export type ClientCanonOutput = z.infer<typeof ClientCanonOutput>;

export const MetricSchemaOutput = without(MetricSchema.shape, ['clientId']);
export type MetricSchemaOutput = z.infer<typeof MetricSchemaOutput>;

export const StrategySheetOutput = without(StrategySheet.shape, ['clientId', 'campaignId']);
export type StrategySheetOutput = z.infer<typeof StrategySheetOutput>;

/** Experiment specs measuring only `metricIds` (the client's metric schema). */
export function experimentSpecSetOutput(metricIds: readonly string[]) {
  const spec = z.strictObject({ ...ExperimentSpec.shape, metricIds: list(idOf(metricIds), 10, 1) });
  return z.strictObject({
    ...without(ExperimentSpecSet.shape, ['clientId', 'campaignId', 'experimentSpecs']).shape,
    experimentSpecs: list(spec, 10, 1),
  });
}
export type ExperimentSpecSetOutput = z.infer<ReturnType<typeof experimentSpecSetOutput>>;

/** The creative work of one brief; ids, tone and constraints are set by code from the specs and the canon. */
export function assetBriefSetOutput(ids: {
  experimentIds: readonly string[];
  variantIds: readonly string[];
  channels: readonly string[];
}) {
  const requirement = z.strictObject({ ...AssetRequirement.shape, channel: idOf(ids.channels) });
  return z.strictObject({
    assetBriefs: list(
      z.strictObject({
        experimentId: idOf(ids.experimentIds),
        variantId: idOf(ids.variantIds),
        creativeConcept: longText(2000).nullable(),
        requirements: list(requirement, 20, 1),
        visualGuidelines: list(shortText(300), 30),
      }),
      50,
      1,
    ),
  });
}
export type AssetBriefSetOutput = z.infer<ReturnType<typeof assetBriefSetOutput>>;

/** One research step's document; `handoff` is a string on step 03 and `null` on every other step. */
export function researchStepOutput(step: ResearchStepKey) {
  const base = without(ResearchStep.shape, [
    'stepKey',
    'title',
    'promptSha256',
    'model',
    'webSearchUsed',
    'handoff',
  ]);
  return z.strictObject({
    ...base.shape,
    handoff: step === '03' ? longText(RESEARCH_HANDOFF_MAX) : z.null(),
  });
}
export type ResearchStepOutput = z.infer<ReturnType<typeof researchStepOutput>>;

/** A brand judge's verdicts: exactly one per asset key, brand issues only. */
export function brandQaOutput(assetKeys: readonly string[]) {
  const { policy: _policy, ...fields } = QaIssue.shape;
  const issue = z.strictObject({ ...fields, kind: z.enum(['brand']), severity: QaSeverity });
  const item = z.strictObject({
    assetId: idOf(assetKeys),
    passed: z.boolean(),
    notes: longText(2000).nullable(),
    issues: list(issue, 50),
  });
  return z.strictObject({
    checklist: z.array(item).min(assetKeys.length).max(Math.max(1, assetKeys.length)),
  });
}
export type BrandQaOutput = z.infer<ReturnType<typeof brandQaOutput>>;

/** The copy fields of a generated asset a compliance finding names. */
export const COMPLIANCE_JUDGE_FIELDS = ['headline', 'hook', 'primaryText', 'script', 'imagePrompt'] as const;

/** Checked in the compliance judge's completion: each asset is judged against its own platform's packs. */
export const complianceJudgeClausePlatform = defineRule({
  id: 'compliance_judge.clause-platform',
  statement:
    "Each finding cites a clause of its asset's own platform: the clause id starts with the platform listed for that asset.",
  prompts: ['build/compliance_judge'],
});

/**
 * The compliance judge's findings: each names an asset key and a clause id from the policy packs that apply (both
 * enums of the schema sent), the field and the words that break the clause. An asset without findings passes.
 */
export function complianceJudgeOutput(assetKeys: readonly string[], clauseIds: readonly string[]) {
  const finding = z.strictObject({
    assetId: idOf(assetKeys),
    field: z.enum(COMPLIANCE_JUDGE_FIELDS),
    clauseId: idOf(clauseIds).describe(
      "The policy clause the copy breaks, from the clauses listed for the asset's platform",
    ),
    severity: z
      .enum(['warning', 'blocker'])
      .describe(
        'blocker: the platform would reject the ad or it misleads; warning: a reviewer should check it',
      ),
    phrase: shortText(500).describe('The offending words, quoted exactly as they appear in the field'),
    explanation: longText(1000).describe(
      'Why the words break the clause and how to rewrite them, in one or two sentences',
    ),
  });
  return z.strictObject({ findings: list(finding, 100) });
}
export type ComplianceJudgeOutput = z.infer<ReturnType<typeof complianceJudgeOutput>>;

/** The words of an experiment report; numbers and the decision are computed by code. */
export const ExperimentReportOutput = z.strictObject({
  insights: list(longText(1000), 20),
  recommendations: list(longText(1000), 20),
  summary: longText(5000).nullable(),
});
export type ExperimentReportOutput = z.infer<typeof ExperimentReportOutput>;

/** Playbook sections citing only the reports given (and those the current playbook cites). */
export function playbookOutput(reportIds: readonly string[]) {
  const section = z.strictObject({ ...PlaybookSection.shape, sourceReportIds: list(idOf(reportIds), 50) });
  return z.strictObject({ sections: list(section, 50) });
}
export type PlaybookOutput = z.infer<ReturnType<typeof playbookOutput>>;
