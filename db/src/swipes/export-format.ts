import * as z from 'zod';

/**
 * The ad-library export an agency imports into its swipe library (reference §2.2 items 11–13): one object per
 * ad, snake_case as the external tool writes it, with its brand and media nested. Zod only, so the web can
 * import it too. Every optional field also accepts null, because exports write absent values as null.
 */

const messages = (what: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : `must be ${what}`),
});

/** External ids: strings, or integers small enough to survive JSON (larger ones must be sent as strings). */
const ExternalId = z
  .union(
    [
      z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
      z.number().int(),
    ],
    messages('a string or an integer'),
  )
  .transform(String);

const text = (max: number) =>
  z.string(messages('a string')).max(max, `must be at most ${max} characters`).nullish();
const int = (min: number, max: number) =>
  z
    .number(messages('an integer'))
    .int('must be an integer')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`)
    .nullish();
const bool = z.boolean(messages('true or false')).nullish();
const json = z.json(messages('JSON')).nullish();
const date = z.iso.date('must be a date in YYYY-MM-DD form').nullish();

/** Links end up in href/src attributes of the web app, so only http(s) is accepted (no javascript: URLs). */
const link = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
  .max(4096, 'must be at most 4096 characters')
  .nullish();

const INT_MAX = 2_147_483_647;

export const ExportBrand = z.object({
  id: ExternalId,
  name: z
    .string(messages('a string'))
    .trim()
    .min(1, 'must not be empty')
    .max(300, 'must be at most 300 characters'),
  slug: text(300),
  ad_library_link: link,
  brand_page_link: link,
  logo_url: link,
  categories: z
    .array(z.string(messages('a string')).trim().min(1).max(100), messages('a list of strings'))
    .max(50, 'must have at most 50 categories')
    .nullish(),
});
export type ExportBrand = z.infer<typeof ExportBrand>;

export const ExportMedia = z.object({
  id: ExternalId,
  path: text(2048),
  url: link,
  thumbnail_path: text(2048),
  thumbnail_url: link,
  disk: text(100),
  type: text(50),
  mime_type: text(200),
  size: z.number(messages('an integer')).int('must be an integer').min(0, 'must be at least 0').nullish(),
  video_length: int(0, 86_400),
  download_url: link,
});
export type ExportMedia = z.infer<typeof ExportMedia>;

/**
 * One ad. Unknown keys are tolerated (and kept, since the raw object is stored in ad_library_object) so a
 * newer export with extra fields still imports; declared fields are checked strictly.
 */
export const ExportAd = z
  .object({
    id: ExternalId,
    platform_ad_id: ExternalId.nullish(),
    brand: ExportBrand,
    title: text(2000),
    body: text(20_000),
    platforms: z
      .union(
        [z.string().max(500), z.array(z.string().trim().min(1).max(60)).max(20)],
        messages('a string or a list of strings'),
      )
      .nullish(),
    cta_type: text(100),
    cta_text: text(300),
    display_format: text(50),
    landing_page: link,
    link_description: text(2000),
    ad_source_link: link,
    start_date: date,
    end_date: date,
    days_active: int(0, 100_000),
    active_in_library: bool,
    active: bool,
    used_count: int(0, INT_MAX),
    saved_count: int(0, INT_MAX),
    likes: int(0, INT_MAX),
    winning_score: int(-INT_MAX, INT_MAX),
    winning_score_data: json,
    performance_score: int(-INT_MAX, INT_MAX),
    performance_score_data: json,
    age_audience_min: int(0, 150),
    age_audience_max: int(0, 150),
    gender_audience: text(50),
    eu_total_reach: z.number(messages('a number')).min(0, 'must be at least 0').nullish(),
    ad_spend_range_score: int(-INT_MAX, INT_MAX),
    ad_spend_range_score_data: json,
    added_human_time: text(100),
    added_by_user_human_time: text(100),
    saved_by_this_user: bool,
    is_aaa_eligible: bool,
    is_saved: bool,
    is_used: bool,
    is_liked: bool,
    share_url: link,
    embed_url: link,
    ad_script: json,
    ad_reach_by_location: json,
    ad_spend: json,
    media: z.array(ExportMedia, messages('a list')).max(100, 'must have at most 100 items').nullish(),
  })
  .superRefine((ad, ctx) => {
    if (ad.start_date && ad.end_date && ad.end_date < ad.start_date) {
      ctx.addIssue({ code: 'custom', path: ['end_date'], message: 'must not be before start_date' });
    }
    const { age_audience_min: min, age_audience_max: max } = ad;
    if (min != null && max != null && max < min) {
      ctx.addIssue({
        code: 'custom',
        path: ['age_audience_max'],
        message: 'must not be below age_audience_min',
      });
    }
    const seen = new Set<string>();
    for (const [i, m] of (ad.media ?? []).entries()) {
      if (seen.has(m.id))
        ctx.addIssue({ code: 'custom', path: ['media', i, 'id'], message: 'is a duplicate media id' });
      seen.add(m.id);
    }
  });
export type ExportAd = z.infer<typeof ExportAd>;

/** The file: only `ads` is read; other top-level keys (export date, tool name, …) are ignored. */
export const AdLibraryExport = z.object({
  ads: z.array(z.unknown(), messages('a list of ads')),
});
export type AdLibraryExport = z.infer<typeof AdLibraryExport>;

/** Platforms are stored comma-joined, lower-case and de-duplicated, so filters match one spelling. */
export function normalizePlatforms(value: string | string[] | null | undefined): string | null {
  if (value == null) return null;
  const parts = (Array.isArray(value) ? value : value.split(','))
    .map((p) => p.trim().toLowerCase())
    .filter((p) => p.length > 0);
  const unique = [...new Set(parts)];
  return unique.length > 0 ? unique.join(',') : null;
}

export interface RowRejection {
  index: number;
  externalId: string | null;
  reasons: string[];
}

export type ParsedRow =
  | { ok: true; index: number; raw: Record<string, unknown>; ad: ExportAd }
  | { ok: false; rejection: RowRejection };

/** The id of a row, if it has a usable one, so a rejection can name the ad even when other fields are bad. */
function externalIdOf(raw: unknown): string | null {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const id = (raw as Record<string, unknown>).id;
  if (typeof id === 'string' && id.trim().length > 0) return id.trim().slice(0, 200);
  if (typeof id === 'number' && Number.isSafeInteger(id)) return String(id);
  return null;
}

const MAX_REASONS = 20;

/** Parses one row; a malformed row becomes a rejection naming each bad field (path: message). */
export function parseExportRow(raw: unknown, index: number): ParsedRow {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, rejection: { index, externalId: null, reasons: ['(row): must be an object'] } };
  }
  const parsed = ExportAd.safeParse(raw);
  if (parsed.success) return { ok: true, index, raw: raw as Record<string, unknown>, ad: parsed.data };
  const reasons = parsed.error.issues
    .slice(0, MAX_REASONS)
    .map((i) => `${i.path.length > 0 ? i.path.map(String).join('.') : '(row)'}: ${i.message}`);
  return { ok: false, rejection: { index, externalId: externalIdOf(raw), reasons } };
}
