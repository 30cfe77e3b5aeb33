import {
  getAdConnector,
  type PlatformSnapshotInput,
  readSecret,
  recordConnectorPull,
  resolvePlatformAds,
  upsertPlatformSnapshots,
} from '@mos/db';
import {
  type ConnectorPullErrorReason,
  type ConnectorPullSummary,
  META_ATTRIBUTION_WINDOWS,
  META_DEFAULT_CONVERSION_ACTIONS,
  MetaConnectorSettings,
} from '@mos/db/contracts';
import type { ActivityDeps } from '../deps';
import { withHeartbeat } from '../shared/heartbeat';
import { actionTotal, fetchAdInsights, MetaApiError, toNumber } from './meta-insights';

/** Days pulled by a connector's first pull, and the most one pull asks for. */
export const FIRST_PULL_DAYS = 28;
export const MAX_PULL_DAYS = 90;
const DAY_MS = 86_400_000;

export interface PullAdConnectorInput {
  orgId: string;
  clientId: string;
  /** Inclusive `YYYY-MM-DD` days; default: from the last pull (at least the trailing days) to today (UTC). */
  from?: string;
  to?: string;
}

const day = (d: Date) => d.toISOString().slice(0, 10);
const dayStart = (ymd: string) => new Date(`${ymd}T00:00:00.000Z`);

/** The days a pull asks for: the trailing window (late revisions), back to the last pull when it is older. */
export function pullWindow(
  now: Date,
  lastPulledAt: Date | null,
  trailingDays: number,
  asked: { from?: string; to?: string } = {},
): { from: string; to: string } {
  const to = asked.to ?? day(now);
  const toMs = dayStart(to).getTime();
  const trailingFrom = toMs - (trailingDays - 1) * DAY_MS;
  const computed = lastPulledAt
    ? Math.min(dayStart(day(lastPulledAt)).getTime(), trailingFrom)
    : toMs - (FIRST_PULL_DAYS - 1) * DAY_MS;
  const from = asked.from ?? day(new Date(Math.max(computed, toMs - (MAX_PULL_DAYS - 1) * DAY_MS)));
  return { from, to };
}

/**
 * Ad platform signals: `pullAdConnector` pulls a client's Meta insights (per ad and day, under the connector's
 * attribution windows) into performance snapshots of the linked assets. It returns a summary instead of throwing
 * for the platform's failures (bad token, throttling beyond the wait it accepts, outages), so a cycle poll goes on
 * with the data already stored; the summary is also recorded on the connector.
 */
export function signalActivities(deps: ActivityDeps) {
  const { db } = deps;
  const baseUrl = deps.forwarding?.metaGraphBaseUrl ?? 'https://graph.facebook.com';
  const log = deps.log ?? ((line: string) => console.log(line));

  return {
    async pullAdConnector(input: PullAdConnectorInput): Promise<ConnectorPullSummary> {
      const connector = await getAdConnector(db, input.orgId, input.clientId, 'meta');
      const now = deps.clock();
      const summary: ConnectorPullSummary = {
        from: input.from ?? day(now),
        to: input.to ?? day(now),
        pages: 0,
        rows: 0,
        inserted: 0,
        revised: 0,
        unmatchedAds: 0,
        waits: 0,
        error: null,
        errorReason: null,
      };
      const fail = async (reason: ConnectorPullErrorReason, error: string) => {
        summary.error = error;
        summary.errorReason = reason;
        if (connector)
          await recordConnectorPull(db, input.orgId, connector.id, { at: null, result: summary });
        log(`[signals] meta pull for client ${input.clientId} failed (${reason}): ${error}`);
        return summary;
      };
      if (!connector) return fail('no_connector', 'the client has no Meta connector');
      if (!connector.enabled) return fail('disabled', 'the Meta connector is disabled');
      const parsed = MetaConnectorSettings.safeParse(connector.settings);
      if (!parsed.success) return fail('settings_invalid', 'the Meta connector settings are invalid');
      const settings = parsed.data;
      Object.assign(summary, pullWindow(now, connector.lastPulledAt, settings.trailingDays, input));
      const windows = META_ATTRIBUTION_WINDOWS.filter((w) => settings.attributionWindows.includes(w));
      const actionTypes = settings.conversionActionTypes ?? [...META_DEFAULT_CONVERSION_ACTIONS];

      // The token is read at the last moment and lives only in this call; nothing logs or returns it.
      if (!deps.secretsKey) return fail('secret_missing', 'MOS_SECRETS_KEY is not set on the worker');
      const token = await readSecret(db, deps.secretsKey, input.orgId, settings.tokenSecret).catch(
        () => null,
      );
      if (!token)
        return fail('secret_missing', `the org has no readable secret named ${settings.tokenSecret}`);

      let pulled: Awaited<ReturnType<typeof fetchAdInsights>>;
      try {
        pulled = await withHeartbeat(() =>
          fetchAdInsights(
            {
              baseUrl,
              apiVersion: settings.apiVersion,
              adAccountId: settings.adAccountId,
              since: summary.from,
              until: summary.to,
              attributionWindows: windows,
            },
            token,
            deps.metaInsights,
          ),
        );
      } catch (err) {
        if (err instanceof MetaApiError) {
          summary.waits = err.waits;
          return fail(err.reason, err.message);
        }
        throw err;
      }
      summary.pages = pulled.pages;
      summary.rows = pulled.rows.length;
      summary.waits = pulled.waits;

      const linked = await resolvePlatformAds(db, input.orgId, {
        clientId: input.clientId,
        platform: 'meta',
        externalAdIds: pulled.rows.map((r) => r.ad_id),
      });
      const unmatched = new Set<string>();
      // Ads of one asset (the same creative in several ad sets) add up to one snapshot per day.
      const byWindow = new Map<string, PlatformSnapshotInput & { adIds: string[] }>();
      const attributionWindow = windows.join(',');
      for (const row of pulled.rows) {
        const asset = linked.get(row.ad_id);
        if (!asset) {
          unmatched.add(row.ad_id);
          continue;
        }
        const conversions = actionTotal(row.actions, actionTypes, windows);
        const revenue = conversions.type
          ? actionTotal(row.action_values, [conversions.type], windows).total
          : 0;
        const timeFrom = dayStart(row.date_start);
        const timeTo = new Date(dayStart(row.date_stop ?? row.date_start).getTime() + DAY_MS);
        const key = `${asset.assetId}|${row.date_start}|${row.date_stop}`;
        const snap = byWindow.get(key) ?? {
          assetId: asset.assetId,
          experimentId: asset.experimentId,
          timeFrom,
          timeTo,
          metrics: { impressions: 0, clicks: 0, conversions: 0, spend: 0, revenue: 0 },
          attributionWindow,
          sourceRef: null,
          adIds: [],
        };
        snap.metrics.impressions += toNumber(row.impressions);
        snap.metrics.clicks += toNumber(row.clicks);
        snap.metrics.conversions += conversions.total;
        snap.metrics.spend = Math.round((snap.metrics.spend + toNumber(row.spend)) * 100) / 100;
        snap.metrics.revenue = Math.round((snap.metrics.revenue + revenue) * 100) / 100;
        snap.adIds.push(row.ad_id);
        byWindow.set(key, snap);
      }
      summary.unmatchedAds = unmatched.size;
      const rows = [...byWindow.values()].map(({ adIds, ...snap }) => {
        const ids = [...new Set(adIds)].sort();
        return {
          ...snap,
          sourceRef: ids.join(','),
          segments: { platform: 'meta', adAccountId: settings.adAccountId, adIds: ids },
        };
      });
      await db.transaction(async (tx) => {
        const counts = await upsertPlatformSnapshots(tx, input.orgId, 'meta', rows, now);
        summary.inserted = counts.inserted;
        summary.revised = counts.revised;
        await recordConnectorPull(tx, input.orgId, connector.id, { at: now, result: summary });
      });
      log(
        `[signals] meta pull ${settings.adAccountId} for client ${input.clientId}: ${summary.from}..${summary.to}, ` +
          `${summary.pages} page(s), ${summary.rows} row(s), ${summary.inserted} new, ${summary.revised} revised, ` +
          `${summary.unmatchedAds} unlinked ad(s), ${summary.waits} wait(s)${pulled.malformed ? `, ${pulled.malformed} malformed row(s) dropped` : ''}`,
      );
      return summary;
    },
  };
}
