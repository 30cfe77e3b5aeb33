import {
  approvals,
  auditLog,
  campaigns,
  insertArtifactVersion,
  listActivityLogs,
  logActivity,
  recordApproval,
  type WorkflowKind,
  type WorkflowStatus,
  workflowRuns,
} from '@mos/db';
import { artifactExamples, MetricSchema } from '@mos/db/artifacts';
import type { WorkflowStatusSnapshot } from '@mos/db/contracts';
import { createDb, migrate } from '@mos/db/node';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../src/app';
import { localSignIn } from '../src/auth/local';
import { parseApiEnv } from '../src/env';
import { MemoryWorkflowGateway } from '../src/gateway/memory';
import { buildServices } from '../src/services';
import {
  createTestApp,
  failure,
  fieldPaths,
  newTenant,
  type Tenant,
  type TestApp,
  WEB_ORIGIN,
} from './support/harness';
import { expectDoubleClickRecordedOnce, waitingRunOf } from './support/review';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

async function orgIdOf(tenant: Tenant): Promise<string> {
  return (await t.client(tenant.admin).me.get.query()).org.id;
}

async function clientOf(tenant: Tenant, name = 'Lumen & Moss') {
  return t
    .client(tenant.admin)
    .clients.create.mutate({ name, primaryMarkets: ['US'], primaryLanguages: ['en'] });
}

async function campaignOf(orgId: string, clientId: string, name = 'Spring launch') {
  const [row] = await t.database.db.insert(campaigns).values({ orgId, clientId, name }).returning();
  if (!row) throw new Error('campaign insert failed');
  return row;
}

interface RunSpec {
  kind?: WorkflowKind;
  status?: WorkflowStatus;
  waitingGate?: string | null;
  /** The draft the run waits on; the worker writes it while waiting (default: a random key when waiting). */
  waitingDraftKey?: string | null;
  clientId?: string | null;
  campaignId?: string | null;
  startedAt?: Date;
  /** false: a run row Temporal has never heard of (e.g. history deleted). */
  known?: boolean;
}

/** A workflow_runs row, with the workflow registered in the memory gateway unless `known` is false. */
async function runOf(orgId: string, spec: RunSpec = {}) {
  const workflowId = `test-${crypto.randomUUID()}`;
  const temporalRunId =
    spec.known === false
      ? crypto.randomUUID()
      : (await t.gateway.start({ workflowType: 'Test', workflowId, taskQueue: 'test', args: [] })).runId;
  const [row] = await t.database.db
    .insert(workflowRuns)
    .values({
      orgId,
      clientId: spec.clientId ?? null,
      campaignId: spec.campaignId ?? null,
      kind: spec.kind ?? 'client_onboarding',
      status: spec.status ?? 'running',
      waitingGate: spec.waitingGate ?? null,
      waitingDraftKey:
        spec.waitingDraftKey !== undefined
          ? spec.waitingDraftKey
          : spec.status === 'waiting_for_approval'
            ? `draft-${crypto.randomUUID()}`
            : null,
      temporalWorkflowId: workflowId,
      temporalRunId,
      input: { secret: 'large input not for lists' },
      startedAt: spec.startedAt ?? new Date(),
    })
    .returning();
  if (!row) throw new Error('run insert failed');
  return row;
}

/** The draft key a review of this run must name (a stand-in for runs that wait on nothing). */
const keyOf = (run: { waitingDraftKey: string | null }) => run.waitingDraftKey ?? 'no-draft';

const callsFor = (workflowId: string, op: string) =>
  t.gateway.calls.filter((c) => c.op === op && 'workflowId' in c && c.workflowId === workflowId);

const approvalsOf = (runId: string) =>
  t.database.db.select().from(approvals).where(eq(approvals.workflowRunId, runId));

const auditOf = (runId: string) => t.database.db.select().from(auditLog).where(eq(auditLog.targetId, runId));

async function runRow(id: string) {
  const [row] = await t.database.db.select().from(workflowRuns).where(eq(workflowRuns.id, id));
  return row;
}

const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000);

describe('workflows.list', () => {
  it('lists from the database with client and campaign names, filters, and a cursor', async () => {
    const tenant = await newTenant(t);
    const orgId = await orgIdOf(tenant);
    const client = await clientOf(tenant, 'Northwind');
    const campaign = await campaignOf(orgId, client.id, 'Summer');
    const r1 = await runOf(orgId, {
      kind: 'client_onboarding',
      clientId: client.id,
      startedAt: minutesAgo(4),
    });
    const r2 = await runOf(orgId, {
      kind: 'campaign_planning',
      status: 'waiting_for_approval',
      waitingGate: 'strategy_sheet',
      clientId: client.id,
      campaignId: campaign.id,
      startedAt: minutesAgo(3),
    });
    const r3 = await runOf(orgId, {
      kind: 'creative_production',
      status: 'completed',
      clientId: client.id,
      campaignId: campaign.id,
      startedAt: minutesAgo(2),
    });
    const r4 = await runOf(orgId, { kind: 'playbook_update', status: 'failed', startedAt: minutesAgo(1) });
    const api = t.client(tenant.member);
    const gatewayCalls = t.gateway.calls.length;

    const first = await api.workflows.list.query({ limit: 2 });
    expect(first.items.map((r) => r.id)).toEqual([r4.id, r3.id]);
    expect(first.items[1]).toMatchObject({
      kind: 'creative_production',
      status: 'completed',
      clientName: 'Northwind',
      campaignName: 'Summer',
    });
    expect(first.items[0]).toMatchObject({ clientName: null, campaignName: null });
    expect(first.items[0]).not.toHaveProperty('input');
    expect(typeof first.items[0]?.startedAt).toBe('string');
    const second = await api.workflows.list.query({ limit: 2, cursor: first.nextCursor });
    expect(second.items.map((r) => r.id)).toEqual([r2.id, r1.id]);
    expect(second.nextCursor).toBeNull();

    const ids = async (input: Parameters<typeof api.workflows.list.query>[0]) =>
      (await api.workflows.list.query(input)).items.map((r) => r.id);
    expect(await ids({ status: ['completed', 'failed'] })).toEqual([r4.id, r3.id]);
    expect(await ids({ kind: ['campaign_planning', 'client_onboarding'] })).toEqual([r2.id, r1.id]);
    expect(await ids({ waiting: true })).toEqual([r2.id]);
    expect(await ids({ waiting: false })).toEqual([r4.id, r3.id, r1.id]);
    expect(await ids({ clientId: client.id })).toEqual([r3.id, r2.id, r1.id]);
    expect(await ids({ campaignId: campaign.id, status: ['waiting_for_approval'] })).toEqual([r2.id]);
    // The list never asks Temporal.
    expect(t.gateway.calls.length).toBe(gatewayCalls);
  });

  it('refuses bad input naming the field', async () => {
    const tenant = await newTenant(t);
    const api = t.client(tenant.member);
    const badCursor = await failure(api.workflows.list.query({ cursor: 'garbage' }));
    expect(badCursor.code).toBe('BAD_REQUEST');
    expect(fieldPaths(badCursor)).toContain('cursor');
    const badStatus = await failure(api.workflows.list.query({ status: ['sleeping' as WorkflowStatus] }));
    expect(fieldPaths(badStatus)).toContain('status.0');
    expect(fieldPaths(await failure(api.workflows.list.query({ clientId: 'nope' })))).toContain('clientId');
    expect(fieldPaths(await failure(api.workflows.list.query({ limit: 101 })))).toContain('limit');
  });

  it('keeps tenants apart', async () => {
    const a = await newTenant(t);
    const b = await newTenant(t);
    const orgA = await orgIdOf(a);
    const clientA = await clientOf(a);
    await runOf(orgA, { clientId: clientA.id });
    const other = t.client(b.admin);
    expect((await other.workflows.list.query({})).items).toHaveLength(0);
    expect((await other.workflows.list.query({ clientId: clientA.id })).items).toHaveLength(0);
    expect((await t.client(a.member).workflows.list.query({})).items).toHaveLength(1);
    expect((await failure(t.client(null).workflows.list.query({}))).code).toBe('UNAUTHORIZED');
  });
});

describe('workflows.get', () => {
  it('returns the run, its logs, approvals and artifacts (newest first) and the live status', async () => {
    const tenant = await newTenant(t);
    const orgId = await orgIdOf(tenant);
    const client = await clientOf(tenant, 'Acme');
    const run = await runOf(orgId, {
      status: 'waiting_for_approval',
      waitingGate: 'canon',
      clientId: client.id,
    });
    const otherRun = await runOf(orgId, { clientId: client.id });
    const db = t.database.db;
    await logActivity(db, { orgId, workflowRunId: run.id, step: 'client_onboarding', status: 'started' });
    await new Promise((r) => setTimeout(r, 5));
    await logActivity(db, {
      orgId,
      workflowRunId: run.id,
      step: 'build_canon',
      status: 'completed',
      durationMs: 42,
    });
    await logActivity(db, { orgId, workflowRunId: otherRun.id, step: 'elsewhere', status: 'started' });
    const canon = { ...structuredClone(artifactExamples.client_canon), clientId: client.id };
    const v1 = await insertArtifactVersion(db, {
      orgId,
      clientId: client.id,
      campaignId: null,
      type: 'research_step',
      data: artifactExamples.research_step,
      source: 'ai',
      status: 'draft',
      workflowRunId: run.id,
      stepKey: 'research:01',
    });
    await new Promise((r) => setTimeout(r, 5));
    const v2 = await insertArtifactVersion(db, {
      orgId,
      clientId: client.id,
      campaignId: null,
      type: 'client_canon',
      data: canon,
      source: 'ai',
      status: 'draft',
      workflowRunId: run.id,
      stepKey: 'canon:1',
    });
    await insertArtifactVersion(db, {
      orgId,
      clientId: client.id,
      campaignId: null,
      type: 'client_canon',
      data: canon,
      source: 'ai',
      status: 'draft',
      workflowRunId: otherRun.id,
      stepKey: 'canon:1',
    });
    const approval = await recordApproval(db, {
      orgId,
      workflowRunId: run.id,
      gate: 'canon',
      decision: 'reject',
      feedback: 'more about the founder',
      decidedBy: null,
    });
    const liveStatus = { step: 'gate', gate: 'canon', draftArtifactIds: [v2.id], attempt: 2 };
    t.gateway.queryResults.set(`${run.temporalWorkflowId}:status`, liveStatus);

    const got = await t.client(tenant.member).workflows.get.query({ runId: run.id });
    expect(got.run).toMatchObject({
      id: run.id,
      status: 'waiting_for_approval',
      waitingGate: 'canon',
      clientName: 'Acme',
      campaignName: null,
      input: { secret: 'large input not for lists' },
    });
    expect(got.live).toEqual(liveStatus);
    expect(got.liveError).toBeNull();
    expect(got.logs.map((l) => `${l.step}/${l.status}`)).toEqual([
      'build_canon/completed',
      'client_onboarding/started',
    ]);
    expect(got.logs[0]?.durationMs).toBe(42);
    expect(new Date(got.logs[0]?.createdAt ?? '').toISOString()).toBe(got.logs[0]?.createdAt);
    expect(got.approvals).toEqual([
      expect.objectContaining({
        id: approval.id,
        gate: 'canon',
        decision: 'reject',
        feedback: 'more about the founder',
      }),
    ]);
    expect(
      got.artifacts.map((a) => ({ id: a.id, type: a.type, version: a.version, stepKey: a.stepKey })),
    ).toEqual([
      { id: v2.id, type: 'client_canon', version: 1, stepKey: 'canon:1' },
      { id: v1.id, type: 'research_step', version: 1, stepKey: 'research:01' },
    ]);
    expect(got.artifacts[0]).toMatchObject({ status: 'draft', source: 'ai', data: canon });
    const queries = callsFor(run.temporalWorkflowId, 'query');
    expect(queries).toEqual([{ op: 'query', workflowId: run.temporalWorkflowId, query: 'status' }]);
  });

  it('still answers from the database when Temporal fails, and does not ask for finished runs', async () => {
    const tenant = await newTenant(t);
    const orgId = await orgIdOf(tenant);
    const running = await runOf(orgId);
    await logActivity(t.database.db, {
      orgId,
      workflowRunId: running.id,
      step: 'client_onboarding',
      status: 'started',
    });
    const api = t.client(tenant.operator);
    t.gateway.failNext();
    const down = await api.workflows.get.query({ runId: running.id });
    expect(down.run.id).toBe(running.id);
    expect(down.logs).toHaveLength(1);
    expect(down.live).toBeNull();
    expect(down.liveError).toBe('unavailable');

    const done = await runOf(orgId, { status: 'completed' });
    const finished = await api.workflows.get.query({ runId: done.id });
    expect(finished).toMatchObject({ live: null, liveError: null, logs: [], approvals: [], artifacts: [] });
    expect(callsFor(done.temporalWorkflowId, 'query')).toHaveLength(0);
  });

  it('gives up on a status query that hangs', async () => {
    const tenant = await newTenant(t);
    const run = await runOf(await orgIdOf(tenant));
    const spy = vi.spyOn(t.gateway, 'query').mockImplementationOnce(() => new Promise(() => undefined));
    try {
      const started = Date.now();
      const got = await t.client(tenant.member).workflows.get.query({ runId: run.id });
      expect(got).toMatchObject({ live: null, liveError: 'unavailable' });
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      spy.mockRestore();
    }
  });

  it('answers NOT_FOUND for another org, bad input by field, UNAUTHORIZED without a token', async () => {
    const a = await newTenant(t);
    const b = await newTenant(t);
    const run = await runOf(await orgIdOf(a));
    expect((await failure(t.client(b.admin).workflows.get.query({ runId: run.id }))).code).toBe('NOT_FOUND');
    expect((await failure(t.client(a.admin).workflows.get.query({ runId: crypto.randomUUID() }))).code).toBe(
      'NOT_FOUND',
    );
    expect(fieldPaths(await failure(t.client(a.admin).workflows.get.query({ runId: 'x' })))).toContain(
      'runId',
    );
    expect((await failure(t.client(null).workflows.get.query({ runId: run.id }))).code).toBe('UNAUTHORIZED');
    // Nothing asked of Temporal for a run the caller cannot see.
    expect(callsFor(run.temporalWorkflowId, 'query')).toHaveLength(0);
  });
});

describe('workflows.review', () => {
  async function waitingRun(gate = 'canon', tenant?: Tenant) {
    const tn = tenant ?? (await newTenant(t));
    const orgId = await orgIdOf(tn);
    const client = await clientOf(tn);
    const run = await runOf(orgId, {
      status: 'waiting_for_approval',
      waitingGate: gate,
      clientId: client.id,
    });
    return { tenant: tn, orgId, client, run };
  }

  it('approves: one approvals row, one log, one audit record and the review signal', async () => {
    const { tenant, run } = await waitingRun('assets');
    const res = await t.client(tenant.operator).workflows.review.mutate({
      runId: run.id,
      draftKey: keyOf(run),
      gate: 'assets',
      decision: 'approve',
      approvedIds: ['asset-1', 'asset-2'],
      rejectedIds: ['asset-3'],
    });
    const rows = await approvalsOf(run.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id: res.approvalId,
      gate: 'assets',
      decision: 'approve',
      feedback: null,
      edited: null,
      approvedIds: ['asset-1', 'asset-2'],
      rejectedIds: ['asset-3'],
    });
    expect(rows[0]?.decidedBy).toBeTypeOf('string');
    expect(callsFor(run.temporalWorkflowId, 'signal')).toEqual([
      {
        op: 'signal',
        workflowId: run.temporalWorkflowId,
        signal: 'review',
        args: [
          {
            gate: 'assets',
            decision: 'approve',
            draftKey: run.waitingDraftKey,
            edited: null,
            feedback: null,
            approvedIds: ['asset-1', 'asset-2'],
            rejectedIds: ['asset-3'],
            approvalId: res.approvalId,
          },
        ],
      },
    ]);
    const logs = await listActivityLogs(t.database.db, run.orgId, run.id);
    expect(logs.map((l) => `${l.step}/${l.status}`)).toEqual(['review:assets/approve']);
    expect((await auditOf(run.id)).map((a) => a.action)).toEqual(['workflow.review']);
  });

  it('edits with a valid document: stores and signals the parsed document', async () => {
    const { tenant, run, client } = await waitingRun('canon');
    const edited = structuredClone(artifactExamples.client_canon);
    edited.clientId = client.id;
    edited.brand.story = '  A new founder story.  ';
    const res = await t.client(tenant.admin).workflows.review.mutate({
      runId: run.id,
      draftKey: keyOf(run),
      gate: 'canon',
      decision: 'edit',
      edited,
      feedback: 'tightened the story',
    });
    const parsed = { ...edited, brand: { ...edited.brand, story: 'A new founder story.' } };
    const rows = await approvalsOf(run.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: res.approvalId, decision: 'edit', feedback: 'tightened the story' });
    expect(rows[0]?.edited).toEqual(parsed);
    const signals = callsFor(run.temporalWorkflowId, 'signal');
    expect(signals).toHaveLength(1);
    expect(signals[0]).toMatchObject({
      signal: 'review',
      args: [{ gate: 'canon', decision: 'edit', edited: parsed, approvalId: res.approvalId }],
    });
  });

  it('refuses an invalid edit with paths under edited, recording and sending nothing', async () => {
    const { tenant, run, client } = await waitingRun('canon');
    const api = t.client(tenant.operator);
    const bad = structuredClone(artifactExamples.client_canon);
    bad.clientId = client.id;
    bad.brand.story = '';
    const invalid = await failure(
      api.workflows.review.mutate({
        runId: run.id,
        draftKey: keyOf(run),
        gate: 'canon',
        decision: 'edit',
        edited: bad,
      }),
    );
    expect(invalid.code).toBe('BAD_REQUEST');
    expect(fieldPaths(invalid)).toContain('edited.brand.story');

    const extra = await failure(
      api.workflows.review.mutate({
        runId: run.id,
        draftKey: keyOf(run),
        gate: 'canon',
        decision: 'edit',
        edited: { ...structuredClone(artifactExamples.client_canon), clientId: client.id, surprise: true },
      }),
    );
    expect(extra.code).toBe('BAD_REQUEST');
    expect(fieldPaths(extra).some((p) => p.startsWith('edited'))).toBe(true);

    // A valid canon of a different client cannot be slipped into this run.
    const foreign = await failure(
      api.workflows.review.mutate({
        runId: run.id,
        draftKey: keyOf(run),
        gate: 'canon',
        decision: 'edit',
        edited: artifactExamples.client_canon,
      }),
    );
    expect(fieldPaths(foreign)).toEqual(['edited.clientId']);

    const missing = await failure(
      api.workflows.review.mutate({ runId: run.id, draftKey: keyOf(run), gate: 'canon', decision: 'edit' }),
    );
    expect(fieldPaths(missing)).toContain('edited');

    expect(await approvalsOf(run.id)).toHaveLength(0);
    expect(callsFor(run.temporalWorkflowId, 'signal')).toHaveLength(0);
    expect(await listActivityLogs(t.database.db, run.orgId, run.id)).toHaveLength(0);
  });

  it('validates an edit with the schema of its gate, and refuses edits where the gate has no document', async () => {
    const tn = await newTenant(t);
    const { run, client } = await waitingRun('metric_schema', tn);
    const api = t.client(tn.operator);
    // A valid canon is not a valid metric schema.
    const wrongType = await failure(
      api.workflows.review.mutate({
        runId: run.id,
        draftKey: keyOf(run),
        gate: 'metric_schema',
        decision: 'edit',
        edited: { ...structuredClone(artifactExamples.client_canon), clientId: client.id },
      }),
    );
    expect(wrongType.code).toBe('BAD_REQUEST');
    expect(fieldPaths(wrongType).every((p) => p.startsWith('edited'))).toBe(true);
    const metric = { ...structuredClone(artifactExamples.metric_schema), clientId: client.id };
    const ok = await api.workflows.review.mutate({
      runId: run.id,
      draftKey: keyOf(run),
      gate: 'metric_schema',
      decision: 'edit',
      edited: metric,
    });
    expect((await approvalsOf(run.id)).map((r) => r.id)).toEqual([ok.approvalId]);

    const assets = await waitingRun('assets', tn);
    const noDoc = await failure(
      api.workflows.review.mutate({
        runId: assets.run.id,
        draftKey: keyOf(assets.run),
        gate: 'assets',
        decision: 'edit',
        edited: { any: 1 },
      }),
    );
    expect(fieldPaths(noDoc)).toEqual(['decision']);
    const unknownGate = await runOf(assets.orgId, { status: 'running' });
    const noSchema = await failure(
      api.workflows.review.mutate({
        runId: unknownGate.id,
        draftKey: keyOf(unknownGate),
        gate: 'toString',
        decision: 'edit',
        edited: { any: 1 },
      }),
    );
    expect(fieldPaths(noSchema)).toEqual(['gate']);
    expect(await approvalsOf(assets.run.id)).toHaveLength(0);
    expect(await approvalsOf(unknownGate.id)).toHaveLength(0);
  });

  it('rejects only with feedback', async () => {
    const { tenant, run } = await waitingRun('strategy_sheet');
    const api = t.client(tenant.operator);
    const noFeedback = await failure(
      api.workflows.review.mutate({
        runId: run.id,
        draftKey: keyOf(run),
        gate: 'strategy_sheet',
        decision: 'reject',
      }),
    );
    expect(noFeedback.code).toBe('BAD_REQUEST');
    expect(fieldPaths(noFeedback)).toEqual(['feedback']);
    const blank = await failure(
      api.workflows.review.mutate({
        runId: run.id,
        draftKey: keyOf(run),
        gate: 'strategy_sheet',
        decision: 'reject',
        feedback: '   ',
      }),
    );
    expect(fieldPaths(blank)).toEqual(['feedback']);
    expect(await approvalsOf(run.id)).toHaveLength(0);
    expect(callsFor(run.temporalWorkflowId, 'signal')).toHaveLength(0);

    const res = await api.workflows.review.mutate({
      runId: run.id,
      draftKey: keyOf(run),
      gate: 'strategy_sheet',
      decision: 'reject',
      feedback: 'Lead with the guarantee.',
    });
    const rows = await approvalsOf(run.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id: res.approvalId,
      decision: 'reject',
      feedback: 'Lead with the guarantee.',
    });
    expect(callsFor(run.temporalWorkflowId, 'signal')).toEqual([
      expect.objectContaining({
        signal: 'review',
        args: [
          {
            gate: 'strategy_sheet',
            decision: 'reject',
            draftKey: run.waitingDraftKey,
            edited: null,
            feedback: 'Lead with the guarantee.',
            approvedIds: [],
            rejectedIds: [],
            approvalId: res.approvalId,
          },
        ],
      }),
    ]);
  });

  it('loses nothing and invents nothing when the signal fails', async () => {
    const { tenant, run } = await waitingRun('canon');
    t.gateway.failNext();
    const down = await failure(
      t
        .client(tenant.operator)
        .workflows.review.mutate({ runId: run.id, draftKey: keyOf(run), gate: 'canon', decision: 'approve' }),
    );
    expect(down.code).toBe('SERVICE_UNAVAILABLE');
    expect(callsFor(run.temporalWorkflowId, 'signal')).toHaveLength(1);
    expect(await approvalsOf(run.id)).toHaveLength(0);
    expect(await listActivityLogs(t.database.db, run.orgId, run.id)).toHaveLength(0);
    expect(await auditOf(run.id)).toHaveLength(0);

    // Once Temporal is back the same decision goes through exactly once.
    await t
      .client(tenant.operator)
      .workflows.review.mutate({ runId: run.id, draftKey: keyOf(run), gate: 'canon', decision: 'approve' });
    expect(await approvalsOf(run.id)).toHaveLength(1);
  });

  it('checks the run: active, at the gate it waits on, still known to Temporal', async () => {
    const tenant = await newTenant(t);
    const orgId = await orgIdOf(tenant);
    const api = t.client(tenant.operator);
    const done = await runOf(orgId, { status: 'completed' });
    const finished = await failure(
      api.workflows.review.mutate({
        runId: done.id,
        draftKey: keyOf(done),
        gate: 'canon',
        decision: 'approve',
      }),
    );
    expect(finished.code).toBe('PRECONDITION_FAILED');
    expect(finished.message).toContain('completed');

    const waiting = await runOf(orgId, { status: 'waiting_for_approval', waitingGate: 'metric_schema' });
    const wrongGate = await failure(
      api.workflows.review.mutate({
        runId: waiting.id,
        draftKey: keyOf(waiting),
        gate: 'canon',
        decision: 'approve',
      }),
    );
    expect(wrongGate.code).toBe('CONFLICT');
    expect(wrongGate.message).toBe('the draft changed; reload');

    const gone = await runOf(orgId, { status: 'waiting_for_approval', waitingGate: 'canon', known: false });
    const unknown = await failure(
      api.workflows.review.mutate({
        runId: gone.id,
        draftKey: keyOf(gone),
        gate: 'canon',
        decision: 'approve',
      }),
    );
    expect(unknown.code).toBe('PRECONDITION_FAILED');
    for (const id of [done.id, waiting.id, gone.id]) expect(await approvalsOf(id)).toHaveLength(0);
  });

  it('enforces auth, roles, tenancy and input bounds', async () => {
    const { tenant, run } = await waitingRun('canon');
    const other = await newTenant(t);
    const input = { runId: run.id, draftKey: keyOf(run), gate: 'canon', decision: 'approve' as const };
    expect((await failure(t.client(null).workflows.review.mutate(input))).code).toBe('UNAUTHORIZED');
    expect((await failure(t.client(tenant.member).workflows.review.mutate(input))).code).toBe('FORBIDDEN');
    expect((await failure(t.client(other.admin).workflows.review.mutate(input))).code).toBe('NOT_FOUND');
    const api = t.client(tenant.operator);
    expect(fieldPaths(await failure(api.workflows.review.mutate({ ...input, runId: 'x' })))).toContain(
      'runId',
    );
    expect(
      fieldPaths(await failure(api.workflows.review.mutate({ ...input, gate: 'g'.repeat(61) }))),
    ).toContain('gate');
    expect(
      fieldPaths(await failure(api.workflows.review.mutate({ ...input, decision: 'maybe' as 'approve' }))),
    ).toContain('decision');
    expect(
      fieldPaths(
        await failure(
          api.workflows.review.mutate({
            ...input,
            approvedIds: Array.from({ length: 201 }, (_, i) => `a${i}`),
          }),
        ),
      ),
    ).toContain('approvedIds');
    expect(
      fieldPaths(await failure(api.workflows.review.mutate({ ...input, feedback: 'f'.repeat(5001) }))),
    ).toContain('feedback');
    expect(await approvalsOf(run.id)).toHaveLength(0);
    expect(callsFor(run.temporalWorkflowId, 'signal')).toHaveLength(0);
  });
});

describe('workflows.review: the draft it decides on', () => {
  it('records a double click once: one approval, one signal, the other CONFLICT', async () => {
    await expectDoubleClickRecordedOnce(t);
  });

  it('refuses a review of another draft, or while the next draft is generated, recording nothing', async () => {
    const { tenant, run, draftKey } = await waitingRunOf(t, { gate: 'canon' });
    const api = t.client(tenant.operator);
    const stale = await failure(
      api.workflows.review.mutate({
        runId: run.id,
        gate: 'canon',
        decision: 'approve',
        draftKey: 'canon:v1',
      }),
    );
    expect(stale).toMatchObject({ code: 'CONFLICT', message: 'the draft changed; reload' });
    const otherGate = await failure(
      api.workflows.review.mutate({ runId: run.id, gate: 'metric_schema', decision: 'approve', draftKey }),
    );
    expect(otherGate.code).toBe('CONFLICT');
    // After a reject the worker is generating the next draft: the run is running, waiting on nothing.
    await t.database.db
      .update(workflowRuns)
      .set({ status: 'running', waitingGate: null, waitingDraftKey: null })
      .where(eq(workflowRuns.id, run.id));
    const generating = await failure(
      api.workflows.review.mutate({ runId: run.id, gate: 'canon', decision: 'approve', draftKey }),
    );
    expect(generating.code).toBe('CONFLICT');
    expect(await approvalsOf(run.id)).toHaveLength(0);
    expect(callsFor(run.temporalWorkflowId, 'signal')).toHaveLength(0);
    expect(await auditOf(run.id)).toHaveLength(0);
  });

  it('gives the draft back when the signal fails, and claims it when the review goes through', async () => {
    const { tenant, run, draftKey } = await waitingRunOf(t);
    const api = t.client(tenant.operator);
    const input = { runId: run.id, gate: 'canon', decision: 'approve' as const, draftKey };
    t.gateway.failNext();
    expect((await failure(api.workflows.review.mutate(input))).code).toBe('SERVICE_UNAVAILABLE');
    expect((await runRow(run.id))?.waitingDraftKey).toBe(draftKey);
    await api.workflows.review.mutate(input);
    expect((await runRow(run.id))?.waitingDraftKey).toBeNull();
    expect((await failure(api.workflows.review.mutate(input))).code).toBe('CONFLICT');
    expect(await approvalsOf(run.id)).toHaveLength(1);
  });

  it('accepts retry only at step_failed', async () => {
    const tn = await newTenant(t);
    const canon = await waitingRunOf(t, { gate: 'canon', tenant: tn });
    const api = t.client(tn.operator);
    const outside = await failure(
      api.workflows.review.mutate({
        runId: canon.run.id,
        gate: 'canon',
        decision: 'retry',
        draftKey: canon.draftKey,
      }),
    );
    expect(outside.code).toBe('BAD_REQUEST');
    expect(fieldPaths(outside)).toEqual(['decision']);
    expect(await approvalsOf(canon.run.id)).toHaveLength(0);

    const failed = await waitingRunOf(t, { gate: 'step_failed', tenant: tn });
    const res = await api.workflows.review.mutate({
      runId: failed.run.id,
      gate: 'step_failed',
      decision: 'retry',
      draftKey: failed.draftKey,
      feedback: 'the key is fixed now',
    });
    expect(callsFor(failed.run.temporalWorkflowId, 'signal')).toEqual([
      expect.objectContaining({
        signal: 'review',
        args: [
          expect.objectContaining({
            gate: 'step_failed',
            decision: 'retry',
            draftKey: failed.draftKey,
            feedback: 'the key is fixed now',
            approvalId: res.approvalId,
          }),
        ],
      }),
    ]);
  });

  it("validates an edit at step_failed against the failed step's artifact type, from the live status", async () => {
    const tenant = await newTenant(t);
    const api = t.client(tenant.operator);
    const client = await t.client(tenant.admin).clients.create.mutate({ name: 'Edited Step Co' });
    const { run, draftKey } = await waitingRunOf(t, { gate: 'step_failed', tenant, clientId: client.id });
    const snapshot: WorkflowStatusSnapshot = {
      workflow: 'ClientOnboarding',
      step: 'wait:step_failed',
      waitingFor: 'step_failed',
      draftKey,
      draftArtifactIds: [],
      attempt: 3,
      maxAttempts: 3,
      lastError: null,
      stepFailure: {
        step: 'build_metric_schema',
        artifactType: 'metric_schema',
        kind: 'invalid_output',
        lastAnswer: null,
        problems: ['primaryKpis.0: unknown metric'],
        attempts: 3,
        at: new Date().toISOString(),
      },
      completedSteps: [],
      stopRequested: false,
    };
    t.gateway.queryResults.set(`${run.temporalWorkflowId}:status`, snapshot);
    const input = { runId: run.id, gate: 'step_failed', decision: 'edit' as const, draftKey };
    const wrong = await failure(
      api.workflows.review.mutate({ ...input, edited: structuredClone(artifactExamples.client_canon) }),
    );
    expect(wrong.code).toBe('BAD_REQUEST');
    expect(fieldPaths(wrong).length).toBeGreaterThan(0);
    expect(fieldPaths(wrong).every((p) => p.startsWith('edited'))).toBe(true);
    expect(await approvalsOf(run.id)).toHaveLength(0);

    // A person writes what the model would: no system fields (clientId here); code fills them, as the worker will.
    const { clientId: _ownedByCode, ...metric } = structuredClone(artifactExamples.metric_schema);
    expect(MetricSchema.safeParse(metric).success).toBe(false);
    const res = await api.workflows.review.mutate({ ...input, edited: metric });
    const [signal] = callsFor(run.temporalWorkflowId, 'signal');
    expect(signal).toMatchObject({
      args: [{ decision: 'edit', edited: metric, approvalId: res.approvalId }],
    });
  });

  it('validates an edit of a failed AI page draft (documentType funnel_page) as a page document', async () => {
    const tenant = await newTenant(t);
    const api = t.client(tenant.operator);
    const { run, draftKey } = await waitingRunOf(t, { gate: 'step_failed', tenant });
    const snapshot: WorkflowStatusSnapshot = {
      workflow: 'FunnelPageDraft',
      step: 'wait:step_failed',
      waitingFor: 'step_failed',
      draftKey,
      draftArtifactIds: [],
      attempt: 1,
      maxAttempts: 3,
      lastError: null,
      stepFailure: {
        step: 'draft_page',
        artifactType: null,
        documentType: 'funnel_page',
        kind: 'invalid_output',
        lastAnswer: null,
        problems: ['blocks: Rule: An entry page has a lead form or a call to action'],
        attempts: 3,
        at: new Date().toISOString(),
      },
      completedSteps: [],
      stopRequested: false,
    };
    t.gateway.queryResults.set(`${run.temporalWorkflowId}:status`, snapshot);
    const input = { runId: run.id, gate: 'step_failed', decision: 'edit' as const, draftKey };
    const wrong = await failure(
      api.workflows.review.mutate({ ...input, edited: { root: { props: { title: '' } }, content: [] } }),
    );
    expect(wrong.code).toBe('BAD_REQUEST');
    expect(fieldPaths(wrong)).toContain('edited.root.props.title');
    expect(await approvalsOf(run.id)).toHaveLength(0);

    const page = {
      root: { props: { title: 'Hand-written', description: '', ogImage: null, favicon: null } },
      content: [{ type: 'RichText', props: { id: 'text-1', text: 'Written by a person.' } }],
      zones: {},
    };
    const res = await api.workflows.review.mutate({ ...input, edited: page });
    const [signal] = callsFor(run.temporalWorkflowId, 'signal');
    expect(signal).toMatchObject({ args: [{ decision: 'edit', edited: page, approvalId: res.approvalId }] });
  });

  it('forwards an edit at step_failed unvalidated when the live status cannot be read', async () => {
    const { tenant, run, draftKey } = await waitingRunOf(t, { gate: 'step_failed' });
    t.gateway.failNext();
    const edited = { anything: 'the workflow validates it' };
    const res = await t.client(tenant.operator).workflows.review.mutate({
      runId: run.id,
      gate: 'step_failed',
      decision: 'edit',
      draftKey,
      edited,
    });
    expect(callsFor(run.temporalWorkflowId, 'query')).toHaveLength(1);
    expect(callsFor(run.temporalWorkflowId, 'signal')).toEqual([
      expect.objectContaining({ args: [expect.objectContaining({ edited, approvalId: res.approvalId })] }),
    ]);
  });
});

describe('gateway failures, classified by their reason (never by their text)', () => {
  it('maps not_found, unavailable, failed and already_started, recording nothing', async () => {
    const tenant = await newTenant(t);
    const orgId = await orgIdOf(tenant);
    const api = t.client(tenant.operator);
    const { run, draftKey } = await waitingRunOf(t, { tenant });
    const review = { runId: run.id, gate: 'canon', decision: 'approve' as const, draftKey };
    t.gateway.failNext('workflow not found', 'unavailable');
    expect((await failure(api.workflows.review.mutate(review))).code).toBe('SERVICE_UNAVAILABLE');
    t.gateway.failNext('connection refused', 'not_found');
    expect((await failure(api.workflows.review.mutate(review))).code).toBe('PRECONDITION_FAILED');
    t.gateway.failNext('bad request', 'failed');
    expect((await failure(api.workflows.stop.mutate({ runId: run.id }))).code).toBe('SERVICE_UNAVAILABLE');
    expect(await approvalsOf(run.id)).toHaveLength(0);
    expect(await auditOf(run.id)).toHaveLength(0);
    expect((await runRow(run.id))?.status).toBe('waiting_for_approval');

    const client = await clientOf(tenant);
    const campaign = await campaignOf(orgId, client.id);
    t.gateway.failNext('workflow execution already started', 'already_started');
    const again = await failure(api.campaigns.testRun.mutate({ id: campaign.id }));
    expect(again.code).toBe('CONFLICT');
    const runs = await t.database.db
      .select()
      .from(workflowRuns)
      .where(eq(workflowRuns.campaignId, campaign.id));
    expect(runs).toHaveLength(0);
  });
});

describe('workflows.stop', () => {
  it('signals stop, logs and audits the request, leaving the status to the workflow', async () => {
    const tenant = await newTenant(t);
    const orgId = await orgIdOf(tenant);
    const run = await runOf(orgId, { kind: 'experiment_cycle' });
    const res = await t.client(tenant.operator).workflows.stop.mutate({ runId: run.id });
    expect(res).toEqual({ runId: run.id, outcome: 'requested' });
    expect(callsFor(run.temporalWorkflowId, 'signal')).toEqual([
      { op: 'signal', workflowId: run.temporalWorkflowId, signal: 'stop', args: [] },
    ]);
    expect(callsFor(run.temporalWorkflowId, 'cancel')).toHaveLength(0);
    const logs = await listActivityLogs(t.database.db, orgId, run.id);
    expect(logs.map((l) => `${l.step}/${l.status}`)).toEqual(['stop/requested']);
    expect((await auditOf(run.id)).map((a) => a.action)).toEqual(['workflow.stop']);
    expect((await runRow(run.id))?.status).toBe('running');
  });

  it('cancels and marks the run cancelled when Temporal no longer knows the workflow', async () => {
    const tenant = await newTenant(t);
    const orgId = await orgIdOf(tenant);
    const run = await runOf(orgId, { status: 'waiting_for_approval', waitingGate: 'canon', known: false });
    const res = await t.client(tenant.admin).workflows.stop.mutate({ runId: run.id });
    expect(res).toEqual({ runId: run.id, outcome: 'cancelled' });
    expect(callsFor(run.temporalWorkflowId, 'cancel')).toHaveLength(1);
    const row = await runRow(run.id);
    expect(row).toMatchObject({ status: 'cancelled', waitingGate: null });
    expect(row?.finishedAt).toBeInstanceOf(Date);
    const logs = await listActivityLogs(t.database.db, orgId, run.id);
    expect(logs.map((l) => `${l.step}/${l.status}`)).toEqual(['stop/cancelled']);
  });

  it('changes nothing when Temporal is unreachable, and refuses finished runs', async () => {
    const tenant = await newTenant(t);
    const orgId = await orgIdOf(tenant);
    const run = await runOf(orgId);
    t.gateway.failNext();
    const down = await failure(t.client(tenant.operator).workflows.stop.mutate({ runId: run.id }));
    expect(down.code).toBe('SERVICE_UNAVAILABLE');
    expect(await listActivityLogs(t.database.db, orgId, run.id)).toHaveLength(0);
    expect(await auditOf(run.id)).toHaveLength(0);
    expect((await runRow(run.id))?.status).toBe('running');
    expect(callsFor(run.temporalWorkflowId, 'cancel')).toHaveLength(0);

    for (const status of ['completed', 'failed', 'cancelled'] as const) {
      const closed = await runOf(orgId, { status });
      const refused = await failure(t.client(tenant.operator).workflows.stop.mutate({ runId: closed.id }));
      expect(refused.code).toBe('PRECONDITION_FAILED');
      expect(callsFor(closed.temporalWorkflowId, 'signal')).toHaveLength(0);
    }
  });

  it('enforces auth, roles and tenancy', async () => {
    const tenant = await newTenant(t);
    const other = await newTenant(t);
    const run = await runOf(await orgIdOf(tenant));
    expect((await failure(t.client(null).workflows.stop.mutate({ runId: run.id }))).code).toBe(
      'UNAUTHORIZED',
    );
    expect((await failure(t.client(tenant.member).workflows.stop.mutate({ runId: run.id }))).code).toBe(
      'FORBIDDEN',
    );
    expect((await failure(t.client(other.admin).workflows.stop.mutate({ runId: run.id }))).code).toBe(
      'NOT_FOUND',
    );
    expect(fieldPaths(await failure(t.client(tenant.admin).workflows.stop.mutate({ runId: '1' })))).toContain(
      'runId',
    );
    expect(callsFor(run.temporalWorkflowId, 'signal')).toHaveLength(0);
    expect((await runRow(run.id))?.status).toBe('running');
  });
});

describe('database round trips', () => {
  it('workflows.get and workflows.list cost one statement each once the member is known', async () => {
    const statements: string[] = [];
    const database = await createDb('pglite:memory', { onQuery: (q) => statements.push(q) });
    try {
      await migrate(database);
      const env = parseApiEnv({
        MOS_ENV: 'test',
        DATABASE_URL: 'pglite:memory',
        AUTH_MODE: 'local',
        WEB_ORIGINS: WEB_ORIGIN,
      });
      const services = buildServices({
        env,
        database,
        gateway: new MemoryWorkflowGateway(),
        localKeys: t.keys,
      });
      const app = createApp({ env, services, localSignIn: localSignIn(t.keys) });
      const tenant = await newTenant(t);
      const call = async (path: string, input: unknown) => {
        const res = await app.request(
          `http://mos.test/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`,
          {
            headers: { authorization: `Bearer ${tenant.admin}` },
          },
        );
        return {
          status: res.status,
          body: (await res.json()) as { result?: { data?: { run?: { id: string } } } },
        };
      };
      // Resolve (and cache) the member first; its upserts are not part of the procedures' cost.
      await call('me.get', {});
      const orgId = (await database.db.query.orgs.findFirst())?.id;
      if (!orgId) throw new Error('no org');
      const [run] = await database.db
        .insert(workflowRuns)
        .values({
          orgId,
          kind: 'client_onboarding',
          status: 'completed',
          temporalWorkflowId: 'wf',
          temporalRunId: 'r',
        })
        .returning();
      if (!run) throw new Error('no run');
      await logActivity(database.db, { orgId, workflowRunId: run.id, step: 's', status: 'ok' });

      statements.length = 0;
      const got = await call('workflows.get', { runId: run.id });
      expect(got.status).toBe(200);
      expect(got.body.result?.data?.run?.id).toBe(run.id);
      expect(statements).toHaveLength(1);

      statements.length = 0;
      expect((await call('workflows.list', { clientId: crypto.randomUUID() })).status).toBe(200);
      expect(statements).toHaveLength(1);
    } finally {
      await database.close();
    }
  });
});
