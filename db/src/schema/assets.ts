import { sql } from 'drizzle-orm';
import {
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { artifacts } from './artifacts';
import { campaigns } from './campaigns';
import { clients } from './clients';
import { createdAt, id, orgId, updatedAt } from './columns';
import { assetSourceType, assetStatus } from './enums';
import { experiments } from './experiments';

export const assets = pgTable(
  'assets',
  {
    id: id(),
    orgId: orgId(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    campaignId: uuid('campaign_id').references(() => campaigns.id, { onDelete: 'set null' }),
    experimentId: uuid('experiment_id').references(() => experiments.id, { onDelete: 'set null' }),
    assetBriefArtifactId: uuid('asset_brief_artifact_id').references(() => artifacts.id, {
      onDelete: 'set null',
    }),
    variantId: text('variant_id'),
    sourceType: assetSourceType('source_type').notNull(),
    status: assetStatus('status').notNull().default('draft'),
    channelId: text('channel_id').notNull(),
    format: text('format').notNull(),
    icpId: text('icp_id'),
    funnelStageId: text('funnel_stage_id'),
    conceptId: text('concept_id'),
    angleType: text('angle_type'),
    content: jsonb('content').notNull(),
    /** The asset's own QA outcome: { passed, issues[] } from brand and compliance checks. */
    qa: jsonb('qa'),
    qaReportArtifactId: uuid('qa_report_artifact_id').references(() => artifacts.id, {
      onDelete: 'set null',
    }),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true, precision: 3 }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('idx_assets_client_campaign').on(t.clientId, t.campaignId),
    index('idx_assets_experiment').on(t.experimentId),
    index('idx_assets_org').on(t.orgId, t.createdAt.desc(), t.id.desc()),
    index('idx_assets_gin_content').using('gin', t.content),
  ],
);

export const assetPerformanceSnapshots = pgTable(
  'asset_performance_snapshots',
  {
    id: id(),
    orgId: orgId(),
    assetId: uuid('asset_id')
      .notNull()
      .references(() => assets.id, { onDelete: 'cascade' }),
    experimentId: uuid('experiment_id').references(() => experiments.id, { onDelete: 'set null' }),
    timeFrom: timestamp('time_from', { withTimezone: true, precision: 3 }).notNull(),
    timeTo: timestamp('time_to', { withTimezone: true, precision: 3 }).notNull(),
    metrics: jsonb('metrics').notNull(),
    segments: jsonb('segments').notNull(),
    /** Where the row came from: manual (API), csv, meta. */
    source: text('source').notNull().default('manual'),
    /** The CSV import's id, or the platform's ad id. */
    sourceRef: text('source_ref'),
    /** The platform's attribution window the conversions were counted under (e.g. `7d_click,1d_view`). */
    attributionWindow: text('attribution_window'),
    /** Times the row was replaced by a late revision of the same window. */
    revision: integer('revision').notNull().default(0),
    pulledAt: timestamp('pulled_at', { withTimezone: true, precision: 3 }),
    createdAt: createdAt(),
  },
  (t) => [
    index('idx_snapshots_asset').on(t.assetId),
    index('idx_snapshots_experiment').on(t.experimentId),
    // One row per window of an asset from a source: a re-pull revises it in place.
    uniqueIndex('uq_snapshots_window')
      .on(t.assetId, t.source, t.timeFrom, t.timeTo, t.attributionWindow)
      .where(sql`${t.source} <> 'manual'`),
  ],
);

/** An asset's ad at a platform (Meta ad id), so pulled insights land on the right asset and arm. */
export const assetPlatformAds = pgTable(
  'asset_platform_ads',
  {
    id: id(),
    orgId: orgId(),
    assetId: uuid('asset_id')
      .notNull()
      .references(() => assets.id, { onDelete: 'cascade' }),
    platform: text('platform').notNull(),
    externalAdId: text('external_ad_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [unique('uq_asset_platform_ads').on(t.orgId, t.platform, t.externalAdId)],
);
