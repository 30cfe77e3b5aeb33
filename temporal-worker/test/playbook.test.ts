import {
  artifacts,
  createWorkflowRun,
  insertArtifactVersion,
  orgs,
  recordExperimentEffects,
  workflowRuns,
} from '@mos/db';
import { artifactExamples, type ExperimentReport, Playbook, type PlaybookOutput } from '@mos/db/artifacts';
import type { WorkflowStatusSnapshot } from '@mos/db/contracts';
import { seedExperiment } from '@mos/db/testing';
import { MockActivityEnvironment } from '@temporalio/testing';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../src/activities/index';
import {
  DEFAULT_PLAYBOOK_CRON,
  ensurePlaybookSchedule,
  ensurePlaybookSchedules,
  playbookScheduleId,
} from '../src/schedules';
import type { RecordedRequest } from '../src/testing/openai-stand-in';
import { recordHistory } from './support/histories';
import { type Stack, startStack, type Tenant } from './support/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
  stack.llm.setFixture('Playbook', playbookAnswer);
}, 120_000);
afterAll(async () => {
  await stack?.close();
}, 60_000);

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const BOGUS_REPORT_ID = 'deadbeef-0000-4000-8000-000000000000';

/** A playbook_update run row for activities called outside a workflow (the activity writes its logs against it). */
async function playbookRun(orgId: string, clientId: string): Promise<string> {
  const runId = crypto.randomUUID();
  await createWorkflowRun(stack.db, {
    id: runId,
    orgId,
    clientId,
    campaignId: null,
    kind: 'playbook_update',
    temporalWorkflowId: `activity-test-${runId}`,
    temporalRunId: runId,
    input: {},
    startedBy: null,
  });
  return runId;
}

/**
 * The model's answer: one section per report it was given (read from REPORTS_JSON), plus a citation of a report
 * that does not exist, which the activity must drop.
 */
function playbookAnswer(request: RecordedRequest): PlaybookOutput & Omit<Playbook, 'sections'> {
  const ids = [
    ...new Set([...request.text.matchAll(/"artifactId":\s*"([0-9a-f-]{36})"/g)].map((m) => m[1] ?? '')),
  ];
  const orgId = /Org id:\s*([0-9a-f-]{36})/.exec(request.text)?.[1] ?? artifactExamples.playbook.orgId;
  return {
    orgId,
    clientId: null,
    version: 7,
    sections: ids.map((id, i) => ({
      title: `Learning ${i + 1}`,
      content: `Problem-first UGC hooks beat ingredient explainers on CAC (report ${id}).`,
      tags: ['hooks', 'meta'],
      sourceReportIds: i === 0 ? [id, BOGUS_REPORT_ID] : [id],
    })),
  };
}

async function report(t: Tenant, clientId: string, campaignId: string | null): Promise<string> {
  const data: ExperimentReport = {
    ...structuredClone(artifactExamples.experiment_report),
    clientId,
    campaignId,
  };
  const row = await insertArtifactVersion(stack.db, {
    orgId: t.orgId,
    clientId,
    campaignId,
    type: 'experiment_report',
    data,
    source: 'ai',
    status: 'draft',
  });
  return row.id;
}

/** `playbook.update` in regenerate mode, as an operator: the started run. */
async function regenerate(t: Tenant, clientId?: string): Promise<{ runId: string; workflowId: string }> {
  const out = await t.operator.playbook.update.mutate(
    clientId ? { mode: 'regenerate', clientId } : { mode: 'regenerate' },
  );
  if (out.mode !== 'regenerate') throw new Error('expected a regenerate answer');
  return out;
}

describe('PlaybookUpdate on demand (playbook.update regenerate)', () => {
  it('synthesizes the client playbook from its reports, citing them, and versions it', async () => {
    const t = await stack.newTenant();
    const client = await t.createClient();
    const other = await t.createClient();
    const campaign = await t.createCampaign(client.id);
    const reports = [await report(t, client.id, campaign.id), await report(t, client.id, null)];
    const otherReport = await report(t, other.id, null);

    const { runId, workflowId } = await regenerate(t, client.id);
    expect(workflowId).toMatch(new RegExp(`^playbook-update-${client.id}-`));
    await stack.waitForRunStatus(t.orgId, runId, 'completed');

    const got = await t.member.playbook.get.query({ clientId: client.id });
    const doc = Playbook.parse(got.playbook?.data);
    expect(got.playbook).toMatchObject({
      version: 1,
      status: 'draft',
      source: 'ai',
      clientId: client.id,
      workflowRunId: runId,
    });
    // The system owns orgId, clientId and version; citations name only real reports of this client.
    expect(doc).toMatchObject({ orgId: t.orgId, clientId: client.id, version: 1 });
    const cited = doc.sections.flatMap((s) => s.sourceReportIds);
    expect([...cited].sort()).toEqual([...reports].sort());
    expect(cited).not.toContain(BOGUS_REPORT_ID);
    expect(cited).not.toContain(otherReport);
    expect(got.sourceReports.map((r: { id: string }) => r.id).sort()).toEqual([...reports].sort());
    const prompt = stack.llm.requests.filter((r) => r.schemaName === 'Playbook').at(-1)?.text ?? '';
    expect(prompt.match(UUID)).toEqual(expect.arrayContaining(reports));
    expect(prompt).not.toContain(otherReport);
    const handle = await stack.handleOf(t.orgId, runId);
    expect(await handle.result()).toMatchObject({ updated: true, version: 1, sections: 2 });
    await recordHistory(handle, 'playbook-update');

    // A second regeneration is the next version, built on the current playbook.
    const again = await regenerate(t, client.id);
    await stack.waitForRunStatus(t.orgId, again.runId, 'completed');
    const second = await t.member.playbook.get.query({ clientId: client.id });
    expect(second.playbook?.version).toBe(2);
    expect(Playbook.parse(second.playbook?.data).version).toBe(2);
    const secondPrompt = stack.llm.requests.filter((r) => r.schemaName === 'Playbook').at(-1)?.text ?? '';
    expect(secondPrompt).toContain('"version": 1');

    // The org playbook learns from every client's reports.
    const org = await regenerate(t);
    await stack.waitForRunStatus(t.orgId, org.runId, 'completed');
    const orgBook = await t.member.playbook.get.query({});
    expect(orgBook.playbook).toMatchObject({ clientId: null, version: 1 });
    expect(orgBook.sourceReports.map((r: { id: string }) => r.id).sort()).toEqual(
      [...reports, otherReport].sort(),
    );
  }, 60_000);

  it('completes without a playbook when there is no report, and stops cleanly mid-synthesis', async () => {
    const t = await stack.newTenant();
    const client = await t.createClient();
    const empty = await regenerate(t, client.id);
    await stack.waitForRunStatus(t.orgId, empty.runId, 'completed');
    expect(await (await stack.handleOf(t.orgId, empty.runId)).result()).toMatchObject({ updated: false });
    expect((await t.member.playbook.get.query({ clientId: client.id })).playbook).toBeNull();

    await report(t, client.id, null);
    stack.llm.setDelay(5_000);
    try {
      const { runId } = await regenerate(t, client.id);
      await stack.waitForStatus(
        t.orgId,
        runId,
        (s: WorkflowStatusSnapshot) => s.step === 'synthesize_playbook',
      );
      const started = Date.now();
      await t.operator.workflows.stop.mutate({ runId });
      await stack.waitForRunStatus(t.orgId, runId, 'cancelled');
      // The stop did not wait for the model's 5-second answer.
      expect(Date.now() - started).toBeLessThan(4_000);
      expect(await (await stack.handleOf(t.orgId, runId)).result()).toEqual({ stopped: true });
    } finally {
      stack.llm.setDelay(0);
    }
  }, 60_000);
});

describe('PlaybookUpdate on a Temporal Schedule', () => {
  it('creates or updates the org schedule, and a scheduled run records its own run row', async () => {
    const t = await stack.newTenant();
    const client = await t.createClient();
    const scheduleId = playbookScheduleId(t.orgId);
    const created = await ensurePlaybookSchedule(stack.client, {
      orgId: t.orgId,
      taskQueue: stack.taskQueue,
      paused: true,
    });
    expect(created).toEqual({ scheduleId, created: true });
    const handle = stack.client.schedule.getHandle(scheduleId);
    try {
      const described = await handle.describe();
      // The weekly cron is stored as a calendar spec: Mondays, 06:00.
      expect(JSON.stringify(described.spec.calendars)).toContain('"dayOfWeek":[{"start":"MONDAY"');
      expect(described.action).toMatchObject({
        type: 'startWorkflow',
        workflowType: 'PlaybookUpdate',
        taskQueue: stack.taskQueue,
      });
      const args = described.action.type === 'startWorkflow' ? described.action.args : [];
      expect(args).toEqual([
        { orgId: t.orgId, clientId: null, campaignId: null, startedBy: null, trigger: 'schedule' },
      ]);
      expect(described.state.paused).toBe(true);
      expect(DEFAULT_PLAYBOOK_CRON).toBe('0 6 * * 1');

      // Ensuring again updates the same schedule.
      const updated = await ensurePlaybookSchedule(stack.client, {
        orgId: t.orgId,
        taskQueue: stack.taskQueue,
        interval: '1 hour',
        paused: true,
      });
      expect(updated).toEqual({ scheduleId, created: false });
      const redescribed = await handle.describe();
      expect(redescribed.spec.intervals?.[0]?.every).toBe(3_600_000);

      // A run of the schedule (triggered now): no run row was made by the API, so the workflow writes its own.
      const reportId = await report(t, client.id, null);
      await handle.trigger();
      const row = await stack.waitFor(
        async () => {
          const [r] = await stack.db
            .select()
            .from(workflowRuns)
            .where(and(eq(workflowRuns.orgId, t.orgId), eq(workflowRuns.kind, 'playbook_update')));
          return r?.status === 'completed' ? r : null;
        },
        { what: 'the scheduled run to complete', timeoutMs: 30_000 },
      );
      expect(row).toMatchObject({ clientId: null, startedBy: null, currentStep: 'done' });
      expect(row.temporalWorkflowId).toMatch(new RegExp(`^playbook-update-org-${t.orgId}`));
      const [book] = await stack.db
        .select()
        .from(artifacts)
        .where(and(eq(artifacts.workflowRunId, row.id), eq(artifacts.type, 'playbook')));
      expect(Playbook.parse(book?.data).sections.flatMap((s) => s.sourceReportIds)).toEqual([reportId]);
      const detail = await t.operator.workflows.get.query({ runId: row.id });
      expect(detail.logs.map((l: { step: string; status: string }) => `${l.step}:${l.status}`)).toEqual(
        expect.arrayContaining(['playbook_update:started', 'synthesize_playbook:completed']),
      );
    } finally {
      await handle.delete();
    }
  }, 60_000);

  it('ensures one schedule per org of the database, idempotently', async () => {
    const t = await stack.newTenant();
    const orgIds = (await stack.db.select({ id: orgs.id }).from(orgs)).map((o) => o.id);
    const first = await ensurePlaybookSchedules(stack.client, stack.db, {
      taskQueue: stack.taskQueue,
      paused: true,
    });
    try {
      expect(first.map((s) => s.scheduleId).sort()).toEqual(orgIds.map(playbookScheduleId).sort());
      expect(first.find((s) => s.scheduleId === playbookScheduleId(t.orgId))?.created).toBe(true);
      const again = await ensurePlaybookSchedules(stack.client, stack.db, {
        taskQueue: stack.taskQueue,
        paused: true,
      });
      expect(again.every((s) => !s.created)).toBe(true);
    } finally {
      for (const s of first) await stack.client.schedule.getHandle(s.scheduleId).delete();
    }
  }, 30_000);
});

/** Runs an activity function in a MockActivityEnvironment (activity context, heartbeats), typed by the function. */
function inActivity<A extends unknown[], R>(fn: (...args: A) => Promise<R>, ...args: A): Promise<R> {
  return new MockActivityEnvironment().run<A, R, (...args: A) => Promise<R>>(fn, ...args);
}

/** Two reports of a client, the first with recorded effects (lift and interval per arm), and a run row. */
async function evidenceSetup(t: Tenant) {
  const client = await t.createClient();
  const withEffects = await report(t, client.id, null);
  const without = await report(t, client.id, null);
  const fx = await seedExperiment(stack.db, {
    arms: ['control', 'b', 'c'],
    orgId: t.orgId,
    clientId: client.id,
  });
  await recordExperimentEffects(stack.db, t.orgId, {
    experimentId: fx.experimentId,
    phase: 1,
    metric: 'cpa',
    reportArtifactId: withEffects,
    effects: [
      {
        armId: 'b',
        lift: {
          lift: -0.21346,
          se: 0.05,
          ci: [-0.31234, -0.11456],
          pValue: 0.001,
          units: 900,
          controlUnits: 880,
        },
      },
      {
        armId: 'c',
        lift: { lift: 0.02, se: 0.04, ci: [-0.06, 0.1], pValue: 0.6, units: 870, controlUnits: 880 },
      },
    ],
  });
  const runId = await playbookRun(t.orgId, client.id);
  const expected = [
    {
      reportArtifactId: withEffects,
      experimentId: fx.experimentId,
      metric: 'cpa',
      armId: 'b',
      lift: -0.2135,
      ci: [-0.3123, -0.1146],
    },
    {
      reportArtifactId: withEffects,
      experimentId: fx.experimentId,
      metric: 'cpa',
      armId: 'c',
      lift: 0.02,
      ci: [-0.06, 0.1],
    },
  ];
  return { client, withEffects, without, runId, experimentId: fx.experimentId, expected };
}

describe('playbook evidence (synthesizePlaybook)', () => {
  const acts = () => createActivities({ db: stack.db, llm: stack.llmClient, clock: () => new Date() });

  it('sections carry the numbers of the reports they cite, filled by code; the model is shown them', async () => {
    const t = await stack.newTenant();
    const s = await evidenceSetup(t);
    const since = stack.llm.requests.length;
    const out = await inActivity(acts().synthesizePlaybook, {
      orgId: t.orgId,
      runId: s.runId,
      clientId: s.client.id,
      reportIds: [s.withEffects, s.without],
    });
    const [row] = await stack.db.select().from(artifacts).where(eq(artifacts.id, out.artifactId));
    const doc = Playbook.parse(row?.data);
    const citing = doc.sections.find((x) => x.sourceReportIds.includes(s.withEffects));
    const other = doc.sections.find((x) => x.sourceReportIds.includes(s.without));
    expect(citing?.evidence).toEqual(s.expected);
    // A report from before effects were recorded, stating no lift itself, has no evidence to attach.
    expect(other?.evidence).toEqual([]);
    const prompt = stack.llm.requests.slice(since).find((r) => r.schemaName === 'Playbook');
    expect(prompt?.text).toContain('"lift": -0.2135');
    // The evidence is not the model's to write: it is not in the schema sent.
    expect(JSON.stringify(prompt?.jsonSchema)).not.toContain('"evidence"');
  });

  it('an answer citing an id it was never given in its prose is sent back, and the retry is stored', async () => {
    const t = await stack.newTenant();
    const s = await evidenceSetup(t);
    const invented = '0badc0de-0000-4000-8000-000000000000';
    stack.llm.setFixture('Playbook', (request: RecordedRequest) => {
      const corrected = request.text.includes(`cites ${invented}`);
      return {
        sections: [
          {
            title: 'Problem-first hooks cut CAC',
            content: corrected
              ? `Problem-first hooks cut CPA by 21 % (report ${s.withEffects}).`
              : `Problem-first hooks cut CPA by 21 % (report ${s.withEffects}, see also ${invented}).`,
            tags: ['hooks'],
            sourceReportIds: [s.withEffects],
          },
        ],
      };
    });
    const since = stack.llm.requests.length;
    try {
      const out = await inActivity(acts().synthesizePlaybook, {
        orgId: t.orgId,
        runId: s.runId,
        clientId: s.client.id,
        reportIds: [s.withEffects],
      });
      const asked = stack.llm.requests.slice(since).filter((r) => r.schemaName === 'Playbook');
      expect(asked).toHaveLength(2);
      expect(asked[1]?.text).toContain(`cites ${invented}`);
      const [row] = await stack.db.select().from(artifacts).where(eq(artifacts.id, out.artifactId));
      const doc = Playbook.parse(row?.data);
      expect(JSON.stringify(doc)).not.toContain(invented);
      expect(doc.sections[0]?.evidence).toEqual(s.expected);
    } finally {
      stack.llm.setFixture('Playbook', playbookAnswer);
    }
  });

  it('a model that writes anything the schema admits gets only known citations and code’s evidence', async () => {
    const t = await stack.newTenant();
    const s = await evidenceSetup(t);
    const byReport: Record<string, unknown[]> = { [s.withEffects]: s.expected, [s.without]: [] };
    let withNumbers = 0;
    for (const seed of [2, 17, 41]) {
      stack.llm.setMode({ kind: 'schema', seed });
      try {
        const runId = await playbookRun(t.orgId, s.client.id);
        const out = await inActivity(acts().synthesizePlaybook, {
          orgId: t.orgId,
          runId,
          clientId: s.client.id,
          reportIds: [s.withEffects, s.without],
        });
        const [row] = await stack.db.select().from(artifacts).where(eq(artifacts.id, out.artifactId));
        const doc = Playbook.parse(row?.data);
        expect(doc).toMatchObject({ orgId: t.orgId, clientId: s.client.id });
        for (const section of doc.sections) {
          for (const id of section.sourceReportIds) expect([s.withEffects, s.without]).toContain(id);
          expect(section.evidence).toEqual(section.sourceReportIds.flatMap((id) => byReport[id] ?? []));
          if (section.evidence.length > 0) withNumbers++;
        }
      } finally {
        stack.llm.setMode({ kind: 'fixtures' });
      }
    }
    // The seeds' answers do cite the report with effects somewhere, so the check above was not vacuous.
    expect(withNumbers).toBeGreaterThan(0);
  });
});
