import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
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
    createdAt: createdAt(),
  },
  (t) => [index('idx_snapshots_asset').on(t.assetId), index('idx_snapshots_experiment').on(t.experimentId)],
);
