import { and, asc, desc, eq, inArray, isNotNull, isNull, ne, sql } from 'drizzle-orm';
import type { AppliedChanges, DecisionStatus, ExperimentReading } from '../contracts/experiments';
import type { Queryable } from '../db-type';
import { approvals } from '../schema/approvals';
import { assets } from '../schema/assets';
import type { AssetStatus } from '../schema/enums';
import {
  adConnectors,
  experimentDecisions,
  experimentPhases,
  experimentReadings,
  experiments,
} from '../schema/experiments';
import { funnelPageVariants, funnelPublicationPages, funnels } from '../schema/funnels';
import { users } from '../schema/users';
import { armVariantsOf } from './funnel-drafts';

/**
 * What ExperimentCycle writes and the experiment page reads: a reading per poll with new data, the decisions it
 * proposed with what a person decided and what applying them changed. Every function takes the org id.
 */

export type ExperimentDecisionRow = typeof experimentDecisions.$inferSelect;

/** At most this many readings come back for a chart; longer histories are thinned evenly (first and last kept). */
export const MAX_READINGS = 500;

/** Stores one poll's reading; a retried activity writes it once (unique on experiment, run and poll). */
export async function insertExperimentReading(
  q: Queryable,
  orgId: string,
  input: {
    experimentId: string;
    phase: number;
    poll: number;
    workflowRunId: string;
    readAt: Date;
    data: ExperimentReading;
  },
): Promise<void> {
  await q
    .insert(experimentReadings)
    .values({ orgId, ...input })
    .onConflictDoNothing({
      target: [experimentReadings.experimentId, experimentReadings.workflowRunId, experimentReadings.poll],
    });
}

export interface ReadingItem {
  poll: number;
  readAt: Date;
  phase: number;
  data: ExperimentReading;
}

/**
 * An experiment's readings in time order (of one phase, or all), at most MAX_READINGS: a longer history is
 * thinned to evenly spaced rows, numbered in SQL so only the kept rows leave the database.
 */
export async function listExperimentReadings(
  q: Queryable,
  orgId: string,
  experimentId: string,
  phase?: number,
): Promise<ReadingItem[]> {
  const where = and(
    eq(experimentReadings.orgId, orgId),
    eq(experimentReadings.experimentId, experimentId),
    phase === undefined ? undefined : eq(experimentReadings.phase, phase),
  );
  const numbered = q
    .select({
      id: experimentReadings.id,
      rn: sql<number>`(row_number() over (order by ${experimentReadings.readAt}, ${experimentReadings.id}) - 1)::int`.as(
        'rn',
      ),
      total: sql<number>`(count(*) over ())::int`.as('total'),
    })
    .from(experimentReadings)
    .where(where)
    .as('numbered');
  // Keep row i when floor(i·(M−1)/(N−1)) moves on: M rows, evenly spaced, the first and the last among them.
  const keep = sql`${numbered.total} <= ${MAX_READINGS} or ${numbered.rn} = ${numbered.total} - 1
    or floor(${numbered.rn}::float8 * ${MAX_READINGS - 1} / (${numbered.total} - 1))
       <> floor((${numbered.rn}::float8 - 1) * ${MAX_READINGS - 1} / (${numbered.total} - 1))`;
  const rows = await q
    .select({
      poll: experimentReadings.poll,
      readAt: experimentReadings.readAt,
      phase: experimentReadings.phase,
      data: experimentReadings.data,
    })
    .from(experimentReadings)
    .innerJoin(numbered, eq(numbered.id, experimentReadings.id))
    .where(keep)
    .orderBy(asc(experimentReadings.readAt), asc(experimentReadings.id));
  return rows.map((r) => ({ ...r, data: r.data as ExperimentReading }));
}

/** Records a proposal; the id comes from the workflow, so a retried activity inserts it once. */
export async function insertExperimentDecision(
  q: Queryable,
  orgId: string,
  input: {
    id: string;
    experimentId: string;
    phase: number;
    workflowRunId: string;
    action: string;
    reason: string;
    winningArmId: string | null;
    reading: ExperimentReading;
    rationale: string;
  },
): Promise<void> {
  await q
    .insert(experimentDecisions)
    .values({ orgId, ...input, status: 'proposed' })
    .onConflictDoNothing({ target: experimentDecisions.id });
}

export async function getExperimentDecision(
  q: Queryable,
  orgId: string,
  id: string,
): Promise<ExperimentDecisionRow | undefined> {
  const [row] = await q
    .select()
    .from(experimentDecisions)
    .where(and(eq(experimentDecisions.orgId, orgId), eq(experimentDecisions.id, id)))
    .limit(1);
  return row;
}

/**
 * A person's decision at the `experiment_decision` gate, taken from the approvals row the API recorded (who, when,
 * feedback): approved or rejected. Only a proposal changes, so a retry after the decision was applied is a no-op.
 */
export async function reviewExperimentDecision(
  q: Queryable,
  orgId: string,
  input: { id: string; status: Extract<DecisionStatus, 'approved' | 'rejected'>; approvalId: string },
): Promise<ExperimentDecisionRow | undefined> {
  const [approval] = await q
    .select({ decidedBy: approvals.decidedBy, decidedAt: approvals.decidedAt, feedback: approvals.feedback })
    .from(approvals)
    .where(and(eq(approvals.orgId, orgId), eq(approvals.id, input.approvalId)))
    .limit(1);
  const [row] = await q
    .update(experimentDecisions)
    .set({
      status: input.status,
      approvalId: input.approvalId,
      decidedBy: approval?.decidedBy ?? null,
      decidedAt: approval?.decidedAt ?? new Date(),
      feedback: approval?.feedback ?? null,
    })
    .where(
      and(
        eq(experimentDecisions.orgId, orgId),
        eq(experimentDecisions.id, input.id),
        eq(experimentDecisions.status, 'proposed'),
      ),
    )
    .returning();
  return row ?? (await getExperimentDecision(q, orgId, input.id));
}

/** Marks an approved decision applied with what it changed, and sets the experiment's decision and winning arm. */
export async function markExperimentDecisionApplied(
  q: Queryable,
  orgId: string,
  input: {
    id: string;
    experimentId: string;
    applied: AppliedChanges;
    decision: string;
    winningArmId: string | null;
  },
): Promise<void> {
  await q
    .update(experimentDecisions)
    .set({ status: 'applied', applied: input.applied, appliedAt: new Date() })
    .where(
      and(
        eq(experimentDecisions.orgId, orgId),
        eq(experimentDecisions.id, input.id),
        eq(experimentDecisions.status, 'approved'),
      ),
    );
  await q
    .update(experiments)
    .set({ decision: input.decision, winningArmId: input.winningArmId })
    .where(and(eq(experiments.orgId, orgId), eq(experiments.id, input.experimentId)));
}

export async function setDecisionReport(
  q: Queryable,
  orgId: string,
  id: string,
  reportArtifactId: string,
): Promise<void> {
  await q
    .update(experimentDecisions)
    .set({ reportArtifactId })
    .where(and(eq(experimentDecisions.orgId, orgId), eq(experimentDecisions.id, id)));
}

export interface DecisionItem {
  id: string;
  phase: number;
  action: string;
  reason: string;
  winningArmId: string | null;
  rationale: string;
  status: string;
  approvalId: string | null;
  /** The cycle run whose gate held the proposal: its page is the inbox item (review, approval record). */
  workflowRunId: string | null;
  decidedBy: { id: string; name: string } | null;
  decidedAt: Date | null;
  feedback: string | null;
  applied: AppliedChanges | null;
  appliedAt: Date | null;
  reportArtifactId: string | null;
  createdAt: Date;
}

/** An experiment's decisions, oldest first, with the person who decided each. */
export async function listExperimentDecisions(
  q: Queryable,
  orgId: string,
  experimentId: string,
): Promise<DecisionItem[]> {
  const rows = await q
    .select({
      d: experimentDecisions,
      userId: users.id,
      userName: users.name,
      userEmail: users.email,
    })
    .from(experimentDecisions)
    .leftJoin(users, eq(users.id, experimentDecisions.decidedBy))
    .where(and(eq(experimentDecisions.orgId, orgId), eq(experimentDecisions.experimentId, experimentId)))
    .orderBy(asc(experimentDecisions.createdAt), asc(experimentDecisions.id))
    .limit(500);
  return rows.map(({ d, userId, userName, userEmail }) => ({
    id: d.id,
    phase: d.phase,
    action: d.action,
    reason: d.reason,
    winningArmId: d.winningArmId,
    rationale: d.rationale,
    status: d.status,
    approvalId: d.approvalId,
    workflowRunId: d.workflowRunId,
    decidedBy: userId ? { id: userId, name: userName || userEmail || 'unknown' } : null,
    decidedAt: d.decidedAt,
    feedback: d.feedback,
    applied: (d.applied as AppliedChanges | null) ?? null,
    appliedAt: d.appliedAt,
    reportArtifactId: d.reportArtifactId,
    createdAt: d.createdAt,
  }));
}

/** When the phase in force began (its locked plan's start), or undefined for an experiment from before phases. */
export async function experimentPhaseStart(
  q: Queryable,
  orgId: string,
  experimentId: string,
  phase: number,
): Promise<Date | undefined> {
  const [row] = await q
    .select({ startedAt: experimentPhases.startedAt })
    .from(experimentPhases)
    .where(
      and(
        eq(experimentPhases.orgId, orgId),
        eq(experimentPhases.experimentId, experimentId),
        eq(experimentPhases.phase, phase),
      ),
    )
    .limit(1);
  return row?.startedAt;
}

/** Funnel page variants tied to an experiment's arms (see armVariantsOf: the experiment's client's only). */
export async function experimentFunnelVariants(
  q: Queryable,
  orgId: string,
  experimentIds: string[],
): Promise<{ id: string; funnelId: string; pageId: string; armId: string | null; weight: number }[]> {
  if (experimentIds.length === 0) return [];
  return q
    .select({
      id: funnelPageVariants.id,
      funnelId: funnelPageVariants.funnelId,
      pageId: funnelPageVariants.pageId,
      armId: funnelPageVariants.experimentVariantId,
      weight: funnelPageVariants.weight,
    })
    .from(funnelPageVariants)
    .where(armVariantsOf(q, orgId, experimentIds))
    .orderBy(asc(funnelPageVariants.createdAt), asc(funnelPageVariants.id));
}

/**
 * Sets funnel variant weights and makes them live: the draft variants, the active publication's rows of those
 * variants (and each page's own row, which publish gives 100 − Σ its variants), and `funnels.routing_version`,
 * which the runtime's page-index cache key carries, so visitors get the new split within the active-publication
 * TTL without a publish (which would also ship unrelated draft edits). One transaction (a savepoint inside one).
 */
export async function setFunnelVariantWeights(
  q: Queryable,
  orgId: string,
  weights: readonly { variantId: string; weight: number }[],
): Promise<void> {
  if (weights.length === 0) return;
  await q.transaction(async (tx) => {
    const touched = new Map<string, string>(); // variant id → funnel id
    for (const w of weights) {
      const [row] = await tx
        .update(funnelPageVariants)
        .set({ weight: w.weight })
        .where(and(eq(funnelPageVariants.orgId, orgId), eq(funnelPageVariants.id, w.variantId)))
        .returning({ funnelId: funnelPageVariants.funnelId });
      if (row) touched.set(w.variantId, row.funnelId);
    }
    const funnelIds = [...new Set(touched.values())];
    if (funnelIds.length === 0) return;
    const active = await tx
      .select({ id: funnels.id, publicationId: funnels.activePublicationId })
      .from(funnels)
      .where(and(eq(funnels.orgId, orgId), inArray(funnels.id, funnelIds)))
      .for('update');
    const publicationOf = new Map(active.map((f) => [f.id, f.publicationId]));
    const changedFunnels = new Set<string>();
    const changedPages = new Map<string, { publicationId: string; pageId: string }>();
    for (const w of weights) {
      const funnelId = touched.get(w.variantId);
      const publicationId = funnelId ? publicationOf.get(funnelId) : null;
      if (!funnelId || !publicationId) continue;
      // Only rows whose weight differs, so an unchanged bandit split does not invalidate every runtime's index.
      const rows = await tx
        .update(funnelPublicationPages)
        .set({ weight: w.weight })
        .where(
          and(
            eq(funnelPublicationPages.orgId, orgId),
            eq(funnelPublicationPages.publicationId, publicationId),
            eq(funnelPublicationPages.variantId, w.variantId),
            ne(funnelPublicationPages.weight, w.weight),
          ),
        )
        .returning({ pageId: funnelPublicationPages.pageId });
      for (const r of rows) {
        changedFunnels.add(funnelId);
        changedPages.set(`${publicationId}:${r.pageId}`, { publicationId, pageId: r.pageId });
      }
    }
    for (const { publicationId, pageId } of changedPages.values()) {
      const samePage = and(
        eq(funnelPublicationPages.orgId, orgId),
        eq(funnelPublicationPages.publicationId, publicationId),
        eq(funnelPublicationPages.pageId, pageId),
      );
      const variantsTotal = tx
        .select({ total: sql`coalesce(sum(${funnelPublicationPages.weight}), 0)` })
        .from(funnelPublicationPages)
        .where(and(samePage, isNotNull(funnelPublicationPages.variantId)));
      await tx
        .update(funnelPublicationPages)
        .set({ weight: sql`greatest(0, 100 - (${variantsTotal}))::integer` })
        .where(and(samePage, isNull(funnelPublicationPages.variantId)));
    }
    if (changedFunnels.size > 0) {
      await tx
        .update(funnels)
        .set({ routingVersion: sql`${funnels.routingVersion} + 1` })
        .where(and(eq(funnels.orgId, orgId), inArray(funnels.id, [...changedFunnels])));
    }
  });
}

/** One variant's weight, live as `setFunnelVariantWeights` makes it. */
export async function setFunnelVariantWeight(
  q: Queryable,
  orgId: string,
  variantId: string,
  weight: number,
): Promise<void> {
  await setFunnelVariantWeights(q, orgId, [{ variantId, weight }]);
}

/** The assets of an experiment with their arm (the spec's variant id) and status. */
export async function experimentAssets(
  q: Queryable,
  orgId: string,
  experimentId: string,
): Promise<{ id: string; armId: string | null; status: AssetStatus }[]> {
  return q
    .select({ id: assets.id, armId: assets.variantId, status: assets.status })
    .from(assets)
    .where(and(eq(assets.orgId, orgId), eq(assets.experimentId, experimentId)))
    .orderBy(asc(assets.createdAt), asc(assets.id));
}

/** The newest decision of an experiment (any run), for the API's "is a decision pending" checks. */
export async function latestExperimentDecision(
  q: Queryable,
  orgId: string,
  experimentId: string,
): Promise<ExperimentDecisionRow | undefined> {
  const [row] = await q
    .select()
    .from(experimentDecisions)
    .where(and(eq(experimentDecisions.orgId, orgId), eq(experimentDecisions.experimentId, experimentId)))
    .orderBy(desc(experimentDecisions.createdAt))
    .limit(1);
  return row;
}

/** Whether a client has an enabled ad-platform connector the cycle should pull before reading. */
export async function clientHasEnabledConnector(
  q: Queryable,
  orgId: string,
  clientId: string,
): Promise<boolean> {
  const [row] = await q
    .select({ id: adConnectors.id })
    .from(adConnectors)
    .where(
      and(eq(adConnectors.orgId, orgId), eq(adConnectors.clientId, clientId), eq(adConnectors.enabled, true)),
    )
    .limit(1);
  return row !== undefined;
}
