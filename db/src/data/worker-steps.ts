import { and, desc, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import type { ArtifactType } from '../artifacts/index';
import type { Db, Queryable } from '../db-type';
import { approvals } from '../schema/approvals';
import { artifacts } from '../schema/artifacts';
import { assetPerformanceSnapshots, assets } from '../schema/assets';
import type { WorkflowKind, WorkflowStatus } from '../schema/enums';
import { experiments } from '../schema/experiments';
import { onboardingPayloads } from '../schema/onboarding-payloads';
import { workflowRuns } from '../schema/workflow-runs';
import { type ArtifactRow, withCurrentData } from './artifacts';
import type { AssetRow } from './assets';
import { insertExperiment } from './experiments';
import type { WorkflowRunRow } from './workflow-runs';

/*
 * Reads and writes the worker's steps need (moved out of the activities so every query stays org-scoped in one
 * place). Each function takes the org id and filters by it.
 */

/** The artifact an earlier attempt of the same (run, step) wrote, if any: a retried step reuses it. */
export async function findRunStepArtifact(
  q: Queryable,
  orgId: string,
  runId: string,
  stepKey: string,
): Promise<ArtifactRow | undefined> {
  const [row] = await q
    .select()
    .from(artifacts)
    .where(
      and(eq(artifacts.orgId, orgId), eq(artifacts.workflowRunId, runId), eq(artifacts.stepKey, stepKey)),
    )
    .limit(1);
  return withCurrentData(row);
}

/** Artifacts of one type among `ids` (unknown ids and other types are skipped). */
export async function listArtifactsByIds(
  q: Queryable,
  orgId: string,
  type: ArtifactType,
  ids: string[],
): Promise<ArtifactRow[]> {
  if (ids.length === 0) return [];
  const rows = await q
    .select()
    .from(artifacts)
    .where(and(eq(artifacts.orgId, orgId), inArray(artifacts.id, ids), eq(artifacts.type, type)));
  return rows.map((r) => withCurrentData(r));
}

/** One onboarding payload of a client, by id. */
export async function getOnboardingPayload(
  q: Queryable,
  orgId: string,
  clientId: string,
  id: string,
): Promise<typeof onboardingPayloads.$inferSelect | undefined> {
  const [row] = await q
    .select()
    .from(onboardingPayloads)
    .where(
      and(
        eq(onboardingPayloads.orgId, orgId),
        eq(onboardingPayloads.id, id),
        eq(onboardingPayloads.clientId, clientId),
      ),
    )
    .limit(1);
  return row;
}

/** Who recorded an approval (null when unknown). */
export async function getApprovalDecider(
  q: Queryable,
  orgId: string,
  approvalId: string,
): Promise<string | null> {
  const [row] = await q
    .select({ decidedBy: approvals.decidedBy })
    .from(approvals)
    .where(and(eq(approvals.orgId, orgId), eq(approvals.id, approvalId)))
    .limit(1);
  return row?.decidedBy ?? null;
}

/**
 * The worker's write of a run's state: status, step, gate, error and the draft a review must name while it waits
 * (`waitingDraftKey`, null when not waiting). Returns undefined when no row matched (e.g. the API has not
 * committed it yet).
 */
export async function recordWorkflowRunState(
  q: Queryable,
  orgId: string,
  id: string,
  patch: {
    status: WorkflowStatus;
    currentStep: string | null;
    waitingGate: string | null;
    waitingDraftKey: string | null;
    error: string | null;
  },
): Promise<WorkflowRunRow | undefined> {
  const terminal = patch.status === 'completed' || patch.status === 'failed' || patch.status === 'cancelled';
  const [row] = await q
    .update(workflowRuns)
    .set({ ...patch, ...(terminal ? { finishedAt: new Date() } : {}) })
    .where(and(eq(workflowRuns.orgId, orgId), eq(workflowRuns.id, id)))
    .returning();
  return row;
}

/**
 * The run row of a workflow no API call recorded (a Temporal Schedule started it), once: a second call with the
 * same id inserts nothing. Returns whether this call created it.
 */
export async function ensureScheduledRunRow(
  q: Queryable,
  run: {
    id: string;
    orgId: string;
    clientId: string | null;
    kind: WorkflowKind;
    temporalWorkflowId: string;
    temporalRunId: string;
    input: unknown;
  },
): Promise<boolean> {
  const inserted = await q
    .insert(workflowRuns)
    .values({ ...run, campaignId: null, startedBy: null, currentStep: 'started' })
    .onConflictDoNothing({ target: workflowRuns.id })
    .returning({ id: workflowRuns.id });
  return inserted.length > 0;
}

/** The newest experiment reports that are not superseded (of one client, or of the whole org when null). */
export async function listRecentExperimentReports(
  q: Queryable,
  orgId: string,
  clientId: string | null,
  limit: number,
): Promise<{ id: string; clientId: string | null; campaignId: string | null; createdAt: Date }[]> {
  return q
    .select({
      id: artifacts.id,
      clientId: artifacts.clientId,
      campaignId: artifacts.campaignId,
      createdAt: artifacts.createdAt,
    })
    .from(artifacts)
    .where(
      and(
        eq(artifacts.orgId, orgId),
        eq(artifacts.type, 'experiment_report'),
        ne(artifacts.status, 'superseded'),
        clientId === null ? undefined : eq(artifacts.clientId, clientId),
      ),
    )
    .orderBy(desc(artifacts.createdAt), desc(artifacts.id))
    .limit(limit);
}

/** The newest playbook version of a client (or the org playbook when null), whatever its status. */
export async function latestPlaybookVersion(
  q: Queryable,
  orgId: string,
  clientId: string | null,
): Promise<{ id: string; version: number; createdAt: Date } | undefined> {
  const [row] = await q
    .select({ id: artifacts.id, version: artifacts.version, createdAt: artifacts.createdAt })
    .from(artifacts)
    .where(
      and(
        eq(artifacts.orgId, orgId),
        eq(artifacts.type, 'playbook'),
        clientId === null ? isNull(artifacts.clientId) : eq(artifacts.clientId, clientId),
        isNull(artifacts.campaignId),
      ),
    )
    .orderBy(desc(artifacts.version))
    .limit(1);
  return row;
}

/** Replaces an artifact version's document (e.g. the version number it carries, known only after insert). */
export async function setArtifactData(q: Queryable, orgId: string, id: string, data: unknown): Promise<void> {
  await q
    .update(artifacts)
    .set({ data })
    .where(and(eq(artifacts.orgId, orgId), eq(artifacts.id, id)));
}

/** A campaign's experiments rows, as the worker maps spec ids to them. */
export async function listCampaignExperimentRows(
  q: Queryable,
  orgId: string,
  campaignId: string,
): Promise<{ id: string; specId: string; status: string; createdAt: Date }[]> {
  return q
    .select({
      id: experiments.id,
      specId: experiments.specId,
      status: experiments.status,
      createdAt: experiments.createdAt,
    })
    .from(experiments)
    .where(and(eq(experiments.orgId, orgId), eq(experiments.campaignId, campaignId)));
}

/**
 * Planned `experiments` rows for specs of a spec set, once per (set, spec): a spec that already has a row for this
 * set keeps it. Creators of one set are serialized (advisory lock), so a concurrent retry cannot insert twice.
 */
export async function ensurePlannedExperiments(
  db: Db,
  orgId: string,
  input: {
    clientId: string;
    campaignId: string;
    artifactId: string;
    specs: { id: string; name: string }[];
  },
): Promise<{ specId: string; experimentId: string; created: boolean }[]> {
  if (input.specs.length === 0) return [];
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtextextended(${`experiments:${input.artifactId}`}, 0))`,
    );
    const existing = await tx
      .select({ id: experiments.id, specId: experiments.specId })
      .from(experiments)
      .where(
        and(
          eq(experiments.orgId, orgId),
          eq(experiments.experimentSpecArtifactId, input.artifactId),
          inArray(
            experiments.specId,
            input.specs.map((s) => s.id),
          ),
        ),
      );
    const have = new Map(existing.map((e) => [e.specId, e.id]));
    const out: { specId: string; experimentId: string; created: boolean }[] = [];
    for (const spec of input.specs) {
      const found = have.get(spec.id);
      if (found) {
        out.push({ specId: spec.id, experimentId: found, created: false });
        continue;
      }
      const row = await insertExperiment(tx, orgId, {
        clientId: input.clientId,
        campaignId: input.campaignId,
        name: spec.name,
        experimentSpecArtifactId: input.artifactId,
        specId: spec.id,
      });
      have.set(spec.id, row.id);
      out.push({ specId: spec.id, experimentId: row.id, created: true });
    }
    return out;
  });
}

/**
 * An experiment's performance snapshots with the variant of their asset: the newest row per (asset, window), so a
 * window imported twice counts once.
 */
export async function listExperimentSnapshots(
  q: Queryable,
  orgId: string,
  experimentId: string,
): Promise<{ id: string; variantId: string | null; metrics: unknown }[]> {
  return q
    .selectDistinctOn(
      [
        assetPerformanceSnapshots.assetId,
        assetPerformanceSnapshots.timeFrom,
        assetPerformanceSnapshots.timeTo,
      ],
      {
        variantId: assets.variantId,
        metrics: assetPerformanceSnapshots.metrics,
        id: assetPerformanceSnapshots.id,
      },
    )
    .from(assetPerformanceSnapshots)
    .innerJoin(assets, and(eq(assets.id, assetPerformanceSnapshots.assetId), eq(assets.orgId, orgId)))
    .where(
      and(
        eq(assetPerformanceSnapshots.orgId, orgId),
        or(eq(assetPerformanceSnapshots.experimentId, experimentId), eq(assets.experimentId, experimentId)),
      ),
    )
    .orderBy(
      assetPerformanceSnapshots.assetId,
      assetPerformanceSnapshots.timeFrom,
      assetPerformanceSnapshots.timeTo,
      sql`${assetPerformanceSnapshots.createdAt} desc`,
      sql`${assetPerformanceSnapshots.id} desc`,
    );
}

/** Serializes writers of one key until the transaction ends (Postgres advisory lock). */
export async function lockForTransaction(tx: Queryable, key: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
}

/** A generated asset by its generation key (`content.generation.key`): a retried write finds the row it made. */
export async function findGeneratedAsset(
  q: Queryable,
  orgId: string,
  generationKey: string,
): Promise<{ id: string; status: AssetRow['status'] } | undefined> {
  const [row] = await q
    .select({ id: assets.id, status: assets.status })
    .from(assets)
    .where(
      and(
        eq(assets.orgId, orgId),
        sql`${assets.content} @> ${JSON.stringify({ generation: { key: generationKey } })}::jsonb`,
      ),
    )
    .limit(1);
  return row;
}

/** Inserts an asset row the worker generated; returns its id and status. */
export async function insertGeneratedAsset(
  q: Queryable,
  values: typeof assets.$inferInsert,
): Promise<{ id: string; status: AssetRow['status'] }> {
  const [row] = await q.insert(assets).values(values).returning({ id: assets.id, status: assets.status });
  if (!row) throw new Error('asset insert returned no row');
  return row;
}

/** Points assets at the qa_report artifact that judged them. */
export async function linkAssetsToQaReport(
  q: Queryable,
  orgId: string,
  assetIds: string[],
  qaReportArtifactId: string,
): Promise<void> {
  if (assetIds.length === 0) return;
  await q
    .update(assets)
    .set({ qaReportArtifactId })
    .where(and(eq(assets.orgId, orgId), inArray(assets.id, assetIds)));
}

/**
 * Sets the status of assets a run generated (`content.generation.runId`); ids of other assets are left alone.
 * Returns the ids changed. `statusChangedAt` moves only when the status does.
 */
export async function setRunAssetsStatus(
  q: Queryable,
  orgId: string,
  runId: string,
  ids: string[],
  status: 'approved' | 'rejected',
): Promise<string[]> {
  if (ids.length === 0) return [];
  const ofRun = sql`${assets.content} @> ${JSON.stringify({ generation: { runId } })}::jsonb`;
  const rows = await q
    .update(assets)
    .set({
      status,
      statusChangedAt: sql`case when ${assets.status} <> ${status} then now() else ${assets.statusChangedAt} end`,
    })
    .where(and(eq(assets.orgId, orgId), inArray(assets.id, ids), ofRun))
    .returning({ id: assets.id });
  return rows.map((r) => r.id);
}
