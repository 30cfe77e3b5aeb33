import { and, desc, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../db-type';
import { clients } from '../schema/clients';
import { onboardingPayloads } from '../schema/onboarding-payloads';

export type OnboardingPayloadRow = typeof onboardingPayloads.$inferSelect;

export async function createOnboardingPayload(
  q: Queryable,
  orgId: string,
  input: { clientId: string; data: unknown; createdBy: string | null },
): Promise<OnboardingPayloadRow> {
  const [row] = await q
    .insert(onboardingPayloads)
    .values({ ...input, orgId })
    .returning();
  if (!row) throw new Error('onboarding payload insert returned no row');
  return row;
}

export async function getLatestOnboardingPayload(
  q: Queryable,
  orgId: string,
  clientId: string,
): Promise<OnboardingPayloadRow | undefined> {
  const [row] = await q
    .select()
    .from(onboardingPayloads)
    .where(and(eq(onboardingPayloads.orgId, orgId), eq(onboardingPayloads.clientId, clientId)))
    .orderBy(desc(onboardingPayloads.createdAt), desc(onboardingPayloads.id))
    .limit(1);
  return row;
}

/** The best client-level artifact of one type: the latest approved one, else the latest draft. */
export interface ReadinessArtifact {
  id: string;
  version: number;
  status: 'approved' | 'draft';
}

export interface ClientReadinessRow {
  clientId: string;
  clientCanon: ReadinessArtifact | null;
  metricSchema: ReadinessArtifact | null;
}

/** Explicit aliases: drizzle renders column refs unqualified in a single-table select, which would mis-bind here. */
const bestArtifact = (type: 'client_canon' | 'metric_schema') => sql<ReadinessArtifact | null>`(
  select json_build_object('id', a.id, 'version', a.version, 'status', a.status)
  from artifacts a
  where a.org_id = "clients"."org_id"
    and a.client_id = "clients"."id"
    and a.campaign_id is null
    and a.type = ${type}
    and a.status in ('approved', 'draft')
  order by (a.status = 'approved') desc, a.version desc
  limit 1
)`;

/**
 * What campaign planning needs of a client (approved client canon and metric schema), in one statement.
 * Undefined when the client is not in the org.
 */
export async function getClientReadiness(
  q: Queryable,
  orgId: string,
  clientId: string,
): Promise<ClientReadinessRow | undefined> {
  const [row] = await q
    .select({
      clientId: clients.id,
      clientCanon: bestArtifact('client_canon'),
      metricSchema: bestArtifact('metric_schema'),
    })
    .from(clients)
    .where(and(eq(clients.orgId, orgId), eq(clients.id, clientId)))
    .limit(1);
  return row;
}
