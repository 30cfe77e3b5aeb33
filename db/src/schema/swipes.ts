import { type SQL, sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { clients } from './clients';
import { createdAt, id, orgId, updatedAt } from './columns';
import { mediaObjects } from './media';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const companySwipeBrands = pgTable(
  'company_swipe_brands',
  {
    id: id(),
    orgId: orgId(),
    externalBrandId: text('external_brand_id'),
    name: text('name').notNull(),
    slug: text('slug'),
    adLibraryLink: text('ad_library_link'),
    brandPageLink: text('brand_page_link'),
    logoUrl: text('logo_url'),
    categories: jsonb('categories'),
    createdAt: createdAt(),
  },
  (t) => [unique('uq_swipe_brands_external').on(t.orgId, t.externalBrandId)],
);

export const companySwipeAssets = pgTable(
  'company_swipe_assets',
  {
    id: id(),
    orgId: orgId(),
    externalAdId: text('external_ad_id'),
    externalPlatformAdId: text('external_platform_ad_id'),
    brandId: uuid('brand_id').references(() => companySwipeBrands.id, { onDelete: 'set null' }),
    title: text('title'),
    body: text('body'),
    platforms: text('platforms'),
    ctaType: text('cta_type'),
    ctaText: text('cta_text'),
    displayFormat: text('display_format'),
    landingPage: text('landing_page'),
    linkDescription: text('link_description'),
    adSourceLink: text('ad_source_link'),
    startDate: date('start_date'),
    endDate: date('end_date'),
    daysActive: integer('days_active'),
    activeInLibrary: boolean('active_in_library'),
    active: boolean('active'),
    usedCount: integer('used_count'),
    savedCount: integer('saved_count'),
    likes: integer('likes'),
    winningScore: integer('winning_score'),
    winningScoreData: jsonb('winning_score_data'),
    performanceScore: integer('performance_score'),
    performanceScoreData: jsonb('performance_score_data'),
    ageAudienceMin: integer('age_audience_min'),
    ageAudienceMax: integer('age_audience_max'),
    genderAudience: text('gender_audience'),
    euTotalReach: numeric('eu_total_reach', { mode: 'number' }),
    adSpendRangeScore: integer('ad_spend_range_score'),
    adSpendRangeScoreData: jsonb('ad_spend_range_score_data'),
    addedHumanTime: text('added_human_time'),
    addedByUserHumanTime: text('added_by_user_human_time'),
    savedByThisUser: boolean('saved_by_this_user'),
    isAaaEligible: boolean('is_aaa_eligible'),
    isSaved: boolean('is_saved'),
    isUsed: boolean('is_used'),
    isLiked: boolean('is_liked'),
    shareUrl: text('share_url'),
    embedUrl: text('embed_url'),
    adScript: jsonb('ad_script'),
    adReachByLocation: jsonb('ad_reach_by_location'),
    adSpend: jsonb('ad_spend'),
    adLibraryObject: jsonb('ad_library_object'),
    /** Full-text search over title, body and link description, kept by Postgres itself. */
    search: tsvector('search').generatedAlwaysAs(
      (): SQL =>
        sql`to_tsvector('simple', coalesce(${companySwipeAssets.title}, '') || ' ' || coalesce(${companySwipeAssets.body}, '') || ' ' || coalesce(${companySwipeAssets.linkDescription}, ''))`,
    ),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('idx_swipe_assets_org').on(t.orgId, t.createdAt.desc(), t.id.desc()),
    index('idx_swipe_assets_brand').on(t.brandId),
    index('idx_swipe_assets_search').using('gin', t.search),
    unique('uq_swipe_assets_external').on(t.orgId, t.externalAdId),
  ],
);

export const companySwipeMedia = pgTable(
  'company_swipe_media',
  {
    id: id(),
    orgId: orgId(),
    swipeAssetId: uuid('swipe_asset_id')
      .notNull()
      .references(() => companySwipeAssets.id, { onDelete: 'cascade' }),
    externalMediaId: text('external_media_id'),
    path: text('path'),
    url: text('url'),
    thumbnailPath: text('thumbnail_path'),
    thumbnailUrl: text('thumbnail_url'),
    disk: text('disk'),
    type: text('type'),
    mimeType: text('mime_type'),
    sizeBytes: bigint('size_bytes', { mode: 'number' }),
    videoLength: integer('video_length'),
    downloadUrl: text('download_url'),
    /** The copy in MOS's media store (with its thumbnail) that the library serves; null until imported. */
    mediaId: uuid('media_id').references(() => mediaObjects.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('idx_swipe_media_asset').on(t.swipeAssetId),
    unique('uq_swipe_media_external').on(t.swipeAssetId, t.externalMediaId),
  ],
);

export const clientSwipeAssets = pgTable(
  'client_swipe_assets',
  {
    id: id(),
    orgId: orgId(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    companySwipeId: uuid('company_swipe_id').references(() => companySwipeAssets.id, {
      onDelete: 'set null',
    }),
    customTitle: text('custom_title'),
    customBody: text('custom_body'),
    customChannel: text('custom_channel'),
    customFormat: text('custom_format'),
    customLandingPage: text('custom_landing_page'),
    customMedia: jsonb('custom_media'),
    tags: text('tags').array().notNull().default([]),
    notes: text('notes'),
    isGoodExample: boolean('is_good_example').notNull().default(false),
    isBadExample: boolean('is_bad_example').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('idx_client_swipes_client').on(t.orgId, t.clientId, t.createdAt.desc(), t.id.desc())],
);
