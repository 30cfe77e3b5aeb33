import { and, desc, eq, getTableColumns, inArray, type SQL } from 'drizzle-orm';
import { Baseline } from '../contracts/experiments';
import type { Queryable } from '../db-type';
import { campaigns } from '../schema/campaigns';
import { clients } from '../schema/clients';
import type { CAMPAIGN_STATUSES, WorkflowKind } from '../schema/enums';
import { workflowRuns } from '../schema/workflow-runs';
import { afterCursor, type Page, toPage } from './pagination';
import type { WorkflowRunRow } from './workflow-runs';

type CampaignColumns = typeof campaigns.$inferSelect;
/**
 * A campaign as every reader sees it: the baseline as `{ metric, value }` (the `baseline` and `baseline_metric`
 * columns together); a bare number stored before baselines named their metric is `legacyBaseline`, never read as
 * a rate of any metric.
 */
export type CampaignRow = Omit<CampaignColumns, 'baseline' | 'baselineMetric'> & {
  baseline: Baseline | null;
  legacyBaseline: number | null;
};
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];
/** A campaign with its client's name, so lists and detail views need no second lookup. */
export type CampaignWithClient = CampaignRow & { clientName: string };
export type CampaignInsert = Pick<
  typeof campaigns.$inferInsert,
  | 'clientId'
  | 'name'
  | 'goalDescription'
  | 'objectiveType'
  | 'numericTarget'
  | 'timeframeDays'
  | 'budgetMin'
  | 'budgetMax'
  | 'markets'
  | 'currency'
  | 'specialAdCategory'
> & { baseline?: Baseline | null };
export type CampaignPatch = Partial<Omit<CampaignInsert, 'clientId'> & { status: CampaignStatus }>;

/** The stored columns as a reader sees them (see `CampaignRow`). */
export function campaignView<T extends CampaignColumns>(
  row: T,
): Omit<T, 'baseline' | 'baselineMetric'> & Pick<CampaignRow, 'baseline' | 'legacyBaseline'> {
  const { baseline, baselineMetric, ...rest } = row;
  const parsed =
    baselineMetric === null ? null : Baseline.safeParse({ metric: baselineMetric, value: baseline });
  return {
    ...rest,
    baseline: parsed?.success ? parsed.data : null,
    legacyBaseline: parsed?.success || baseline === null ? null : baseline,
  };
}

/** A baseline as its two columns (null clears both; undefined leaves both as they are). */
function baselineColumns(b: Baseline | null | undefined) {
  if (b === undefined) return {};
  return { baseline: b?.value ?? null, baselineMetric: b?.metric ?? null };
}

export interface CampaignListFilter {
  clientId?: string | undefined;
  status?: CampaignStatus | undefined;
  cursor?: string | null | undefined;
  limit: number;
}

const withClientName = { ...getTableColumns(campaigns), clientName: clients.name };

export async function listCampaigns(
  q: Queryable,
  orgId: string,
  f: CampaignListFilter,
): Promise<Page<CampaignWithClient>> {
  const where: (SQL | undefined)[] = [eq(campaigns.orgId, orgId)];
  if (f.clientId) where.push(eq(campaigns.clientId, f.clientId));
  if (f.status) where.push(eq(campaigns.status, f.status));
  where.push(afterCursor(f.cursor, campaigns.createdAt, campaigns.id));
  const rows = await q
    .select(withClientName)
    .from(campaigns)
    .innerJoin(clients, and(eq(clients.id, campaigns.clientId), eq(clients.orgId, campaigns.orgId)))
    .where(and(...where))
    .orderBy(desc(campaigns.createdAt), desc(campaigns.id))
    .limit(f.limit + 1);
  return toPage(rows.map(campaignView), f.limit, (r) => ({ at: r.createdAt, id: r.id }));
}

export async function getCampaign(
  q: Queryable,
  orgId: string,
  id: string,
): Promise<CampaignWithClient | undefined> {
  const [row] = await q
    .select(withClientName)
    .from(campaigns)
    .innerJoin(clients, and(eq(clients.id, campaigns.clientId), eq(clients.orgId, campaigns.orgId)))
    .where(and(eq(campaigns.orgId, orgId), eq(campaigns.id, id)))
    .limit(1);
  return row && campaignView(row);
}

/**
 * Reads a campaign row and locks it until the transaction ends, so two concurrent starts for the same
 * campaign are serialized (the second sees the first one's run). Call inside a transaction.
 */
export async function lockCampaign(
  q: Queryable,
  orgId: string,
  id: string,
): Promise<CampaignRow | undefined> {
  const [row] = await q
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.orgId, orgId), eq(campaigns.id, id)))
    .limit(1)
    .for('update');
  return row && campaignView(row);
}

/** Inserts the campaign row only; the caller checks the client belongs to the org. */
export async function insertCampaign(
  q: Queryable,
  orgId: string,
  input: CampaignInsert,
): Promise<CampaignRow> {
  const { baseline, ...fields } = input;
  const [row] = await q
    .insert(campaigns)
    .values({ ...fields, ...baselineColumns(baseline), orgId })
    .returning();
  if (!row) throw new Error('campaign insert returned no row');
  return campaignView(row);
}

export async function updateCampaign(
  q: Queryable,
  orgId: string,
  id: string,
  patch: CampaignPatch,
): Promise<CampaignRow | undefined> {
  const { baseline, ...fields } = patch;
  const [row] = await q
    .update(campaigns)
    .set({ ...fields, ...baselineColumns(baseline), updatedAt: new Date() })
    .where(and(eq(campaigns.orgId, orgId), eq(campaigns.id, id)))
    .returning();
  return row && campaignView(row);
}

export async function deleteCampaign(q: Queryable, orgId: string, id: string): Promise<boolean> {
  const rows = await q
    .delete(campaigns)
    .where(and(eq(campaigns.orgId, orgId), eq(campaigns.id, id)))
    .returning({ id: campaigns.id });
  return rows.length > 0;
}

/** The newest run of `kind` for a campaign that is still running or waiting at a gate, if any. */
export async function findActiveCampaignRun(
  q: Queryable,
  orgId: string,
  campaignId: string,
  kind: WorkflowKind,
): Promise<WorkflowRunRow | undefined> {
  const [row] = await q
    .select()
    .from(workflowRuns)
    .where(
      and(
        eq(workflowRuns.orgId, orgId),
        eq(workflowRuns.campaignId, campaignId),
        eq(workflowRuns.kind, kind),
        inArray(workflowRuns.status, ['running', 'waiting_for_approval']),
      ),
    )
    .orderBy(desc(workflowRuns.startedAt))
    .limit(1);
  return row;
}
