import * as z from 'zod';
import { Cursor, Id, Limit, nullableText, Tag } from './common';

/** Lower-case slugs as the import stores them, e.g. "facebook", "audience_network", "carousel". */
const Slug = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9_]{1,40}$/, 'must be 1-40 letters, digits or _');

/** Links end up in href/src attributes in the web app: http(s) only. */
const HttpUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
  .max(2048, 'must be at most 2048 characters');

export const SwipeBrandList = z.strictObject({
  search: z.string().trim().max(200, 'must be at most 200 characters').optional(),
  cursor: Cursor,
  limit: Limit,
});
export type SwipeBrandList = z.infer<typeof SwipeBrandList>;

export const CompanySwipeList = z.strictObject({
  /** Full-text query in web-search syntax over title, body and link description. */
  q: z.string().trim().max(300, 'must be at most 300 characters').optional(),
  platform: Slug.optional(),
  /** The display format: image, video, carousel, … */
  format: Slug.optional(),
  brandId: Id.optional(),
  active: z.boolean().optional(),
  cursor: Cursor,
  limit: Limit,
});
export type CompanySwipeList = z.infer<typeof CompanySwipeList>;

export const SwipeById = z.strictObject({ id: Id });
export type SwipeById = z.infer<typeof SwipeById>;

/** Rows per import request; the 16 MB body limit on this route is the other bound. */
export const MAX_IMPORT_ADS = 10_000;

/**
 * The ad-library export as uploaded. Only the envelope is checked here: rows are validated one by one by
 * the import, so one malformed ad is reported instead of failing the whole file. Extra top-level keys
 * (export date, tool name) are allowed because external exports carry them.
 */
export const CompanySwipeImport = z.strictObject({
  export: z.looseObject({
    ads: z.array(z.unknown()).max(MAX_IMPORT_ADS, `must have at most ${MAX_IMPORT_ADS} ads per import`),
  }),
});
export type CompanySwipeImport = z.infer<typeof CompanySwipeImport>;

export const ClientSwipeList = z.strictObject({
  clientId: Id,
  tag: Tag.optional(),
  /** true: only good examples; false: only those not marked good. */
  good: z.boolean().optional(),
  cursor: Cursor,
  limit: Limit,
});
export type ClientSwipeList = z.infer<typeof ClientSwipeList>;

export const CustomMedia = z.strictObject({
  url: HttpUrl,
  type: z.enum(['image', 'video']).optional(),
  thumbnailUrl: HttpUrl.nullish(),
});
export type CustomMedia = z.infer<typeof CustomMedia>;

const Tags = z
  .array(Tag)
  .max(20, 'at most 20 tags')
  .transform((tags) => [...new Set(tags)]);

const swipeFields = {
  companySwipeId: Id.nullish(),
  customTitle: nullableText(500),
  customBody: nullableText(10_000),
  customChannel: nullableText(60),
  customFormat: nullableText(60),
  customLandingPage: HttpUrl.nullish(),
  customMedia: z.array(CustomMedia).max(20, 'at most 20 media items').nullish(),
  notes: nullableText(5000),
};

/** One place for the rule both save and update enforce on the merged result. */
export const GOOD_AND_BAD = 'cannot be set together with isGoodExample';
export const NEEDS_CONTENT = 'is required when there is no companySwipeId and no customBody';

export const ClientSwipeSave = z
  .strictObject({
    clientId: Id,
    ...swipeFields,
    tags: Tags.default([]),
    isGoodExample: z.boolean().default(false),
    isBadExample: z.boolean().default(false),
  })
  .superRefine((v, ctx) => {
    if (v.isGoodExample && v.isBadExample)
      ctx.addIssue({ code: 'custom', path: ['isBadExample'], message: GOOD_AND_BAD });
    if (!v.companySwipeId && !v.customTitle && !v.customBody) {
      ctx.addIssue({ code: 'custom', path: ['customTitle'], message: NEEDS_CONTENT });
    }
  });
export type ClientSwipeSave = z.infer<typeof ClientSwipeSave>;

/** Omitted fields stay as they are; null clears a field. */
export const ClientSwipeUpdate = z
  .strictObject({
    id: Id,
    ...swipeFields,
    tags: Tags.optional(),
    isGoodExample: z.boolean().optional(),
    isBadExample: z.boolean().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.isGoodExample && v.isBadExample)
      ctx.addIssue({ code: 'custom', path: ['isBadExample'], message: GOOD_AND_BAD });
  });
export type ClientSwipeUpdate = z.infer<typeof ClientSwipeUpdate>;
