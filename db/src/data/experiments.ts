import { and, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { upgradeArtifactData } from '../artifacts/upgrade';
import type { Queryable, Tx } from '../db-type';
import { artifacts } from '../schema/artifacts';
import { campaigns } from '../schema/campaigns';
import type { EXPERIMENT_STATUSES } from '../schema/enums';
import { experiments } from '../schema/experiments';
import { workflowRuns } from '../schema/workflow-runs';
import { afterCursor, type Page, toPage } from './pagination';

export type ExperimentRow = typeof experiments.$inferSelect;
export type ExperimentStatus = (typeof EXPERIMENT_STATUSES)[number];

export interface ExperimentListFilter {
  clientId?: string | undefined;
  campaignId?: string | undefined;
  status?: ExperimentStatus | undefined;
  cursor?: string | null | undefined;
  limit: number;
}

/** Newest first, keyset-paginated on (created_at, id). */
export async function listExperiments(
  q: Queryable,
  orgId: string,
  f: ExperimentListFilter,
): Promise<Page<ExperimentRow>> {
  const where: (SQL | undefined)[] = [eq(experiments.orgId, orgId)];
  if (f.clientId) where.push(eq(experiments.clientId, f.clientId));
  if (f.campaignId) where.push(eq(experiments.campaignId, f.campaignId));
  if (f.status) where.push(eq(experiments.status, f.status));
  where.push(afterCursor(f.cursor, experiments.createdAt, experiments.id));
  const rows = await q
    .select()
    .from(experiments)
    .where(and(...where))
    .orderBy(desc(experiments.createdAt), desc(experiments.id))
    .limit(f.limit + 1);
  return toPage(rows, f.limit, (r) => ({ at: r.createdAt, id: r.id }));
}

export async function getExperiment(
  q: Queryable,
  orgId: string,
  id: string,
): Promise<ExperimentRow | undefined> {
  const [row] = await q
    .select()
    .from(experiments)
    .where(and(eq(experiments.orgId, orgId), eq(experiments.id, id)))
    .limit(1);
  return row;
}

export interface ExperimentSource {
  campaign: { id: string; clientId: string };
  /** The referenced artifact when it exists in the org (any type: the caller checks it). */
  artifact: { id: string; type: string; campaignId: string | null; data: unknown } | null;
}

/** The campaign and the spec artifact an experiment would be created from, in one round trip. */
export async function loadExperimentSource(
  q: Queryable,
  orgId: string,
  campaignId: string,
  artifactId: string,
): Promise<ExperimentSource | undefined> {
  const [row] = await q
    .select({
      campaignId: campaigns.id,
      clientId: campaigns.clientId,
      artifactId: artifacts.id,
      artifactType: artifacts.type,
      artifactCampaignId: artifacts.campaignId,
      artifactData: artifacts.data,
    })
    .from(campaigns)
    .leftJoin(artifacts, and(eq(artifacts.orgId, orgId), eq(artifacts.id, artifactId)))
    .where(and(eq(campaigns.orgId, orgId), eq(campaigns.id, campaignId)))
    .limit(1);
  if (!row) return undefined;
  return {
    campaign: { id: row.campaignId, clientId: row.clientId },
    artifact: row.artifactId
      ? {
          id: row.artifactId,
          type: row.artifactType ?? '',
          campaignId: row.artifactCampaignId,
          data: upgradeArtifactData(row.artifactType ?? '', row.artifactData),
        }
      : null,
  };
}

export type ExperimentInsert = Pick<
  typeof experiments.$inferInsert,
  'clientId' | 'campaignId' | 'name' | 'experimentSpecArtifactId' | 'specId'
>;

export async function insertExperiment(
  q: Queryable,
  orgId: string,
  input: ExperimentInsert,
): Promise<ExperimentRow> {
  const [row] = await q
    .insert(experiments)
    .values({ ...input, orgId })
    .returning();
  if (!row) throw new Error('experiment insert returned no row');
  return row;
}

export interface ExperimentPatch {
  name?: string | undefined;
  status?: ExperimentStatus | undefined;
}

/**
 * Applies a patch; a status change happens only from one of `fromStatuses` (checked in the same
 * statement, so a concurrent change cannot slip between check and write). Entering running stamps
 * started_at, entering completed or cancelled stamps completed_at (first time only).
 * Undefined when the row is missing or its status is not in `fromStatuses`.
 */
export async function updateExperiment(
  q: Queryable,
  orgId: string,
  id: string,
  patch: ExperimentPatch,
  fromStatuses?: readonly ExperimentStatus[],
): Promise<ExperimentRow | undefined> {
  const set: PgUpdateSetSource<typeof experiments> = {};
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.status !== undefined) {
    set.status = patch.status;
    if (patch.status === 'running') set.startedAt = sql`coalesce(${experiments.startedAt}, now())`;
    if (patch.status === 'completed' || patch.status === 'cancelled') {
      set.completedAt = sql`coalesce(${experiments.completedAt}, now())`;
    }
  }
  const [row] = await q
    .update(experiments)
    .set(set)
    .where(
      and(
        eq(experiments.orgId, orgId),
        eq(experiments.id, id),
        fromStatuses ? inArray(experiments.status, [...fromStatuses]) : undefined,
      ),
    )
    .returning();
  return row;
}

/**
 * Locks an experiment row for the rest of the transaction and tells whether its cycle workflow
 * (by business id) is still running, so two starts of one cycle serialize and the second sees the first.
 */
export async function lockExperimentForCycle(
  tx: Tx,
  orgId: string,
  id: string,
  cycleWorkflowId: string,
): Promise<{ experiment: ExperimentRow; cycleRunning: boolean } | undefined> {
  const [row] = await tx
    .select({
      experiment: experiments,
      cycleRunning: sql<boolean>`exists (select 1 from ${workflowRuns} where ${workflowRuns.orgId} = ${orgId}
        and ${workflowRuns.kind} = 'experiment_cycle' and ${workflowRuns.temporalWorkflowId} = ${cycleWorkflowId}
        and ${workflowRuns.status} in ('running', 'waiting_for_approval'))`,
    })
    .from(experiments)
    .where(and(eq(experiments.orgId, orgId), eq(experiments.id, id)))
    .for('update', { of: experiments })
    .limit(1);
  return row;
}
