import {
  type AssetBrief,
  type AssetRequirement,
  GeneratedAsset,
  list,
  type QaIssue,
} from '@mos/db/artifacts';
import { z } from 'zod';

/** What a build step returns to its workflow: ids only, so histories stay small. */
export interface DraftRef {
  artifactId: string;
  version: number;
}

/**
 * One generated creative for one brief requirement, as stored: the format's own fields (Meta headline and primary
 * text, a search ad's headlines and descriptions, a video's scenes, CTA, aspect ratio) and the flat copy QA reads.
 * The model is sent the schema of the requirement's format (`generatedAssetSetOutput(formatSpecOf(requirement))`).
 */
export { GeneratedAsset };

/** The variants written for one requirement, as stored (1..3 variants). */
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
