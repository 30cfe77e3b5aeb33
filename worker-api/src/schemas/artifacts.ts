import { ARTIFACT_STATUSES, ARTIFACT_TYPES, ArtifactStatus, ArtifactType } from '@mos/db/contracts';
import * as z from 'zod';
import { jsonDepthExceeds } from './assets';
import { Cursor, Id, Limit } from './common';

export { ARTIFACT_STATUSES, ARTIFACT_TYPES, ArtifactStatus, ArtifactType };

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
