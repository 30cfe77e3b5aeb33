import { boolean, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { artifacts } from './artifacts';
import { campaigns } from './campaigns';
import { clients } from './clients';
import { createdAt, id, orgId, updatedAt } from './columns';
import { experimentStatus } from './enums';
import { users } from './users';

export const experiments = pgTable(
  'experiments',
  {
    id: id(),
    orgId: orgId(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    experimentSpecArtifactId: uuid('experiment_spec_artifact_id')
      .notNull()
      .references(() => artifacts.id, { onDelete: 'cascade' }),
    /** The spec's id inside the ExperimentSpecSet artifact. */
    specId: text('spec_id').notNull(),
    status: experimentStatus('status').notNull().default('planned'),
    /** The phase whose plan is in force (1 at approval; a changed plan starts the next). */
    phase: integer('phase').notNull().default(1),
    /** `ExperimentPlan` of the current phase, locked when the design was approved; null on rows from before. */
    plan: jsonb('plan'),
    planLockedAt: timestamp('plan_locked_at', { withTimezone: true, precision: 3 }),
    /** The last decision applied (`ship` | `stop`), with its arm. */
    decision: text('decision'),
    winningArmId: text('winning_arm_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    startedAt: timestamp('started_at', { withTimezone: true, precision: 3 }),
    completedAt: timestamp('completed_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    index('idx_experiments_campaign').on(t.campaignId),
    index('idx_experiments_org').on(t.orgId, t.createdAt.desc(), t.id.desc()),
  ],
);

/** Every phase's locked plan: a changed plan never rewrites the one numbers were read under. */
export const experimentPhases = pgTable(
  'experiment_phases',
  {
    id: id(),
    orgId: orgId(),
    experimentId: uuid('experiment_id')
      .notNull()
      .references(() => experiments.id, { onDelete: 'cascade' }),
    phase: integer('phase').notNull(),
    /** `ExperimentPlan`. */
    plan: jsonb('plan').notNull(),
    /** Why the phase began (`approved design`, or the person's reason for changing the plan). */
    reason: text('reason').notNull(),
    lockedBy: uuid('locked_by').references(() => users.id, { onDelete: 'set null' }),
    approvalId: uuid('approval_id'),
    startedAt: timestamp('started_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    endedAt: timestamp('ended_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [unique('uq_experiment_phases_phase').on(t.experimentId, t.phase)],
);

/** One poll's numbers (`ExperimentReading`), kept for the results-over-time chart and the audit of a decision. */
export const experimentReadings = pgTable(
  'experiment_readings',
  {
    id: id(),
    orgId: orgId(),
    experimentId: uuid('experiment_id')
      .notNull()
      .references(() => experiments.id, { onDelete: 'cascade' }),
    phase: integer('phase').notNull(),
    /** The cycle run's poll number. */
    poll: integer('poll').notNull(),
    workflowRunId: uuid('workflow_run_id'),
    readAt: timestamp('read_at', { withTimezone: true, precision: 3 }).notNull(),
    /** `ExperimentReading`. */
    data: jsonb('data').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('idx_experiment_readings_exp').on(t.experimentId, t.phase, t.readAt),
    unique('uq_experiment_readings_poll').on(t.experimentId, t.workflowRunId, t.poll),
  ],
);

/**
 * A decision the cycle proposed (numbers by code, rationale by the LLM), what a person decided at the gate, and
 * what was applied (variant weights, asset statuses).
 */
export const experimentDecisions = pgTable(
  'experiment_decisions',
  {
    id: id(),
    orgId: orgId(),
    experimentId: uuid('experiment_id')
      .notNull()
      .references(() => experiments.id, { onDelete: 'cascade' }),
    phase: integer('phase').notNull(),
    workflowRunId: uuid('workflow_run_id'),
    /** ship | stop | continue */
    action: text('action').notNull(),
    /** `DecisionReason` code of the rule. */
    reason: text('reason').notNull(),
    winningArmId: text('winning_arm_id'),
    /** The reading the proposal was made on (`ExperimentReading`). */
    reading: jsonb('reading').notNull(),
    /** The LLM's rationale, citing the numbers. */
    rationale: text('rationale').notNull(),
    /** proposed | approved | rejected | applied */
    status: text('status').notNull().default('proposed'),
    approvalId: uuid('approval_id'),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true, precision: 3 }),
    feedback: text('feedback'),
    /** `AppliedChanges`: funnel variant weights and asset statuses set, with their previous values. */
    applied: jsonb('applied'),
    appliedAt: timestamp('applied_at', { withTimezone: true, precision: 3 }),
    reportArtifactId: uuid('report_artifact_id').references(() => artifacts.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('idx_experiment_decisions_exp').on(t.experimentId, t.createdAt)],
);

/**
 * The measured effect of a finished experiment (phase), pooled by vertical across the org's clients into priors
 * for the next design (`pooledEffects` in @mos/stats).
 */
export const experimentEffects = pgTable(
  'experiment_effects',
  {
    id: id(),
    orgId: orgId(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    experimentId: uuid('experiment_id')
      .notNull()
      .references(() => experiments.id, { onDelete: 'cascade' }),
    phase: integer('phase').notNull(),
    /** The client's ad vertical (or industry) at the time. */
    vertical: text('vertical').notNull(),
    /** `DecisionMetricId`. */
    metric: text('metric').notNull(),
    testedVariable: text('tested_variable'),
    armId: text('arm_id').notNull(),
    /** Relative lift of the arm over control and its standard error. */
    lift: jsonb('lift').notNull(),
    reportArtifactId: uuid('report_artifact_id').references(() => artifacts.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('idx_experiment_effects_vertical').on(t.orgId, t.vertical, t.metric),
    unique('uq_experiment_effects_arm').on(t.experimentId, t.phase, t.armId),
  ],
);

/** An ad platform connection of a client (Meta Marketing API): settings, the token's secret name, last pull. */
export const adConnectors = pgTable(
  'ad_connectors',
  {
    id: id(),
    orgId: orgId(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    /** meta */
    platform: text('platform').notNull(),
    /** `MetaConnectorSettings` (ad account, token secret name, attribution windows, trailing days). */
    settings: jsonb('settings').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    lastPulledAt: timestamp('last_pulled_at', { withTimezone: true, precision: 3 }),
    /** `ConnectorPullSummary` of the last pull (rows, revisions, pages, waits, error). */
    lastResult: jsonb('last_result'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [unique('uq_ad_connectors_platform').on(t.clientId, t.platform)],
);

/** A CSV upload of performance snapshots: its mapping, what was imported and each refused row. */
export const snapshotImports = pgTable(
  'snapshot_imports',
  {
    id: id(),
    orgId: orgId(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    experimentId: uuid('experiment_id').references(() => experiments.id, { onDelete: 'set null' }),
    fileName: text('file_name').notNull(),
    /** `SnapshotCsvMapping`. */
    mapping: jsonb('mapping').notNull(),
    rowsImported: integer('rows_imported').notNull(),
    rowsRevised: integer('rows_revised').notNull().default(0),
    /** `CsvRowError[]` of rows refused. */
    errors: jsonb('errors').notNull().default([]),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('idx_snapshot_imports_client').on(t.clientId, t.createdAt)],
);
