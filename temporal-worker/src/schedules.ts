import { type Db, orgs } from '@mos/db';
import { SYSTEM_WORKFLOW_TYPE_NAMES, WORKFLOW_TYPE_NAMES } from '@mos/db/contracts';
import {
  type Client,
  ScheduleAlreadyRunning,
  type ScheduleOptionsAction,
  ScheduleOverlapPolicy,
  type ScheduleSpec,
} from '@temporalio/client';
import type { Duration } from '@temporalio/common';
import type { FunnelSweepInput } from './workflows/funnel-sweep';
import type { PlaybookUpdateStart } from './workflows/playbook-update';

/** Mondays 06:00 UTC: the org playbook is refreshed once a week. */
export const DEFAULT_PLAYBOOK_CRON = '0 6 * * 1';

export interface PlaybookScheduleOptions {
  orgId: string;
  taskQueue: string;
  /** A cron expression (default: weekly, DEFAULT_PLAYBOOK_CRON). Ignored when `interval` is set. */
  cron?: string;
  /** An interval instead of a cron expression, e.g. '7 days' or '10 seconds'. */
  interval?: Duration;
  /** Start the schedule paused. */
  paused?: boolean;
}

/** One schedule per org, by business id. */
export const playbookScheduleId = (orgId: string) => `playbook-update-${orgId}`;

function specOf(opts: PlaybookScheduleOptions): ScheduleSpec {
  if (opts.interval !== undefined) return { intervals: [{ every: opts.interval }] };
  return { cronExpressions: [opts.cron ?? DEFAULT_PLAYBOOK_CRON] };
}

function actionOf(opts: PlaybookScheduleOptions): ScheduleOptionsAction {
  // No runId: a scheduled run records its own workflow_runs row (PlaybookUpdate's ensureRunRow).
  const input: PlaybookUpdateStart = {
    orgId: opts.orgId,
    clientId: null,
    campaignId: null,
    startedBy: null,
    trigger: 'schedule',
  };
  return {
    type: 'startWorkflow',
    workflowType: WORKFLOW_TYPE_NAMES.playbook_update,
    // Temporal appends the scheduled time, so each run has its own business id.
    workflowId: `playbook-update-org-${opts.orgId}`,
    taskQueue: opts.taskQueue,
    args: [input],
    memo: { orgId: opts.orgId, trigger: 'schedule' },
  };
}

/**
 * Creates the org's PlaybookUpdate schedule, or brings an existing one to the given spec and action (idempotent:
 * safe to call at every worker start). Overlapping runs are skipped; a run missed by less than a day is caught up.
 */
export async function ensurePlaybookSchedule(
  client: Client,
  opts: PlaybookScheduleOptions,
): Promise<{ scheduleId: string; created: boolean }> {
  const scheduleId = playbookScheduleId(opts.orgId);
  const spec = specOf(opts);
  const action = actionOf(opts);
  const policies = { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' } as const;
  try {
    await client.schedule.create({
      scheduleId,
      spec,
      action,
      policies,
      memo: { orgId: opts.orgId },
      state: { paused: opts.paused ?? false, note: 'MOS: weekly playbook synthesis from experiment reports' },
    });
    return { scheduleId, created: true };
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
  }
  await client.schedule.getHandle(scheduleId).update((previous) => ({
    ...previous,
    spec,
    action,
    policies: { ...previous.policies, ...policies },
    state: { ...previous.state, paused: opts.paused ?? previous.state.paused },
  }));
  return { scheduleId, created: false };
}

/** Ensures the schedule of every org in the database (the worker calls this at start). */
export async function ensurePlaybookSchedules(
  client: Client,
  db: Db,
  opts: Omit<PlaybookScheduleOptions, 'orgId'>,
): Promise<{ scheduleId: string; created: boolean }[]> {
  const rows = await db.select({ id: orgs.id }).from(orgs);
  const out: { scheduleId: string; created: boolean }[] = [];
  for (const row of rows) out.push(await ensurePlaybookSchedule(client, { ...opts, orgId: row.id }));
  return out;
}

/** The funnel sweep's one schedule (all orgs): pending lead deliveries and events to forward, every minute. */
export const FUNNEL_SWEEP_SCHEDULE_ID = 'funnel-sweep';

/**
 * Creates the per-minute FunnelSweep schedule, or brings it to the given interval (idempotent: called at every
 * worker start). Overlapping sweeps are skipped; missed ones are not caught up (the next sweep finds the work).
 */
export async function ensureFunnelSweepSchedule(
  client: Client,
  opts: { taskQueue: string; interval?: Duration; paused?: boolean; input?: FunnelSweepInput },
): Promise<{ scheduleId: string; created: boolean }> {
  const spec: ScheduleSpec = { intervals: [{ every: opts.interval ?? '1 minute' }] };
  const action: ScheduleOptionsAction = {
    type: 'startWorkflow',
    workflowType: SYSTEM_WORKFLOW_TYPE_NAMES.funnel_sweep,
    workflowId: 'funnel-sweep',
    taskQueue: opts.taskQueue,
    args: [opts.input ?? {}],
  };
  const policies = { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 minute' } as const;
  try {
    await client.schedule.create({
      scheduleId: FUNNEL_SWEEP_SCHEDULE_ID,
      spec,
      action,
      policies,
      state: { paused: opts.paused ?? false, note: 'MOS: lead webhooks and conversion forwarding' },
    });
    return { scheduleId: FUNNEL_SWEEP_SCHEDULE_ID, created: true };
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
  }
  await client.schedule.getHandle(FUNNEL_SWEEP_SCHEDULE_ID).update((previous) => ({
    ...previous,
    spec,
    action,
    policies: { ...previous.policies, ...policies },
    state: { ...previous.state, paused: opts.paused ?? previous.state.paused },
  }));
  return { scheduleId: FUNNEL_SWEEP_SCHEDULE_ID, created: false };
}
