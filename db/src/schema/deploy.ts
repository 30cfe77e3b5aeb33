import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, orgId, updatedAt } from './columns';
import { funnels } from './funnels';
import { users } from './users';

/**
 * Deploys (cloudhand). A project is one line of plans applied to one Hetzner project; its plans are versioned and
 * immutable; each apply or rollback is a run that a per-project Temporal workflow executes one at a time. Plans hold
 * secret *references* (`{ "secret": "NAME" }`), never values; logs are masked before they are stored.
 */
export const deployProjects = pgTable(
  'deploy_projects',
  {
    id: id(),
    orgId: orgId(),
    /** Lower-case name, unique per org; part of the workflow id and the terraform folder. */
    name: text('name').notNull(),
    description: text('description'),
    /** `DeployProjectSettings` (names of the secrets for the Hetzner token, SSH key and git token; nginx mode…). */
    settings: jsonb('settings').notNull().default(sql`'{}'::jsonb`),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [unique('uq_deploy_projects_name').on(t.orgId, t.name)],
);

export const deployPlans = pgTable(
  'deploy_plans',
  {
    id: id(),
    orgId: orgId(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => deployProjects.id, { onDelete: 'cascade' }),
    /** 1, 2, 3… per project; the highest is the current plan. */
    version: integer('version').notNull(),
    /** The plan JSON (`@mos/cloudhand/plan` `Plan`), validated before it is stored. */
    plan: jsonb('plan').notNull(),
    /** editor | patch | bootstrap | funnel_publish | import | rollback */
    source: text('source').notNull(),
    note: text('note'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    unique('uq_deploy_plans_version').on(t.projectId, t.version),
    index('idx_deploy_plans_org').on(t.orgId),
  ],
);

export const deployRuns = pgTable(
  'deploy_runs',
  {
    id: id(),
    orgId: orgId(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => deployProjects.id, { onDelete: 'cascade' }),
    planId: uuid('plan_id')
      .notNull()
      .references(() => deployPlans.id, { onDelete: 'restrict' }),
    /** apply | rollback */
    kind: text('kind').notNull(),
    /** queued | running | succeeded | failed */
    status: text('status').notNull().default('queued'),
    /** The run a rollback restores the releases of. */
    rollbackOfRunId: uuid('rollback_of_run_id'),
    /** A Publish + Deploy's funnel. */
    funnelId: uuid('funnel_id').references(() => funnels.id, { onDelete: 'set null' }),
    requestedBy: uuid('requested_by').references(() => users.id, { onDelete: 'set null' }),
    /** `DeployStep[]`: each step's status and times, updated as it runs. */
    steps: jsonb('steps').notNull().default(sql`'[]'::jsonb`),
    /** The spec as applied: ports assigned, secrets still by name. */
    resolvedSpec: jsonb('resolved_spec'),
    serverIps: jsonb('server_ips').notNull().default(sql`'{}'::jsonb`),
    accessUrls: jsonb('access_urls').notNull().default(sql`'[]'::jsonb`),
    /** `DeployRelease[]`: the release folder each workload runs from after this run. */
    releases: jsonb('releases').notNull().default(sql`'[]'::jsonb`),
    error: text('error'),
    workflowId: text('workflow_id'),
    createdAt: createdAt(),
    startedAt: timestamp('started_at', { withTimezone: true, precision: 3 }),
    finishedAt: timestamp('finished_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    index('idx_deploy_runs_project').on(t.projectId, t.createdAt.desc()),
    index('idx_deploy_runs_org').on(t.orgId, t.createdAt.desc()),
  ],
);

/** Log lines of a run, masked before they are written; `seq` orders them within the run. */
export const deployLogs = pgTable(
  'deploy_logs',
  {
    id: id(),
    orgId: orgId(),
    runId: uuid('run_id')
      .notNull()
      .references(() => deployRuns.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    step: text('step').notNull(),
    /** info | warn | error */
    level: text('level').notNull(),
    line: text('line').notNull(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [unique('uq_deploy_logs_seq').on(t.runId, t.seq)],
);

/** SSH host keys pinned at first contact, checked on every later connection. */
export const deployHostKeys = pgTable(
  'deploy_host_keys',
  {
    id: id(),
    orgId: orgId(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => deployProjects.id, { onDelete: 'cascade' }),
    /** `host:port` as connected to. */
    host: text('host').notNull(),
    /** `SHA256:<base64>` of the server's host key. */
    fingerprint: text('fingerprint').notNull(),
    createdAt: createdAt(),
  },
  (t) => [unique('uq_deploy_host_keys_host').on(t.projectId, t.host)],
);
