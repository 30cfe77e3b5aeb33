import type { ArtifactStatus as DbArtifactStatus, ArtifactType as DbArtifactType } from '@mos/db/artifacts';
import { z } from 'zod';
import { jsonDepthExceeds } from './assets';
import { Cursor, Id, Limit } from './common';

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

// The lists are copied so this module stays zod-only at runtime; this type-only check fails the build on drift.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type ArtifactEnumsMatchDb = Assert<Same<ArtifactType, DbArtifactType>> &
  Assert<Same<ArtifactStatus, DbArtifactStatus>>;

/** Largest document accepted, as serialized JSON (the biggest artifact schemas stay well below). */
export const MAX_ARTIFACT_DATA_CHARS = 1_000_000;
/** Deepest nesting accepted (the artifact schemas nest well under ten levels). */
export const MAX_ARTIFACT_DATA_DEPTH = 32;

/** Client-level artifacts have no campaign: omit campaignId (or send null). */
const key = {
  clientId: Id,
  campaignId: Id.nullish(),
  type: ArtifactType,
};

export const ArtifactList = z.strictObject({
  clientId: Id.optional(),
  /** A campaign's artifacts; null: client-level ones only; omitted: all. */
  campaignId: Id.nullish(),
  type: ArtifactType.optional(),
  status: ArtifactStatus.optional(),
  cursor: Cursor,
  limit: Limit,
});
export type ArtifactList = z.infer<typeof ArtifactList>;

export const ArtifactById = z.strictObject({ id: Id });
export type ArtifactById = z.infer<typeof ArtifactById>;

export const ArtifactLatest = z.strictObject({ ...key, status: ArtifactStatus.optional() });
export type ArtifactLatest = z.infer<typeof ArtifactLatest>;

export const ArtifactVersions = z.strictObject(key);
export type ArtifactVersions = z.infer<typeof ArtifactVersions>;

export const ArtifactCreateVersion = z.strictObject({
  ...key,
  /** Validated against the schema of `type` by the service, with issue paths under `data`. */
  data: z.unknown().superRefine((v, ctx) => {
    // Depth first: serializing a hostile nesting would overflow the stack before the size could be checked.
    if (jsonDepthExceeds(v, MAX_ARTIFACT_DATA_DEPTH)) {
      ctx.addIssue({ code: 'custom', message: `must nest at most ${MAX_ARTIFACT_DATA_DEPTH} levels deep` });
    } else if ((JSON.stringify(v)?.length ?? 0) > MAX_ARTIFACT_DATA_CHARS) {
      ctx.addIssue({
        code: 'custom',
        message: `must be at most ${MAX_ARTIFACT_DATA_CHARS} characters as JSON`,
      });
    }
  }),
  /** Creating an already-approved version needs the operator or admin role. */
  status: z.enum(['draft', 'approved']).default('draft'),
});
export type ArtifactCreateVersion = z.infer<typeof ArtifactCreateVersion>;
