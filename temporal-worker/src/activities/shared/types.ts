import {
  type AssetBrief,
  type AssetRequirement,
  list,
  longText,
  type QaIssue,
  shortText,
} from '@mos/db/artifacts';
import { z } from 'zod';

/** What a build step returns to its workflow: ids only, so histories stay small. */
export interface DraftRef {
  artifactId: string;
  version: number;
}

/**
 * One generated creative for one brief requirement, as the model writes it. Strict and nullable like the
 * artifact schemas (OpenAI strict structured output): `script` is null unless the format is video or audio,
 * `imagePrompt` null unless the format carries an image.
 */
export const GeneratedAsset = z.strictObject({
  angle: shortText(300),
  headline: shortText(200),
  primaryText: longText(2000),
  hook: shortText(300),
  script: longText(5000).nullable(),
  imagePrompt: longText(2000).nullable(),
});
export type GeneratedAsset = z.infer<typeof GeneratedAsset>;

/** The variants written for one requirement (one call per requirement; 1..3 variants). */
export const GeneratedAssetSet = z.strictObject({ assets: list(GeneratedAsset, 3, 1) });
export type GeneratedAssetSet = z.infer<typeof GeneratedAssetSet>;

/** A generated asset on its way through QA to the assets table; `key` names it within its brief (`r1v2`). */
export interface DraftAsset extends GeneratedAsset {
  key: string;
  briefId: string;
  requirementIndex: number;
  variantIndex: number;
  channel: string;
  format: string;
  funnelStage: AssetRequirement['funnelStage'];
}

/** A brief to produce, with the experiments row its experimentId (a spec id) maps to, when there is one. */
export interface ProductionBrief {
  brief: AssetBrief;
  experimentRowId: string | null;
}

/** An asset's QA outcome (brand judge and compliance combined). */
export interface AssetVerdict {
  passed: boolean;
  notes: string | null;
  issues: QaIssue[];
}
