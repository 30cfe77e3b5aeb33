/**
 * `@mos/db/artifacts`: the artifact ("definition file") schemas, client-safe (imports nothing but `zod`).
 * The same schemas drive LLM structured output, API validation and the web editors.
 */
import * as z from 'zod';
import { AssetBriefSet } from './asset-brief-set';
import { ClientCanon } from './client-canon';
import {
  assetBriefSetExample,
  clientCanonExample,
  experimentReportExample,
  experimentSpecSetExample,
  metricSchemaExample,
  playbookExample,
  qaReportExample,
  researchStepExample,
  strategySheetExample,
} from './examples';
import { ExperimentReport } from './experiment-report';
import { ExperimentSpecSet } from './experiment-spec-set';
import { MetricSchema } from './metric-schema';
import { Playbook } from './playbook';
import { QAReport, upgradeQaReport } from './qa-report';
import { ResearchStep } from './research-step';
import { StrategySheet } from './strategy-sheet';
import { upgradeArtifactData } from './upgrade';

export * from './ad-policy';
// Both ad-policy (the compliance packs' platforms) and generated-asset (a format's platform) name an AdPlatform;
// the package's is the policy one (merge of the compliance and plan branches).
export { AdPlatform } from './ad-policy';
export * from './asset-brief-set';
export * from './client-canon';
export * from './common';
export * from './examples';
export * from './experiment-report';
export * from './experiment-spec-set';
export * from './generated-asset';
export * from './metric-schema';
export * from './model-output';
export * from './plan-checks';
export * from './playbook';
export * from './qa-report';
export * from './research-step';
export * from './rules';
export * from './step-edit';
export * from './strategy-sheet';
export * from './upgrade';

export const ARTIFACT_TYPES = [
  'client_canon',
  'metric_schema',
  'strategy_sheet',
  'experiment_spec',
  'asset_brief',
  'qa_report',
  'experiment_report',
  'playbook',
  'research_step',
] as const;
export const ArtifactType = z.enum(ARTIFACT_TYPES);
export type ArtifactType = z.infer<typeof ArtifactType>;

export const ARTIFACT_STATUSES = ['draft', 'approved', 'superseded'] as const;
export const ArtifactStatus = z.enum(ARTIFACT_STATUSES);
export type ArtifactStatus = z.infer<typeof ArtifactStatus>;

export const ARTIFACT_SOURCES = ['ai', 'human', 'import'] as const;
export const ArtifactSource = z.enum(ARTIFACT_SOURCES);
export type ArtifactSource = z.infer<typeof ArtifactSource>;

/** The schema of `artifacts.data` for every artifact type. */
export const artifactSchemas = {
  client_canon: ClientCanon,
  metric_schema: MetricSchema,
  strategy_sheet: StrategySheet,
  experiment_spec: ExperimentSpecSet,
  asset_brief: AssetBriefSet,
  qa_report: QAReport,
  experiment_report: ExperimentReport,
  playbook: Playbook,
  research_step: ResearchStep,
} as const satisfies { [K in ArtifactType]: z.ZodType };

/** The parsed `artifacts.data` type of artifact type `K`. */
export type ArtifactData<K extends ArtifactType = ArtifactType> = z.infer<(typeof artifactSchemas)[K]>;

export function isArtifactType(value: unknown): value is ArtifactType {
  return typeof value === 'string' && (ARTIFACT_TYPES as readonly string[]).includes(value);
}

/**
 * Validates `data` against the schema of artifact type `type` (zod `safeParse`). An unknown `type` (possible when
 * it comes from outside the type system) fails with an issue at path `["type"]` instead of throwing.
 */
export function parseArtifactData<K extends ArtifactType>(
  type: K,
  data: unknown,
): z.ZodSafeParseResult<ArtifactData<K>> {
  if (!isArtifactType(type)) {
    const error = new z.ZodError([
      {
        code: 'invalid_value',
        values: [...ARTIFACT_TYPES],
        path: ['type'],
        message: `Unknown artifact type; expected one of ${ARTIFACT_TYPES.join(', ')}`,
      },
    ]);
    return { success: false, error: error as z.ZodError<ArtifactData<K>> };
  }
  // TypeScript cannot correlate `artifactSchemas[type]` with `K`; the registry's `satisfies` keeps them in step.
  const schema = artifactSchemas[type] as unknown as z.ZodType<ArtifactData<K>>;
  return schema.safeParse(type === 'qa_report' ? upgradeQaReport(data) : data);
}

/**
 * Validates a document read from `artifacts.data`: a document stored in an earlier shape is upgraded first
 * (`upgradeArtifactData`), then parsed like `parseArtifactData`. Only for stored documents: a model's answer or a
 * person's new document is parsed with `parseArtifactData`, which takes the current shape only.
 */
export function parseStoredArtifactData<K extends ArtifactType>(
  type: K,
  data: unknown,
): z.ZodSafeParseResult<ArtifactData<K>> {
  return parseArtifactData(type, upgradeArtifactData(type, data));
}

/** A realistic, schema-valid example document of every artifact type (a DTC skincare brand). Clone before mutating. */
export const artifactExamples: { readonly [K in ArtifactType]: ArtifactData<K> } = {
  client_canon: clientCanonExample,
  metric_schema: metricSchemaExample,
  strategy_sheet: strategySheetExample,
  experiment_spec: experimentSpecSetExample,
  asset_brief: assetBriefSetExample,
  qa_report: qaReportExample,
  experiment_report: experimentReportExample,
  playbook: playbookExample,
  research_step: researchStepExample,
};
