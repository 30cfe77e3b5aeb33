import { and, eq } from 'drizzle-orm';
import type { ConnectorPullSummary } from '../contracts/experiments';
import type { Queryable } from '../db-type';
import { adConnectors } from '../schema/experiments';

/** A client's ad platform connections (settings carry the token's secret NAME, never a token). */
export type AdConnectorRow = typeof adConnectors.$inferSelect;
export type AdPlatform = 'meta';

export async function getAdConnector(
  q: Queryable,
  orgId: string,
  clientId: string,
  platform: AdPlatform,
): Promise<AdConnectorRow | undefined> {
  const [row] = await q
    .select()
    .from(adConnectors)
    .where(
      and(
        eq(adConnectors.orgId, orgId),
        eq(adConnectors.clientId, clientId),
        eq(adConnectors.platform, platform),
      ),
    );
  return row;
}

/** Creates or replaces the client's connector of a platform; `created` tells which happened. */
export async function upsertAdConnector(
  q: Queryable,
  orgId: string,
  input: { clientId: string; platform: AdPlatform; settings: unknown; enabled: boolean },
): Promise<{ row: AdConnectorRow; created: boolean }> {
  const before = await getAdConnector(q, orgId, input.clientId, input.platform);
  const [row] = await q
    .insert(adConnectors)
    .values({ orgId, ...input })
    .onConflictDoUpdate({
      target: [adConnectors.clientId, adConnectors.platform],
      set: { settings: input.settings, enabled: input.enabled, updatedAt: new Date() },
      // The unique key has no org: a client id of another org must never reach its row.
      setWhere: eq(adConnectors.orgId, orgId),
    })
    .returning();
  if (!row) throw new Error('ad connector upsert returned no row');
  return { row, created: !before };
}

export async function deleteAdConnector(
  q: Queryable,
  orgId: string,
  clientId: string,
  platform: AdPlatform,
): Promise<boolean> {
  const rows = await q
    .delete(adConnectors)
    .where(
      and(
        eq(adConnectors.orgId, orgId),
        eq(adConnectors.clientId, clientId),
        eq(adConnectors.platform, platform),
      ),
    )
    .returning({ id: adConnectors.id });
  return rows.length > 0;
}

/**
 * Stamps a pull's outcome on the connector. `at` is null for a failed pull: `last_pulled_at` stays the last pull
 * that landed, so the next one starts from there.
 */
export async function recordConnectorPull(
  q: Queryable,
  orgId: string,
  id: string,
  pull: { at: Date | null; result: ConnectorPullSummary },
): Promise<void> {
  await q
    .update(adConnectors)
    .set({ ...(pull.at ? { lastPulledAt: pull.at } : {}), lastResult: pull.result })
    .where(and(eq(adConnectors.orgId, orgId), eq(adConnectors.id, id)));
}
