/**
 * What the model is asked to write for each artifact: the stored schema without the fields code knows (ids,
 * client and campaign, prompt hashes, model names, versions), and with the rules JSON Schema can express made
 * explicit per request (enums of the ids the context declares, a `handoff` that is `null` except on research
 * step 03). Code fills the system fields and then validates the whole document with the stored schema, whose
 * cross-field rules are fed back to the model. zod only (client-safe), like the rest of `artifacts/`.
 */
import * as z from 'zod';
import { AssetRequirement } from './asset-brief-set';
import { CanonResearch, ClientCanon, Market, VoiceOfCustomer, VoiceQuote } from './client-canon';
import { list, longText, shortText } from './common';
import { ExperimentSpec, ExperimentSpecSet, type TestedVariable } from './experiment-spec-set';
import { MetricSchema } from './metric-schema';
import { PlaybookSection } from './playbook';
import { QaIssue, QaSeverity } from './qa-report';
import {
  AwarenessLevel,
  EvidenceRecord,
  RESEARCH_EVIDENCE_MAX,
  RESEARCH_HANDOFF_MAX,
  RESEARCH_STEP_PARTS,
  ResearchStep,
  type ResearchStepKey,
  type ResearchStepPart,
  stepHasPart,
} from './research-step';
import { defineRule } from './rules';
import { StrategyAudience, StrategyBudget, StrategySheet } from './strategy-sheet';

/** Per artifact type, the stored fields code fills and the model is never asked for. */
export const ARTIFACT_SYSTEM_FIELDS = {
  client_canon: [
    'clientId',
    'beliefs',
    'voiceOfCustomer.quotes.sourceUrl',
    'research.sourceArtifactIds',
    'research.fromModelKnowledge',
  ],
  metric_schema: ['clientId'],
  strategy_sheet: ['clientId', 'campaignId'],
  experiment_spec: [
    'clientId',
    'campaignId',
    'experimentSpecs.plan',
    'experimentSpecs.planIssue',
    'experimentSpecs.sampleSizeEstimate',
  ],
  asset_brief: [
    'clientId',
    'campaignId',
    'assetBriefs.id',
    'assetBriefs.clientId',
    'assetBriefs.campaignId',
    'assetBriefs.experimentId',
    'assetBriefs.variantId',
    'assetBriefs.hypothesis',
    'assetBriefs.testedVariable',
    'assetBriefs.controlVariantId',
    'assetBriefs.constants',
    'assetBriefs.market',
    'assetBriefs.pricePoints',
    'assetBriefs.constraints',
    'assetBriefs.guardrails',
    'assetBriefs.toneGuidelines',
  ],
  qa_report: ['clientId', 'campaignId', 'assetBriefId', 'reviewer'],
  experiment_report: ['clientId', 'campaignId'],
  playbook: ['orgId', 'clientId', 'version'],
  research_step: [
    'stepKey',
    'title',
    'promptSha256',
    'model',
    'webSearchUsed',
    'fromModelKnowledge',
    'researchedAt',
    'sources',
    'evidence.provenance',
    'evidence.stale',
  ],
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

export const CanonResearchOutput = without(CanonResearch.shape, ['sourceArtifactIds', 'fromModelKnowledge']);

/**
 * The canon the model writes: without the client id, the beliefs (code copies them from research steps 08 and 09)
 * and the quotes' source URLs (code copies them from the evidence record named). With `quoteRefs` (research ran),
 * a quote's evidenceRef is one of the customer quotes of the evidence table; without, any ref or null.
 */
export function clientCanonOutput(quoteRefs?: readonly string[]) {
  const quote = without(VoiceQuote.shape, ['sourceUrl']);
  const refined =
    quoteRefs === undefined ? quote : z.strictObject({ ...quote.shape, evidenceRef: idOf(quoteRefs) });
  return z.strictObject({
    ...without(ClientCanon.shape, ['clientId', 'research', 'beliefs', 'voiceOfCustomer']).shape,
    // The stored schema admits no markets and no awareness level for canons stored before issue 8; a model states both.
    markets: list(Market, 20, 1),
    awarenessLevel: AwarenessLevel,
    // Research without a single customer quote leaves nothing to quote.
    voiceOfCustomer: z.strictObject({
      ...VoiceOfCustomer.shape,
      quotes: list(refined, quoteRefs?.length === 0 ? 0 : 50).describe(
        VoiceOfCustomer.shape.quotes.description ?? '',
      ),
    }),
    research: CanonResearchOutput.nullable(),
  });
}
export const ClientCanonOutput = clientCanonOutput();
export type ClientCanonOutput = z.infer<typeof ClientCanonOutput>;

export const MetricSchemaOutput = without(MetricSchema.shape, ['clientId']);
export type MetricSchemaOutput = z.infer<typeof MetricSchemaOutput>;

export const StrategySheetOutput = z.strictObject({
  ...without(StrategySheet.shape, ['clientId', 'campaignId']).shape,
  // Null in the stored schema only for sheets stored before issue 8; a model states the budget.
  budget: StrategyBudget,
});
export type StrategySheetOutput = z.infer<typeof StrategySheetOutput>;

/**
 * The strategy sheet of one campaign: the budget in the client's currency (when known) and audiences naming the
 * canon's ICP ids (enums of the schema sent); the budget range and phases are checked by code.
 */
export function strategySheetOutput(ctx: { currency: string | null; icpIds: readonly string[] }) {
  const budget = z.strictObject({
    ...StrategyBudget.shape,
    ...(ctx.currency ? { currency: idOf([ctx.currency]) } : {}),
  });
  const audience = z.strictObject({ ...StrategyAudience.shape, icpId: idOf(ctx.icpIds) });
  return z.strictObject({
    ...StrategySheetOutput.shape,
    budget,
    audiences: list(audience, 10),
  });
}

/** Experiment specs measuring only `metricIds` (the client's metric schema). */
export function experimentSpecSetOutput(metricIds: readonly string[]) {
  const spec = z.strictObject({
    ...without(ExperimentSpec.shape, ['plan', 'planIssue', 'sampleSizeEstimate']).shape,
    // Null in the stored schema only for specs stored before issue 8; a model states both.
    testedVariable: ExperimentSpec.shape.testedVariable.unwrap(),
    controlVariantId: ExperimentSpec.shape.controlVariantId.unwrap(),
    metricIds: list(idOf(metricIds), 10, 1),
    // Null in the stored schema only for specs stored before issue 11; sample sizes are computed by code.
    primaryMetric: ExperimentSpec.shape.primaryMetric.unwrap(),
    stopRule: ExperimentSpec.shape.stopRule.unwrap(),
    mde: ExperimentSpec.shape.mde.unwrap(),
  });
  return z.strictObject({
    ...without(ExperimentSpecSet.shape, ['clientId', 'campaignId', 'experimentSpecs']).shape,
    experimentSpecs: list(spec, 10, 1),
  });
}
export type ExperimentSpecSetOutput = z.infer<ReturnType<typeof experimentSpecSetOutput>>;

/** What the asset-brief prompt knows of one experiment: its ids, what it tests and where its arms run. */
export interface BriefExperiment {
  id: string;
  testedVariable: TestedVariable;
  variantIds: readonly string[];
  channels: readonly string[];
}

/**
 * The creative work of the briefs, written per experiment so its arms are written together: what every arm
 * shares (requirements, offer, audience, landing page, visual guidelines) once, and per arm (a property per
 * variant id) only its creative concept and the tested variable. Ids, the test's statement, market, prices,
 * tone and constraints are set by code from the specs, the client and the canon.
 */
export function assetBriefSetOutput(ctx: {
  experiments: readonly BriefExperiment[];
  offerIds: readonly string[];
  icpIds: readonly string[];
}) {
  const offerId = idOf(ctx.offerIds)
    .nullable()
    .describe('The canon offer id the ads sell; null for a brand message without an offer.');
  const audienceIcpId = idOf(ctx.icpIds).nullable().describe('The canon ICP id the ads speak to.');
  const landingPage = shortText(500).nullable().describe('URL or name of the landing page the ads send to.');
  const experiment = (e: BriefExperiment) => {
    const t = e.testedVariable;
    const requirement = z.strictObject({
      channel: idOf(e.channels),
      ...(t === 'format' ? {} : { format: AssetRequirement.shape.format }),
      ...(t === 'angle' ? {} : { angle: AssetRequirement.shape.angle }),
      ...(t === 'angle' || t === 'hook' ? {} : { hook: AssetRequirement.shape.hook }),
      funnelStage: AssetRequirement.shape.funnelStage,
    });
    const arm = z.strictObject({
      creativeConcept: longText(2000).describe(
        'The idea of this arm in 2-3 sentences: who is on screen or in frame, what happens, why it proves the variant.',
      ),
      ...(t === 'hook'
        ? { hook: shortText(500).describe("This arm's hook, used on every requirement.") }
        : {}),
      ...(t === 'angle'
        ? {
            angle: shortText(300).describe("This arm's angle, used on every requirement."),
            hook: shortText(500).describe("This arm's hook, used on every requirement."),
          }
        : {}),
      ...(t === 'format' ? { format: AssetRequirement.shape.format } : {}),
      ...(t === 'offer' ? { offerId } : {}),
      ...(t === 'audience' ? { audienceIcpId } : {}),
      ...(t === 'landing_page' ? { landingPage } : {}),
    });
    const arms = Object.fromEntries(e.variantIds.map((v) => [v, arm]));
    return z.strictObject({
      requirements: list(requirement, 20, 1).describe(
        'What every arm produces, one entry per channel and format; the same in every arm.',
      ),
      ...(t === 'offer' ? {} : { offerId }),
      ...(t === 'audience' ? {} : { audienceIcpId }),
      ...(t === 'landing_page' ? {} : { landingPage }),
      visualGuidelines: list(shortText(300), 30),
      arms: z
        .strictObject(arms)
        .describe(`One entry per arm; only the tested ${t} (and the concept) differs.`),
    });
  };
  return z.strictObject({
    experiments: z.strictObject(Object.fromEntries(ctx.experiments.map((e) => [e.id, experiment(e)]))),
  });
}
export type AssetBriefSetOutput = z.infer<ReturnType<typeof assetBriefSetOutput>>;

/** What the model writes of an evidence record: code sets where its URL came from and whether it is stale. */
export const EvidenceRecordOutput = without(EvidenceRecord.shape, ['provenance', 'stale']);

/**
 * One research step's document: each step-specific part (`handoff` on 03, the quote bank on 04, …) is its schema
 * on the step that writes it and `null` on every other step.
 */
export function researchStepOutput(step: ResearchStepKey) {
  const parts = Object.keys(RESEARCH_STEP_PARTS) as ResearchStepPart[];
  const base = without(ResearchStep.shape, [
    'stepKey',
    'title',
    'promptSha256',
    'model',
    'webSearchUsed',
    'fromModelKnowledge',
    'researchedAt',
    'sources',
    'evidence',
    ...parts,
  ]);
  // The part's schema on its own step, `null` elsewhere (typed as either, so code reads one answer type).
  const part = <S extends z.ZodType>(name: ResearchStepPart, schema: S) =>
    (stepHasPart(step, name) ? schema : z.null()) as unknown as z.ZodType<z.output<S> | null>;
  const shape = ResearchStep.shape;
  const partSchemas = {
    handoff: part('handoff', longText(RESEARCH_HANDOFF_MAX)),
    competitorTraction: part('competitorTraction', shape.competitorTraction.unwrap()),
    landingPageMap: part('landingPageMap', shape.landingPageMap.unwrap()),
    quoteBank: part('quoteBank', shape.quoteBank.unwrap()),
    avatars: part('avatars', shape.avatars.unwrap()),
    offerBrief: part('offerBrief', shape.offerBrief.unwrap()),
    necessaryBeliefs: part('necessaryBeliefs', shape.necessaryBeliefs.unwrap()),
    iBelieveStatements: part('iBelieveStatements', shape.iBelieveStatements.unwrap()),
  } satisfies { [P in ResearchStepPart]: z.ZodType };
  return z.strictObject({
    ...base.shape,
    evidence: list(EvidenceRecordOutput, RESEARCH_EVIDENCE_MAX).describe(
      ResearchStep.shape.evidence.description ?? '',
    ),
    ...partSchemas,
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
  // The evidence is code's (from the reports cited), so the model writes the other fields only.
  const { evidence: _, ...written } = PlaybookSection.shape;
  const section = z.strictObject({ ...written, sourceReportIds: list(idOf(reportIds), 50) });
  return z.strictObject({ sections: list(section, 50) });
}
export type PlaybookOutput = z.infer<ReturnType<typeof playbookOutput>>;
