import { eq, sql } from 'drizzle-orm';
import type { ArtifactSource, ArtifactStatus } from '../artifacts/index';
import type { Queryable } from '../db-type';
import { orgs } from '../schema/orgs';

export interface PlaybookArtifact {
  id: string;
  clientId: string | null;
  version: number;
  status: ArtifactStatus;
  source: ArtifactSource;
  /** The stored Playbook document (validated on write). */
  data: unknown;
  workflowRunId: string | null;
  createdByUser: string | null;
  createdAt: string;
  approvedAt: string | null;
}

export interface PlaybookSourceReport {
  id: string;
  clientId: string | null;
  campaignId: string | null;
  campaignName: string | null;
  version: number;
  createdAt: string;
}

export interface PlaybookLookup {
  /** False when a clientId was given and names no client of the org. */
  clientFound: boolean;
  playbook: PlaybookArtifact | null;
  sourceReports: PlaybookSourceReport[];
}

const clientMatch = (clientId: string | null) =>
  clientId === null
    ? sql`p.client_id is null and p.campaign_id is null`
    : sql`p.client_id = ${clientId} and p.campaign_id is null`;

const iso = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * The playbook of a client (or the org-wide one, clientId null) — the latest approved version, else the latest
 * draft — with the experiment reports its sections cite, in one statement. The query runs from the org's own row
 * so it always yields exactly one row, carrying the client check even when there is no playbook yet.
 */
export async function getPlaybook(
  q: Queryable,
  orgId: string,
  clientId: string | null,
): Promise<PlaybookLookup> {
  const [row] = await q
    .select({
      clientFound:
        clientId === null
          ? sql<boolean>`true`
          : sql<boolean>`exists(select 1 from clients c where c.org_id = ${orgId} and c.id = ${clientId})`,
      found: sql<{ playbook: PlaybookArtifact; sourceReports: PlaybookSourceReport[] } | null>`(
        with latest as (
          select p.* from artifacts p
          where p.org_id = ${orgId} and p.type = 'playbook' and ${clientMatch(clientId)}
            and p.status in ('approved', 'draft')
          order by (p.status = 'approved') desc, p.version desc, p.created_at desc
          limit 1
        )
        select json_build_object(
          'playbook', json_build_object(
            'id', l.id, 'clientId', l.client_id, 'version', l.version, 'status', l.status, 'source', l.source,
            'data', l.data, 'workflowRunId', l.workflow_run_id, 'createdByUser', l.created_by_user,
            'createdAt', ${sql.raw(iso('l.created_at'))}, 'approvedAt', ${sql.raw(iso('l.approved_at'))}
          ),
          'sourceReports', (
            select coalesce(json_agg(json_build_object(
              'id', r.id, 'clientId', r.client_id, 'campaignId', r.campaign_id, 'campaignName', cp.name,
              'version', r.version, 'createdAt', ${sql.raw(iso('r.created_at'))}
            ) order by r.created_at desc, r.id desc), '[]'::json)
            from artifacts r
            left join campaigns cp on cp.id = r.campaign_id and cp.org_id = r.org_id
            where r.org_id = ${orgId} and r.type = 'experiment_report'
              and r.id::text in (
                select jsonb_array_elements_text(s.section -> 'sourceReportIds')
                from jsonb_array_elements(
                  case when jsonb_typeof(l.data -> 'sections') = 'array' then l.data -> 'sections' else '[]'::jsonb end
                ) as s(section)
                where jsonb_typeof(s.section -> 'sourceReportIds') = 'array'
              )
          )
        )
        from latest l)`,
    })
    .from(orgs)
    .where(eq(orgs.id, orgId))
    .limit(1);
  return {
    clientFound: row?.clientFound ?? false,
    playbook: row?.found?.playbook ?? null,
    sourceReports: row?.found?.sourceReports ?? [],
  };
}

export interface PlaybookEditCheck {
  clientFound: boolean;
  /** Of the asked ids, those that are experiment_report artifacts of the org. */
  reportIds: string[];
  /** The highest playbook version of this client (or of the org-wide playbook); 0 when there is none. */
  latestVersion: number;
}

/**
 * Checks, in one statement, the client of a playbook edit, which cited report ids are the org's reports, and the
 * playbook's current version.
 */
export async function checkPlaybookEdit(
  q: Queryable,
  orgId: string,
  clientId: string | null,
  reportIds: string[],
): Promise<PlaybookEditCheck> {
  const [row] = await q
    .select({
      clientFound:
        clientId === null
          ? sql<boolean>`true`
          : sql<boolean>`exists(select 1 from clients c where c.org_id = ${orgId} and c.id = ${clientId})`,
      reportIds:
        reportIds.length === 0
          ? sql<string[]>`'{}'::text[]`
          : sql<string[]>`coalesce((
              select array_agg(r.id::text) from artifacts r
              where r.org_id = ${orgId} and r.type = 'experiment_report'
                and r.id::text in (${sql.join(
                  reportIds.map((id) => sql`${id}`),
                  sql`, `,
                )})), '{}')`,
      latestVersion: sql<number>`(
        select coalesce(max(p.version), 0) from artifacts p
        where p.org_id = ${orgId} and p.type = 'playbook' and ${clientMatch(clientId)})`.mapWith(Number),
    })
    .from(orgs)
    .where(eq(orgs.id, orgId))
    .limit(1);
  return {
    clientFound: row?.clientFound ?? false,
    reportIds: row?.reportIds ?? [],
    latestVersion: row?.latestVersion ?? 0,
  };
}
