import { and, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { upgradeGeneratedAssetContent } from '../artifacts/upgrade';
import type { Queryable } from '../db-type';
import { assets } from '../schema/assets';
import type { AssetStatus } from '../schema/enums';
import { afterCursor, type Page, toPage } from './pagination';

export type AssetRow = typeof assets.$inferSelect;

export interface AssetListFilter {
  clientId?: string | undefined;
  campaignId?: string | undefined;
  experimentId?: string | undefined;
  status?: AssetStatus | undefined;
  channelId?: string | undefined;
  cursor?: string | null | undefined;
  limit: number;
}

/** The row with a generated asset's content in the current shape (content stored by earlier versions upgraded). */
function withCurrentContent(row: AssetRow): AssetRow;
function withCurrentContent(row: AssetRow | undefined): AssetRow | undefined;
function withCurrentContent(row: AssetRow | undefined): AssetRow | undefined {
  if (row?.sourceType !== 'generated') return row;
  const content = upgradeGeneratedAssetContent(row.content);
  return content === row.content ? row : { ...row, content };
}

/** Newest first, keyset-paginated on (created_at, id). */
export async function listAssets(q: Queryable, orgId: string, f: AssetListFilter): Promise<Page<AssetRow>> {
  const where: (SQL | undefined)[] = [eq(assets.orgId, orgId)];
  if (f.clientId) where.push(eq(assets.clientId, f.clientId));
  if (f.campaignId) where.push(eq(assets.campaignId, f.campaignId));
  if (f.experimentId) where.push(eq(assets.experimentId, f.experimentId));
  if (f.status) where.push(eq(assets.status, f.status));
  if (f.channelId) where.push(eq(assets.channelId, f.channelId));
  where.push(afterCursor(f.cursor, assets.createdAt, assets.id));
  const rows = await q
    .select()
    .from(assets)
    .where(and(...where))
    .orderBy(desc(assets.createdAt), desc(assets.id))
    .limit(f.limit + 1);
  return toPage(
    rows.map((r) => withCurrentContent(r)),
    f.limit,
    (r) => ({ at: r.createdAt, id: r.id }),
  );
}

export async function getAsset(q: Queryable, orgId: string, id: string): Promise<AssetRow | undefined> {
  const [row] = await q
    .select()
    .from(assets)
    .where(and(eq(assets.orgId, orgId), eq(assets.id, id)))
    .limit(1);
  return withCurrentContent(row);
}

export type AssetPatch = Partial<
  Pick<
    typeof assets.$inferInsert,
    | 'content'
    | 'status'
    | 'channelId'
    | 'format'
    | 'variantId'
    | 'icpId'
    | 'funnelStageId'
    | 'conceptId'
    | 'angleType'
  >
>;

/** status_changed_at moves only when the status really changes. */
const stampStatusChange = (status: AssetStatus) =>
  sql`case when ${assets.status} <> ${status} then now() else ${assets.statusChangedAt} end`;

export async function updateAsset(
  q: Queryable,
  orgId: string,
  id: string,
  patch: AssetPatch,
): Promise<AssetRow | undefined> {
  const [row] = await q
    .update(assets)
    .set({ ...patch, ...(patch.status ? { statusChangedAt: stampStatusChange(patch.status) } : {}) })
    .where(and(eq(assets.orgId, orgId), eq(assets.id, id)))
    .returning();
  return withCurrentContent(row);
}

/**
 * Sets the status of the org's assets among `ids` and returns the ids it changed. Ids of other orgs are
 * simply not matched; the caller decides whether a short count is an error (and rolls back).
 */
export async function setAssetsStatus(
  q: Queryable,
  orgId: string,
  ids: readonly string[],
  status: AssetStatus,
): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await q
    .update(assets)
    .set({ status, statusChangedAt: stampStatusChange(status) })
    .where(and(eq(assets.orgId, orgId), inArray(assets.id, [...ids])))
    .returning({ id: assets.id });
  return rows.map((r) => r.id);
}
