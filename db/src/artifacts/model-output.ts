/**
 * What the model is asked to write for each artifact: the stored schema without the fields code knows (ids,
 * client and campaign, prompt hashes, model names, versions), and with the rules JSON Schema can express made
 * explicit per request (enums of the ids the context declares, a `handoff` that is `null` except on research
 * step 03). Code fills the system fields and then validates the whole document with the stored schema, whose
 * cross-field rules are fed back to the model. zod only (client-safe), like the rest of `artifacts/`.
 */
import * as z from 'zod';
import { AssetRequirement } from './asset-brief-set';
import { CanonResearch, ClientCanon, VoiceOfCustomer, VoiceQuote } from './client-canon';
import { list, longText, shortText } from './common';
import { ExperimentSpec, ExperimentSpecSet } from './experiment-spec-set';
import { MetricSchema } from './metric-schema';
import { PlaybookSection } from './playbook';
import { QaIssue, QaSeverity } from './qa-report';
import {
  EvidenceRecord,
  RESEARCH_EVIDENCE_MAX,
  RESEARCH_HANDOFF_MAX,
  RESEARCH_STEP_PARTS,
  ResearchStep,
  type ResearchStepKey,
  type ResearchStepPart,
  stepHasPart,
} from './research-step';
import { StrategySheet } from './strategy-sheet';

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
  experiment_spec: ['clientId', 'campaignId'],
  asset_brief: ['clientId', 'campaignId', 'assetBriefs.id', 'assetBriefs.clientId', 'assetBriefs.campaignId'],
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
 * and the quotes' source URLs (code copies them from the evidence record named). With `quoteRefs`, a quote's
 * evidenceRef is one of the customer quotes of the evidence table; without, any ref or null (no research).
 */
export function clientCanonOutput(quoteRefs?: readonly string[]) {
  const quote = without(VoiceQuote.shape, ['sourceUrl']);
  const refined =
    quoteRefs === undefined ? quote : z.strictObject({ ...quote.shape, evidenceRef: idOf(quoteRefs) });
  return z.strictObject({
    ...without(ClientCanon.shape, ['clientId', 'research', 'beliefs', 'voiceOfCustomer']).shape,
    voiceOfCustomer: z.strictObject({ ...VoiceOfCustomer.shape, quotes: list(refined, 50) }),
    research: CanonResearchOutput.nullable(),
  });
}
export const ClientCanonOutput = clientCanonOutput();
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
    evidence: list(EvidenceRecordOutput, RESEARCH_EVIDENCE_MAX),
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
