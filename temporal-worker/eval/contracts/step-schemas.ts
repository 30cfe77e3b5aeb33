/**
 * Contract: the JSON Schema MOS sends for each LLM step, snapshotted. Each step's schema is built with the same
 * builders its activity uses, on a fixed context (the enums of ids a request carries), and converted by the
 * strict-schema sanitizer exactly as the client converts it; `pnpm eval:snapshots` rewrites the snapshots after an
 * intended change, and the diff is reviewed like code.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  assetBriefSetOutput,
  clientCanonOutput,
  complianceJudgeOutput,
  ExperimentReportOutput,
  experimentSpecSetOutput,
  formatSpecOf,
  generatedAssetSetOutput,
  MetricSchemaOutput,
  playbookOutput,
  RESEARCH_STEP_KEYS,
  researchStepOutput,
  strategySheetOutput,
} from '@mos/db/artifacts';
import type { z } from 'zod';
import { brandVerdictsSchema } from '../../src/activities/qa';
import { applicableClauses } from '../../src/compliance';
import { toStrictJsonSchema } from '../../src/llm/strict-schema';
import { EVAL_ROOT } from '../paths';

export const SNAPSHOT_DIR = join(EVAL_ROOT, 'snapshots', 'step-schemas');

/** The fixed context the per-request enums are built from. */
const CONTEXT = {
  quoteRefs: ['04:q1', '04:q2'],
  currency: 'USD',
  icpIds: ['icp-sensitive-skin', 'icp-routine-minimalist'],
  offerIds: ['barrier-serum', 'starter-set'],
  metricIds: ['cac', 'roas', 'ctr', 'cvr'],
  experiments: [
    { id: 'exp-hook', testedVariable: 'hook', variantIds: ['control', 'variant-b'], channels: ['meta'] },
    {
      id: 'exp-offer',
      testedVariable: 'offer',
      variantIds: ['control', 'bundle'],
      channels: ['meta', 'tiktok'],
    },
  ],
  assetKeys: ['brief-1:req-1:1', 'brief-1:req-1:2'],
  reportIds: ['3f1c2a4e-8a9b-4c1d-9e2f-0a1b2c3d4e5f'],
} as const;

/** One asset format per kind the generation step sends a schema for. */
const ASSET_FORMATS = {
  meta_static: { channel: 'meta', format: 'static_1080x1080' },
  meta_video: { channel: 'meta', format: 'video_30s' },
  tiktok_video: { channel: 'tiktok', format: 'video_15s' },
  google_rsa: { channel: 'google_search', format: 'search_rsa' },
  email: { channel: 'email', format: 'email_html' },
} as const;

/** Every LLM step and the schema it sends (the `sent` schema when stricter than what code accepts). */
export function stepSchemas(): Record<string, z.ZodType> {
  const steps: Record<string, z.ZodType> = {};
  for (const key of RESEARCH_STEP_KEYS) steps[`research_${key}`] = researchStepOutput(key);
  Object.assign(steps, {
    build_canon: clientCanonOutput(CONTEXT.quoteRefs),
    build_canon_without_research: clientCanonOutput(),
    build_metric_schema: MetricSchemaOutput,
    build_strategy_sheet: strategySheetOutput(CONTEXT),
    build_experiment_specs: experimentSpecSetOutput(CONTEXT.metricIds),
    build_asset_briefs: assetBriefSetOutput(CONTEXT),
    brand_qa: brandVerdictsSchema(CONTEXT.assetKeys),
    // The policy clauses a Meta skincare ad is judged against (the judge may cite only these ids).
    compliance_judge: complianceJudgeOutput(
      CONTEXT.assetKeys,
      applicableClauses('meta', 'skincare').map((c) => c.id),
    ),
    build_experiment_report: ExperimentReportOutput,
    build_playbook: playbookOutput(CONTEXT.reportIds),
  });
  for (const [name, requirement] of Object.entries(ASSET_FORMATS)) {
    steps[`generate_assets_${name}`] = generatedAssetSetOutput(formatSpecOf(requirement));
  }
  return steps;
}

/** The strict JSON Schema of every step, as sent. */
export function sentSchemas(): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    Object.entries(stepSchemas()).map(([step, schema]) => [step, toStrictJsonSchema(schema)]),
  );
}

export interface SnapshotDiff {
  step: string;
  problem: 'changed' | 'no_snapshot' | 'step_removed';
  /** The first differing JSON path, for `changed`. */
  at: string | null;
}

/** Compares the schemas sent now with the committed snapshots. */
export function compareSnapshots(
  current: Record<string, Record<string, unknown>> = sentSchemas(),
  dir = SNAPSHOT_DIR,
): SnapshotDiff[] {
  const diffs: SnapshotDiff[] = [];
  const stored = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .map((f) => f.slice(0, -'.json'.length))
    : [];
  for (const [step, schema] of Object.entries(current)) {
    const file = join(dir, `${step}.json`);
    if (!existsSync(file)) {
      diffs.push({ step, problem: 'no_snapshot', at: null });
      continue;
    }
    const at = firstDifference(JSON.parse(readFileSync(file, 'utf8')), schema, '$');
    if (at !== null) diffs.push({ step, problem: 'changed', at });
  }
  for (const step of stored) if (!(step in current)) diffs.push({ step, problem: 'step_removed', at: null });
  return diffs.sort((a, b) => a.step.localeCompare(b.step));
}

/** Rewrites the snapshots from the schemas sent now (removing those of steps that no longer exist). */
export function writeSnapshots(
  current: Record<string, Record<string, unknown>> = sentSchemas(),
  dir = SNAPSHOT_DIR,
): string[] {
  mkdirSync(dir, { recursive: true });
  for (const f of readdirSync(dir)) if (f.endsWith('.json')) rmSync(join(dir, f));
  for (const [step, schema] of Object.entries(current)) {
    writeFileSync(join(dir, `${step}.json`), `${JSON.stringify(schema, null, 2)}\n`);
  }
  return Object.keys(current).sort();
}

function firstDifference(a: unknown, b: unknown, path: string): string | null {
  if (a === b) return null;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return path;
  if (Array.isArray(a) !== Array.isArray(b)) return path;
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(ao), ...Object.keys(bo)])];
  if (Object.keys(ao).join('\u0000') !== Object.keys(bo).join('\u0000') && !Array.isArray(a)) {
    const missing = keys.find((k) => !(k in ao) || !(k in bo));
    if (missing !== undefined) return `${path}.${missing}`;
  }
  for (const k of keys) {
    const d = firstDifference(ao[k], bo[k], Array.isArray(a) ? `${path}[${k}]` : `${path}.${k}`);
    if (d !== null) return d;
  }
  return null;
}
