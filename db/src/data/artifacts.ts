import { and, desc, eq, getTableColumns, is, isNull, ne, type SQL, sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { ArtifactSource, ArtifactStatus, ArtifactType } from '../artifacts/index';
import { upgradeArtifactData } from '../artifacts/upgrade';
import type { Queryable, Tx } from '../db-type';
import { artifacts } from '../schema/artifacts';
import { campaigns } from '../schema/campaigns';
import { clients } from '../schema/clients';
import { experiments } from '../schema/experiments';
import { orgs } from '../schema/orgs';
import { afterCursor, type Page, toPage } from './pagination';

export type ArtifactRow = typeof artifacts.$inferSelect;
/** A version in an artifact's history: everything but the (possibly large) document. */
export type ArtifactVersionRow = Omit<ArtifactRow, 'data'>;

/** What versions count within: one document per (org, client, campaign, type); null ids are their own key. */
export interface ArtifactKey {
  clientId: string | null;
  campaignId: string | null;
  type: ArtifactType;
}

export interface NewArtifactVersion extends ArtifactKey {
  orgId: string;
  /** Trusted: callers validate it with `parseArtifactData(type, data)` first. */
  data: unknown;
  source: ArtifactSource;
  status: ArtifactStatus;
  workflowRunId?: string | null;
  stepKey?: string | null;
  createdByUser?: string | null;
  /** For status 'approved'; defaults to createdByUser. */
  approvedBy?: string | null;
}

/**
 * The row with its document in the current shape: documents stored by earlier versions are upgraded as they are
 * read (`upgradeArtifactData`; the stored JSON is left as it was), so every reader sees one shape.
 */
export function withCurrentData<R extends { type: string; data: unknown }>(row: R): R;
export function withCurrentData<R extends { type: string; data: unknown }>(row: R | undefined): R | undefined;
export function withCurrentData<R extends { type: string; data: unknown }>(
  row: R | undefined,
): R | undefined {
  if (!row) return row;
  const data = upgradeArtifactData(row.type, row.data);
  return data === row.data ? row : { ...row, data };
}

/** Enough for 25 writers racing on one key; each collision means another writer's version committed. */
const MAX_VERSION_ATTEMPTS = 25;

const keyWhere = (orgId: string, k: ArtifactKey): SQL | undefined =>
  and(
    eq(artifacts.orgId, orgId),
    k.clientId === null ? isNull(artifacts.clientId) : eq(artifacts.clientId, k.clientId),
    k.campaignId === null ? isNull(artifacts.campaignId) : eq(artifacts.campaignId, k.campaignId),
    eq(artifacts.type, k.type),
  );

const isTx = (q: Queryable): q is Tx => is(q, PgTransaction);

/** A unique violation on the version key: another writer took the same version number first. */
function isVersionCollision(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const { code, constraint, message } = e as { code?: unknown; constraint?: unknown; message?: unknown };
    if (
      code === '23505' &&
      (constraint === 'uq_artifacts_version' ||
        (typeof message === 'string' && message.includes('uq_artifacts_version')))
    ) {
      return true;
    }
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** Serializes approvals of one key for the rest of the transaction, so two approvers cannot both win. */
async function lockKey(tx: Tx, orgId: string, k: ArtifactKey): Promise<void> {
  const key = `artifact:${orgId}:${k.clientId ?? '-'}:${k.campaignId ?? '-'}:${k.type}`;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
}

async function supersedeApproved(tx: Tx, orgId: string, k: ArtifactKey, keepId: string): Promise<void> {
  await tx
    .update(artifacts)
    .set({ status: 'superseded' })
    .where(and(keyWhere(orgId, k), eq(artifacts.status, 'approved'), ne(artifacts.id, keepId)));
}

/**
 * One statement: the version is max+1 of the key, computed in the INSERT itself; a repeated
 * (workflow_run_id, step_key) inserts nothing, and the earlier row is read back unchanged.
 */
async function insertOnce(
  q: Queryable,
  v: NewArtifactVersion,
): Promise<{ row: ArtifactRow; created: boolean }> {
  const approved = v.status === 'approved';
  const [inserted] = await q
    .insert(artifacts)
    .values({
      orgId: v.orgId,
      clientId: v.clientId,
      campaignId: v.campaignId,
      type: v.type,
      version: sql`(select coalesce(max(${artifacts.version}), 0) + 1 from ${artifacts} where ${keyWhere(v.orgId, v)})`,
      status: v.status,
      source: v.source,
      data: v.data,
      workflowRunId: v.workflowRunId ?? null,
      stepKey: v.stepKey ?? null,
      createdByUser: v.createdByUser ?? null,
      approvedBy: approved ? (v.approvedBy ?? v.createdByUser ?? null) : null,
      approvedAt: approved ? sql`now()` : null,
    })
    .onConflictDoNothing({ target: [artifacts.workflowRunId, artifacts.stepKey] })
    .returning();
  if (inserted) return { row: inserted, created: true };
  if (!v.workflowRunId || !v.stepKey) throw new Error('artifact insert returned no row');
  const [existing] = await q
    .select()
    .from(artifacts)
    .where(
      and(
        eq(artifacts.orgId, v.orgId),
        eq(artifacts.workflowRunId, v.workflowRunId),
        eq(artifacts.stepKey, v.stepKey),
      ),
    )
    .limit(1);
  if (!existing) throw new Error('artifact step key is taken by another organization');
  return { row: existing, created: false };
}

/**
 * Appends the next version of an artifact. Concurrent writers of one key never share a version: the
 * loser of a race retries (inside a savepoint when `q` is a transaction, so the caller's transaction
 * survives). With workflowRunId + stepKey set, a retried activity gets its first row back unchanged.
 * A new approved version supersedes the previously approved one(s) of its key.
 */
export async function insertArtifactVersion(q: Queryable, v: NewArtifactVersion): Promise<ArtifactRow> {
  const attempt = async (): Promise<ArtifactRow> => {
    if (v.status !== 'approved') {
      return isTx(q) ? (await q.transaction((sp) => insertOnce(sp, v))).row : (await insertOnce(q, v)).row;
    }
    return q.transaction(async (tx) => {
      await lockKey(tx, v.orgId, v);
      const { row, created } = await insertOnce(tx, v);
      if (created) await supersedeApproved(tx, v.orgId, v, row.id);
      return row;
    });
  };
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (err) {
      if (n >= MAX_VERSION_ATTEMPTS || !isVersionCollision(err)) throw err;
    }
  }
}

export async function getArtifact(q: Queryable, orgId: string, id: string): Promise<ArtifactRow | undefined> {
  const [row] = await q
    .select()
    .from(artifacts)
    .where(and(eq(artifacts.orgId, orgId), eq(artifacts.id, id)))
    .limit(1);
  return withCurrentData(row);
}

export interface ArtifactListFilter {
  clientId?: string | undefined;
  /** A campaign's artifacts, or null for client-level ones only; undefined: both. */
  campaignId?: string | null | undefined;
  type?: ArtifactType | undefined;
  status?: ArtifactStatus | undefined;
  cursor?: string | null | undefined;
  limit: number;
}

/** Newest first, keyset-paginated on (created_at, id). */
export async function listArtifacts(
  q: Queryable,
  orgId: string,
  f: ArtifactListFilter,
): Promise<Page<ArtifactRow>> {
  const where: (SQL | undefined)[] = [eq(artifacts.orgId, orgId)];
  if (f.clientId) where.push(eq(artifacts.clientId, f.clientId));
  if (f.campaignId === null) where.push(isNull(artifacts.campaignId));
  else if (f.campaignId) where.push(eq(artifacts.campaignId, f.campaignId));
  if (f.type) where.push(eq(artifacts.type, f.type));
  if (f.status) where.push(eq(artifacts.status, f.status));
  where.push(afterCursor(f.cursor, artifacts.createdAt, artifacts.id));
  const rows = await q
    .select()
    .from(artifacts)
    .where(and(...where))
    .orderBy(desc(artifacts.createdAt), desc(artifacts.id))
    .limit(f.limit + 1);
  return toPage(
    rows.map((r) => withCurrentData(r)),
    f.limit,
    (r) => ({ at: r.createdAt, id: r.id }),
  );
}

/** "Latest" is the highest version; with status 'approved', the approved one. */
export async function latestArtifact(
  q: Queryable,
  orgId: string,
  k: ArtifactKey & { status?: ArtifactStatus | undefined },
): Promise<ArtifactRow | undefined> {
  const [row] = await q
    .select()
    .from(artifacts)
    .where(and(keyWhere(orgId, k), k.status ? eq(artifacts.status, k.status) : undefined))
    .orderBy(desc(artifacts.version))
    .limit(1);
  return withCurrentData(row);
}

/** A key's history, newest version first, without the documents (fetch one with getArtifact). */
export async function listArtifactVersions(
  q: Queryable,
  orgId: string,
  k: ArtifactKey,
  limit = 200,
): Promise<ArtifactVersionRow[]> {
  const { data: _data, ...columns } = getTableColumns(artifacts);
  return q
    .select(columns)
    .from(artifacts)
    .where(keyWhere(orgId, k))
    .orderBy(desc(artifacts.version))
    .limit(limit);
}

/**
 * Marks an artifact approved by `userId` and the previously approved version(s) of its key superseded,
 * atomically (the caller's transaction, or its own). Approving an approved artifact changes nothing.
 */
export async function approveArtifact(
  q: Queryable,
  orgId: string,
  id: string,
  userId: string | null,
): Promise<ArtifactRow | undefined> {
  const run = async (tx: Tx): Promise<ArtifactRow | undefined> => {
    const target = await getArtifact(tx, orgId, id);
    if (!target || target.status === 'approved') return target;
    await lockKey(tx, orgId, target);
    await supersedeApproved(tx, orgId, target, target.id);
    const [row] = await tx
      .update(artifacts)
      .set({ status: 'approved', approvedBy: userId, approvedAt: sql`now()` })
      .where(and(eq(artifacts.orgId, orgId), eq(artifacts.id, id)))
      .returning();
    return withCurrentData(row);
  };
  return isTx(q) ? run(q) : q.transaction(run);
}

/** Which of the referenced rows exist in the org; null where the id was not asked about or not found. */
export interface OwnedRefs {
  client: boolean | null;
  /** The campaign's client, when the campaign exists in the org. */
  campaignClientId: string | null;
  /** The experiment's client and campaign, when it exists in the org. */
  experiment: { clientId: string; campaignId: string } | null;
}

/**
 * Checks referenced ids against the org in one round trip (scalar subqueries over the org's own row),
 * so another org's id reads exactly like a missing one.
 */
export async function resolveOwnedRefs(
  q: Queryable,
  orgId: string,
  ids: {
    clientId?: string | null | undefined;
    campaignId?: string | null | undefined;
    experimentId?: string | null | undefined;
  },
): Promise<OwnedRefs> {
  const none = sql<null>`null`;
  const [row] = await q
    .select({
      client: ids.clientId
        ? sql<boolean>`exists (select 1 from ${clients} where ${clients.orgId} = ${orgId} and ${clients.id} = ${ids.clientId})`
        : none,
      campaignClientId: ids.campaignId
        ? sql<
            string | null
          >`(select ${campaigns.clientId} from ${campaigns} where ${campaigns.orgId} = ${orgId} and ${campaigns.id} = ${ids.campaignId})`
        : none,
      experiment: ids.experimentId
        ? sql<{
            clientId: string;
            campaignId: string;
          } | null>`(select json_build_object('clientId', ${experiments.clientId}, 'campaignId', ${experiments.campaignId}) from ${experiments} where ${experiments.orgId} = ${orgId} and ${experiments.id} = ${ids.experimentId})`
        : none,
    })
    .from(orgs)
    .where(eq(orgs.id, orgId));
  return {
    client: row?.client ?? (ids.clientId ? false : null),
    campaignClientId: row?.campaignClientId ?? null,
    experiment: row?.experiment ?? null,
  };
}
