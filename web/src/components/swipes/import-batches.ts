/** Ads per import request: small enough for steady progress, large enough to keep the request count low. */
export const IMPORT_BATCH_SIZE = 200;

export interface ImportRejection {
  index: number;
  externalId: string | null;
  reasons: string[];
}

export interface ImportTotals {
  total: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: ImportRejection[];
}

/** What the server answers for one batch (extra counts such as brands and media are ignored here). */
export type BatchReport = ImportTotals;

/** Reads an ad-library export file; the envelope must be an object with an `ads` list. */
export function parseExport(text: string): { envelope: Record<string, unknown>; ads: unknown[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error('The file is not valid JSON.');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error('The file is not an ad-library export: expected an object with an "ads" list.');
  }
  const { ads, ...envelope } = parsed as Record<string, unknown>;
  if (!Array.isArray(ads)) throw new Error('The file has no "ads" list.');
  return { envelope, ads };
}

/**
 * Imports the ads batch by batch, reporting progress after each, and sums the reports. Row indexes in the
 * server's report are relative to the batch; they are shifted back to positions in the file.
 */
export async function importInBatches(
  ads: readonly unknown[],
  send: (batch: unknown[]) => Promise<BatchReport>,
  onProgress: (done: number, total: number) => void,
  batchSize = IMPORT_BATCH_SIZE,
): Promise<ImportTotals> {
  const totals: ImportTotals = { total: 0, inserted: 0, updated: 0, unchanged: 0, rejected: [] };
  onProgress(0, ads.length);
  for (let start = 0; start < ads.length; start += batchSize) {
    const batch = ads.slice(start, start + batchSize);
    const r = await send(batch);
    totals.total += r.total;
    totals.inserted += r.inserted;
    totals.updated += r.updated;
    totals.unchanged += r.unchanged;
    for (const row of r.rejected) totals.rejected.push({ ...row, index: row.index + start });
    onProgress(Math.min(start + batch.length, ads.length), ads.length);
  }
  return totals;
}
