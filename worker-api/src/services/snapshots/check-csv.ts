import {
  getClient,
  getExperiment,
  type LinkedAsset,
  type PlatformSnapshotMetrics,
  resolveClientAssets,
  resolvePlatformAds,
} from '@mos/db';
import type { CsvRowError, SnapshotCsvField, SnapshotCsvMapping } from '@mos/db/contracts';
import { DomainError } from '../../errors';
import type { SnapshotPreviewCsv } from '../../schemas/snapshots';
import type { ServiceCtx } from '../context';

/**
 * Checks every row of a parsed CSV upload against its column mapping: days as YYYY-MM-DD (a window's end not
 * before its start), counts as whole numbers, money as plain numbers (an empty cell is 0, as ad exports leave
 * them), each row's ad linked to (or asset id of) an asset of the client, no window twice. Errors name the row's
 * line and the field.
 */
export interface CheckedRow {
  line: number;
  values: Record<string, string | number | null>;
  assetId: string | null;
  armId: string | null;
  error: string | null;
  /** Set when the row is valid. */
  snapshot: { asset: LinkedAsset; timeFrom: Date; timeTo: Date; metrics: PlatformSnapshotMetrics } | null;
}

const METRICS = ['impressions', 'clicks', 'conversions', 'spend', 'revenue'] as const;
const COUNTS = new Set(['impressions', 'clicks', 'conversions']);
const DAY_MS = 86_400_000;

/** Header names (lower case, letters and digits only) each field is suggested from, best first. */
const SUGGEST: Record<SnapshotCsvField, string[]> = {
  date: ['date', 'day', 'reportingstarts', 'datestart', 'startdate', 'start'],
  dateTo: ['reportingends', 'datestop', 'dateend', 'enddate', 'end'],
  adId: ['adid', 'metaadid', 'facebookadid'],
  assetId: ['assetid', 'mosassetid'],
  impressions: ['impressions'],
  clicks: ['linkclicks', 'clicks', 'clicksall', 'outboundclicks'],
  conversions: ['conversions', 'results', 'purchases', 'websitepurchases', 'leads'],
  spend: ['spend', 'amountspent', 'cost'],
  revenue: ['revenue', 'purchasesconversionvalue', 'conversionvalue', 'value'],
};
const norm = (h: string) => h.toLowerCase().replace(/[^a-z0-9]/g, '');

/** A mapping from the header names (exact names first, then prefixes such as "Amount spent (USD)"). */
export function suggestMapping(headers: string[], firstRow?: Record<string, string>): SnapshotCsvMapping {
  const taken = new Set<string>();
  const pick = (field: SnapshotCsvField) => {
    for (const exact of [true, false]) {
      for (const c of SUGGEST[field]) {
        const h = headers.find((x) => !taken.has(x) && (exact ? norm(x) === c : norm(x).startsWith(c)));
        if (h) {
          taken.add(h);
          return h;
        }
      }
    }
    return null;
  };
  const mapping = Object.fromEntries(
    (Object.keys(SUGGEST) as SnapshotCsvField[]).map((f) => [f, pick(f)]),
  ) as Omit<SnapshotCsvMapping, 'attributionWindow'>;
  // Ads Manager exports say e.g. "7-day click or 1-day view" in an "Attribution setting" column.
  const setting = headers.find((h) => norm(h).startsWith('attribution'));
  const windows = [...(firstRow?.[setting ?? ''] ?? '').matchAll(/(\d+)-day (click|view)/gi)].map(
    (m) => `${m[1]}d_${m[2]?.toLowerCase()}`,
  );
  return { ...mapping, date: mapping.date ?? '', attributionWindow: windows.join(',') || null };
}

function parseNumber(cell: string, count: boolean): number | string {
  const t = cell.trim().replace(/^[$€£]\s*/, '');
  if (t === '') return 0;
  const plain = /^\d{1,3}(,\d{3})+(\.\d+)?$/.test(t) ? t.replaceAll(',', '') : t;
  if (!/^-?\d*\.?\d+$/.test(plain)) return 'must be a number such as 1234.56';
  const n = Number(plain);
  if (n < 0) return 'must not be negative';
  if (count && !Number.isInteger(n)) return 'must be a whole number';
  return n;
}

function parseDay(cell: string): Date | null {
  const t = cell.trim();
  const d = new Date(`${t}T00:00:00.000Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(t) && !Number.isNaN(d.getTime()) && d.toISOString().startsWith(t)
    ? d
    : null;
}

/** Checks the client (and experiment), the mapping against the headers, then every row. */
export async function checkCsv(ctx: ServiceCtx, input: SnapshotPreviewCsv, given: SnapshotCsvMapping | null) {
  const orgId = ctx.member.orgId;
  const [client, experiment] = await Promise.all([
    getClient(ctx.db, orgId, input.clientId),
    input.experimentId ? getExperiment(ctx.db, orgId, input.experimentId) : null,
  ]);
  if (!client) throw DomainError.notFound('client');
  if (input.experimentId && experiment?.clientId !== client.id) throw DomainError.notFound('experiment');
  const mapping = given ?? suggestMapping(input.headers, input.rows[0]?.cells);
  // Mapping problems are errors of the header line: a suggested mapping comes back for the person to finish.
  const headerErrors: CsvRowError[] = [];
  const headerError = (f: string, message: string) =>
    headerErrors.push({ line: 1, field: `mapping.${f}`, message });
  for (const f of [...METRICS, 'date', 'dateTo', 'adId', 'assetId'] as const) {
    const h = mapping[f];
    if (h !== null && !input.headers.includes(h))
      headerError(f, h ? `the file has no column "${h}"` : 'map a column');
  }
  if (!mapping.adId && !mapping.assetId) headerError('adId', 'map a column of ad ids or of asset ids');
  if (!METRICS.some((f) => mapping[f])) headerError('impressions', 'map at least one number column');
  if (headerErrors.length > 0)
    return { mapping, rows: [] as CheckedRow[], errors: headerErrors, validRows: 0 };

  const cell = (cells: Record<string, string>, f: SnapshotCsvField) => {
    const h = mapping[f];
    return h ? (cells[h] ?? '').trim() : '';
  };
  const [byAd, byAsset] = await Promise.all([
    mapping.adId
      ? resolvePlatformAds(ctx.db, orgId, {
          clientId: client.id,
          platform: 'meta',
          externalAdIds: input.rows.map((r) => cell(r.cells, 'adId')).filter(Boolean),
        })
      : new Map<string, LinkedAsset>(),
    mapping.assetId
      ? resolveClientAssets(ctx.db, orgId, {
          clientId: client.id,
          assetIds: input.rows
            .map((r) => cell(r.cells, 'assetId'))
            .filter((id) => /^[0-9a-f-]{36}$/i.test(id)),
        })
      : new Map<string, LinkedAsset>(),
  ]);

  const errors: CsvRowError[] = [];
  const seen = new Map<string, number>();
  const rows: CheckedRow[] = input.rows.map(({ line, cells }) => {
    const problems: CsvRowError[] = [];
    const fail = (field: string, message: string, reason?: CsvRowError['reason']) =>
      problems.push({ line, field, message, ...(reason ? { reason } : {}) });
    const values: CheckedRow['values'] = {};
    const metrics = { impressions: 0, clicks: 0, conversions: 0, spend: 0, revenue: 0 };
    for (const f of METRICS) {
      if (!mapping[f]) continue;
      const raw = cell(cells, f);
      const v = parseNumber(raw, COUNTS.has(f));
      // A cell that does not read as a number is shown as written, next to its error.
      values[f] = typeof v === 'string' ? raw : v;
      if (typeof v === 'string') fail(f, v);
      else metrics[f] = v;
    }
    const from = parseDay(cell(cells, 'date'));
    values.date = cell(cells, 'date');
    if (!from) fail('date', 'must be a day as YYYY-MM-DD');
    let to = from;
    if (mapping.dateTo) {
      values.dateTo = cell(cells, 'dateTo');
      to = parseDay(values.dateTo);
      if (!to) fail('dateTo', 'must be a day as YYYY-MM-DD');
      else if (from && to < from) fail('dateTo', 'must not be before the start day');
    }
    const assetCell = cell(cells, 'assetId');
    const adCell = cell(cells, 'adId');
    const field = assetCell ? 'assetId' : 'adId';
    if (mapping.adId) values.adId = adCell;
    if (mapping.assetId) values.assetId = assetCell;
    const asset = assetCell ? byAsset.get(assetCell.toLowerCase()) : adCell ? byAd.get(adCell) : undefined;
    if (!assetCell && !adCell) fail(mapping.adId ? 'adId' : 'assetId', 'is empty');
    else if (!asset) {
      if (assetCell) fail(field, 'is not an asset of this client');
      else fail(field, 'is not linked to an asset of this client', 'ad_not_linked');
    } else if (experiment && asset.experimentId !== experiment.id) fail(field, 'is not in this experiment');
    if (asset && from && to) {
      const key = `${asset.assetId}|${from.getTime()}|${to.getTime()}`;
      const first = seen.get(key);
      if (first !== undefined) fail('date', `the same asset and days as line ${first}`);
      else seen.set(key, line);
    }
    errors.push(...problems);
    return {
      line,
      values,
      assetId: asset?.assetId ?? null,
      armId: asset?.armId ?? null,
      error: problems[0] ? `${problems[0].field}: ${problems[0].message}` : null,
      snapshot:
        problems.length === 0 && asset && from && to
          ? { asset, timeFrom: from, timeTo: new Date(to.getTime() + DAY_MS), metrics }
          : null,
    };
  });
  return { mapping, rows, errors, validRows: rows.filter((r) => r.snapshot).length };
}
