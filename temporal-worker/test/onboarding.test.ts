import {
  activityLogs,
  approvals,
  artifacts,
  createOnboardingPayload,
  createWorkflowRun,
  llmCalls,
} from '@mos/db';
import { ClientCanon, MetricSchema, RESEARCH_STEP_KEYS, ResearchStep } from '@mos/db/artifacts';
import type { WorkflowStatusSnapshot } from '@mos/db/contracts';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { and, asc, eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../src/activities/index';
import type { ResearchStepInput } from '../src/activities/research';
import { recordHistory } from './support/histories';
import { exampleIntake, failure, review, type Stack, startStack, type Tenant } from './support/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
}, 120_000);
afterAll(async () => {
  await stack?.close();
}, 60_000);

const FEEDBACK = 'Lead with the 60-day guarantee';

async function live(t: Tenant, runId: string): Promise<WorkflowStatusSnapshot | null> {
  const detail = await t.operator.workflows.get.query({ runId });
  return (detail.live as WorkflowStatusSnapshot | null) ?? null;
}

/** Waits (through workflows.get, as the UI does) until the run waits at `gate` with draft number `attempt`. */
async function waitAtGate(
  t: Tenant,
  runId: string,
  gate: string,
  attempt = 1,
): Promise<WorkflowStatusSnapshot> {
  return stack.waitFor(
    async () => {
      const s = await live(t, runId);
      return s?.waitingFor === gate && s.attempt === attempt && s.draftArtifactIds.length > 0 ? s : null;
    },
    { what: `run ${runId} waiting at ${gate} (draft ${attempt})` },
  );
}

async function newOnboarding(t: Tenant) {
  const client = await t.createClient();
  await t.admin.offers.create.mutate({
    clientId: client.id,
    name: 'Barrier Reset Serum',
    description: '30 ml serum with 5% niacinamide and three ceramides',
    businessModel: 'subscription',
    differentiationBullets: ['Patch-tested on reactive skin every batch'],
    guaranteeText: '60-day calm skin guarantee, full refund',
    pricePoints: [{ label: 'One-off', amountCents: 3800, currency: 'USD' }],
  });
  const started = await t.operator.onboarding.start.mutate({ clientId: client.id, intake: exampleIntake() });
  return { client, ...started };
}

describe('ClientOnboarding end to end through worker-api', () => {
  it('researches, drafts the canon, regenerates it with feedback, takes an edit, approves the metric schema', async () => {
    const t = await stack.newTenant();
    const since = stack.llm.requests.length;
    const requests = () => stack.llm.requests.slice(since);
    const { client, runId, workflowId } = await newOnboarding(t);
    expect(workflowId).toMatch(new RegExp(`^client-onboarding-${client.id}-`));

    // Research child: seven research_step artifacts keyed on the onboarding run, then the first canon draft.
    const first = await waitAtGate(t, runId, 'canon');
    const research = await stack.db
      .select()
      .from(artifacts)
      .where(and(eq(artifacts.workflowRunId, runId), eq(artifacts.type, 'research_step')))
      .orderBy(asc(artifacts.stepKey));
    expect(research.map((r) => r.stepKey)).toEqual(RESEARCH_STEP_KEYS.map((k) => `research:${k}`));
    for (const [i, row] of research.entries()) {
      const step = ResearchStep.parse(row.data);
      expect(step.stepKey).toBe(RESEARCH_STEP_KEYS[i]);
      expect(row.clientId).toBe(client.id);
    }
    const step03 = ResearchStep.parse(research[1]?.data);
    expect(step03.handoff).not.toBeNull();
    // Step 04 ran the prompt step 03 wrote, with web search; every step read what the table says it reads.
    const researchRequests = requests().filter((r) => r.schemaName === 'ResearchStep');
    expect(researchRequests).toHaveLength(RESEARCH_STEP_KEYS.length);
    const step04 = researchRequests.find((r) => r.text.includes('MOS research step 04'));
    expect(step04?.tools).toContain('web_search');
    expect(step04?.text).toContain(step03.handoff?.slice(0, 80));
    const step09 = researchRequests.find((r) => r.text.includes('MOS research step 09'));
    const step08 = ResearchStep.parse(research[5]?.data);
    expect(step09?.text).toContain(step08.summary.slice(0, 80));
    // Later steps read earlier steps in full (not capped summaries) and the evidence table, quotes verbatim.
    expect(step09?.text).toContain(step08.content);
    expect(step09?.text).toContain(JSON.stringify(step08.necessaryBeliefs?.[0]?.belief));
    const step04Doc = ResearchStep.parse(research[2]?.data);
    const quote = step04Doc.evidence.find((e) => e.kind === 'quote');
    expect(step09?.text).toContain(`| 04:${quote?.id} | quote | customer |`);
    expect(step09?.text).toContain(quote?.text);

    // Provenance: URLs the search returned (url_citation) are provider citations and the step's sources; a URL
    // only in the model's text is model_stated and never a source. Stale is the clock's verdict, not the model's.
    const step01 = ResearchStep.parse(research[0]?.data);
    const byId = new Map(step01.evidence.map((e) => [e.id, e]));
    expect(byId.get('c1')).toMatchObject({ provenance: 'provider_citation', stale: false });
    expect(byId.get('c4')).toMatchObject({
      url: 'https://www.byoma.com/',
      provenance: 'model_stated',
      stale: true,
    });
    expect(step01.sources.map((s) => s.url)).not.toContain('https://www.byoma.com/');
    expect(step01.sources.map((s) => s.url)).toContain('https://www.cerave.com/skincare/serums');
    expect(step01).toMatchObject({ webSearchUsed: true, fromModelKnowledge: false });
    expect(step01.competitorTraction?.length).toBeGreaterThan(0);
    expect(step01.landingPageMap?.length).toBeGreaterThan(0);
    expect(step04Doc.quoteBank?.length).toBeGreaterThanOrEqual(5);

    const v1Id = first.draftArtifactIds[0] ?? '';
    const v1 = await t.operator.artifacts.get.query({ id: v1Id });
    expect(v1).toMatchObject({
      type: 'client_canon',
      version: 1,
      status: 'draft',
      source: 'ai',
      clientId: client.id,
    });
    const canon1 = ClientCanon.parse(v1.data);
    expect(canon1.clientId).toBe(client.id);
    expect(canon1.research?.sourceArtifactIds).toEqual(research.map((r) => r.id));
    // Quotes carry the URL of the evidence record they cite; beliefs are research steps 08 and 09 as written;
    // one ICP per avatar of the avatar brief.
    for (const q of canon1.voiceOfCustomer.quotes) {
      const [key, id] = (q.evidenceRef ?? '').split(':');
      const record = research
        .map((r) => ResearchStep.parse(r.data))
        .find((r) => r.stepKey === key)
        ?.evidence.find((e) => e.id === id);
      expect(record?.text).toContain(q.quote);
      expect(q.sourceUrl).toBe(record?.url);
    }
    expect(canon1.voiceOfCustomer.quotes.length).toBeGreaterThan(0);
    expect(canon1.beliefs.necessary).toEqual(step08.necessaryBeliefs);
    expect(canon1.beliefs.iBelieve).toEqual(ResearchStep.parse(research[6]?.data).iBelieveStatements);
    expect(canon1.icps).toHaveLength(ResearchStep.parse(research[3]?.data).avatars?.length ?? -1);
    expect(canon1.research?.fromModelKnowledge).toBe(false);

    // The canon prompt carried the intake, the real offer and the research summaries.
    const canonRequests = () => requests().filter((r) => r.schemaName === 'ClientCanon');
    expect(canonRequests()).toHaveLength(1);
    expect(canonRequests()[0]?.text).toContain('60-day calm skin guarantee, full refund');
    expect(canonRequests()[0]?.text).toContain(ResearchStep.parse(research[2]?.data).summary.slice(0, 60));
    expect(canonRequests()[0]?.text).toContain(step04Doc.content);
    expect(canonRequests()[0]?.text).toContain(`| 04:${quote?.id} | quote | customer |`);
    expect(canonRequests()[0]?.text).not.toContain(FEEDBACK);

    // An edit that is not a ClientCanon is refused by the API; nothing reaches the workflow.
    const bad = await failure(
      review(stack, t.operator, {
        runId,
        gate: 'canon',
        decision: 'edit',
        edited: { clientId: client.id },
      }),
    );
    expect(bad.code).toBe('BAD_REQUEST');

    // Reject with feedback: a second draft, whose prompt carries the feedback and the rejected draft.
    await review(stack, t.operator, {
      runId,
      gate: 'canon',
      decision: 'reject',
      feedback: FEEDBACK,
    });
    const second = await waitAtGate(t, runId, 'canon', 2);
    const v2Id = second.draftArtifactIds[0] ?? '';
    expect(v2Id).not.toBe(v1Id);
    expect(canonRequests()).toHaveLength(2);
    expect(canonRequests()[1]?.text).toContain(FEEDBACK);
    expect(canonRequests()[1]?.text).toContain(canon1.brand.story.slice(0, 60));

    // Edit and approve: a changed field, stored as an approved human version.
    const v2 = await t.operator.artifacts.get.query({ id: v2Id });
    expect(v2).toMatchObject({ version: 2, status: 'draft', source: 'ai' });
    const canon2 = ClientCanon.parse(v2.data);
    const mission = 'Calm, reactive skin in three minutes a day, with a 60-day guarantee.';
    const edited: ClientCanon = { ...canon2, brand: { ...canon2.brand, mission } };
    await review(stack, t.operator, { runId, gate: 'canon', decision: 'edit', edited });

    // Metric schema from the approved canon and the intake's markets, languages, funnel and business model.
    const metric = await waitAtGate(t, runId, 'metric_schema');
    const metricRequest = requests().filter((r) => r.schemaName === 'MetricSchema');
    expect(metricRequest).toHaveLength(1);
    expect(metricRequest[0]?.text).toContain(mission);
    expect(metricRequest[0]?.text).toContain(exampleIntake().funnelNotes);
    await review(stack, t.operator, { runId, gate: 'metric_schema', decision: 'approve' });
    await stack.waitForRunStatus(t.orgId, runId, 'completed');

    // Canon: v1 and v2 drafts by the AI, v3 the reviewer's approved edit.
    const versions = await t.operator.artifacts.versions.query({ clientId: client.id, type: 'client_canon' });
    expect(
      versions.map((v: { version: number; status: string; source: string }) => [
        v.version,
        v.status,
        v.source,
      ]),
    ).toEqual([
      [3, 'approved', 'human'],
      [2, 'draft', 'ai'],
      [1, 'draft', 'ai'],
    ]);
    const v3 = await t.operator.artifacts.latest.query({
      clientId: client.id,
      type: 'client_canon',
      status: 'approved',
    });
    expect(ClientCanon.parse(v3?.data).brand.mission).toBe(mission);

    const schemaRow = await t.operator.artifacts.get.query({ id: metric.draftArtifactIds[0] ?? '' });
    expect(schemaRow).toMatchObject({ type: 'metric_schema', version: 1, status: 'approved', source: 'ai' });
    const schema = MetricSchema.parse(schemaRow.data);
    expect(schema).toMatchObject({
      clientId: client.id,
      markets: ['US', 'UK'],
      languages: ['en-US', 'en-GB'],
    });

    // Approvals: one row per decision; the approver is recorded on the artifacts.
    const decisions = await stack.db
      .select()
      .from(approvals)
      .where(eq(approvals.workflowRunId, runId))
      .orderBy(asc(approvals.decidedAt));
    expect(decisions.map((a) => [a.gate, a.decision, a.feedback])).toEqual([
      ['canon', 'reject', FEEDBACK],
      ['canon', 'edit', null],
      ['metric_schema', 'approve', null],
    ]);
    expect(schemaRow.approvedBy).toBe(decisions[2]?.decidedBy);
    expect(v3?.createdByUser).toBe(decisions[1]?.decidedBy);

    const readiness = await t.operator.onboarding.readiness.query({ clientId: client.id });
    expect(readiness.ready).toBe(true);

    // The run as the list shows it, and its step log written once per step.
    const detail = await t.operator.workflows.get.query({ runId });
    expect(detail.run).toMatchObject({
      status: 'completed',
      currentStep: 'done',
      waitingGate: null,
      error: null,
    });
    expect(detail.live).toBeNull();
    const logs = await stack.db
      .select()
      .from(activityLogs)
      .where(and(eq(activityLogs.workflowRunId, runId), isNotNull(activityLogs.idempotencyKey)));
    const completed = logs.filter((l) => l.status === 'completed').map((l) => l.step);
    expect(new Set(completed)).toEqual(
      new Set([
        'research',
        ...RESEARCH_STEP_KEYS.map((k) => `research:${k}`),
        'build_canon',
        'edit_canon',
        'build_metric_schema',
        'approve_metric_schema',
      ]),
    );
    expect(completed.filter((s) => s === 'build_canon')).toHaveLength(2);

    const calls = await stack.db.select().from(llmCalls).where(eq(llmCalls.workflowRunId, runId));
    expect(calls).toHaveLength(RESEARCH_STEP_KEYS.length + 3);
    expect(calls.every((c) => c.status === 'ok')).toBe(true);

    const handle = await stack.handleOf(t.orgId, runId);
    const result = await handle.result();
    expect(result).toMatchObject({ canonArtifactId: v3?.id, metricSchemaArtifactId: schemaRow.id });
    await recordHistory(handle, 'client-onboarding');
    await recordHistory(stack.client.workflow.getHandle(`${workflowId}-research`), 'client-research');
  }, 60_000);

  it('stops cleanly while waiting at the canon gate', async () => {
    const t = await stack.newTenant();
    const { client, runId } = await newOnboarding(t);
    await waitAtGate(t, runId, 'canon');
    await t.operator.workflows.stop.mutate({ runId });
    await stack.waitForRunStatus(t.orgId, runId, 'cancelled');
    const handle = await stack.handleOf(t.orgId, runId);
    expect(await handle.result()).toEqual({ stopped: true });
    const approved = await stack.db
      .select()
      .from(artifacts)
      .where(and(eq(artifacts.workflowRunId, runId), eq(artifacts.status, 'approved')));
    expect(approved).toHaveLength(0);
    expect((await t.operator.onboarding.readiness.query({ clientId: client.id })).ready).toBe(false);
    await recordHistory(handle, 'client-onboarding-stopped');
  }, 30_000);

  it('stops cleanly during research; the research child goes with it', async () => {
    const t = await stack.newTenant();
    const since = stack.llm.requests.length;
    stack.llm.setDelay(3_000);
    try {
      const { runId, workflowId } = await newOnboarding(t);
      await stack.waitFor(
        () => stack.llm.requests.slice(since).some((r) => r.schemaName === 'ResearchStep'),
        {
          what: 'the first research request',
        },
      );
      await t.operator.workflows.stop.mutate({ runId });
      await stack.waitForRunStatus(t.orgId, runId, 'cancelled', { timeoutMs: 10_000 });
      expect(await (await stack.handleOf(t.orgId, runId)).result()).toEqual({ stopped: true });
      // The parent-close policy terminates the child once the server has processed the parent's completion.
      const child = stack.client.workflow.getHandle(`${workflowId}-research`);
      await stack.waitFor(async () => (await child.describe()).status.name === 'TERMINATED', {
        what: 'the research child to be terminated',
      });
      const detail = await t.operator.workflows.get.query({ runId });
      expect(detail.run).toMatchObject({ status: 'cancelled', waitingGate: null });
    } finally {
      stack.llm.setDelay(0);
    }
  }, 30_000);
});

describe('research step activity', () => {
  // Activity failures are expected here; the mock environment would log each one at ERROR.
  const mockEnv = () =>
    new MockActivityEnvironment(undefined, { logger: new DefaultLogger('ERROR', () => undefined) });

  async function fixture() {
    const t = await stack.newTenant();
    const client = await t.createClient();
    const payload = await createOnboardingPayload(stack.db, t.orgId, {
      clientId: client.id,
      data: exampleIntake(),
      createdBy: null,
    });
    const run = await createWorkflowRun(stack.db, {
      id: crypto.randomUUID(),
      orgId: t.orgId,
      clientId: client.id,
      campaignId: null,
      kind: 'client_onboarding',
      temporalWorkflowId: `activity-test-${crypto.randomUUID()}`,
      temporalRunId: crypto.randomUUID(),
      input: {},
      startedBy: null,
    });
    const input: Omit<ResearchStepInput, 'stepKey'> = {
      orgId: t.orgId,
      parentRunId: run.id,
      clientId: client.id,
      onboardingPayloadId: payload.id,
      summaries: {},
      handoff: null,
    };
    return {
      input,
      activities: createActivities({ db: stack.db, llm: stack.llmClient, clock: () => new Date() }),
    };
  }

  it('stores one artifact per (run, step), heartbeats while the model works, and a retry reuses it', async () => {
    const { input, activities } = await fixture();
    const env = mockEnv();
    const heartbeats: unknown[] = [];
    env.on('heartbeat', (d: unknown) => heartbeats.push(d));
    const since = stack.llm.requests.length;

    const first = await env.run(activities.runResearchStep, { ...input, stepKey: '01' as const });
    expect(heartbeats.length).toBeGreaterThan(0);
    const again = await env.run(activities.runResearchStep, { ...input, stepKey: '01' as const });
    expect(again).toEqual(first);
    expect(stack.llm.requests.slice(since)).toHaveLength(1);

    const rows = await stack.db
      .select()
      .from(artifacts)
      .where(eq(artifacts.workflowRunId, input.parentRunId));
    expect(rows.map((r) => r.stepKey)).toEqual(['research:01']);
    const step = ResearchStep.parse(rows[0]?.data);
    expect(step).toMatchObject({
      stepKey: '01',
      title: 'Competitor research',
      model: 'gpt-5.2',
      handoff: null,
    });
    // Web search ran and its citations became the step's sources; the stored hash is the one the call logged.
    expect(step.webSearchUsed).toBe(true);
    const [call] = await stack.db
      .select()
      .from(llmCalls)
      .where(eq(llmCalls.workflowRunId, input.parentRunId));
    expect(step.promptSha256).toBe(call?.promptSha256);
  });

  it('refuses a step whose earlier summaries are missing, before any LLM call', async () => {
    const { input, activities } = await fixture();
    const since = stack.llm.requests.length;
    await expect(
      mockEnv().run(activities.runResearchStep, {
        ...input,
        stepKey: '07' as const,
        summaries: { '04': 'x', '06': 'y' },
      }),
    ).rejects.toMatchObject({
      name: 'ValidationError',
      message: expect.stringMatching(/needs step 04, which is not stored/),
    });
    await expect(
      mockEnv().run(activities.runResearchStep, { ...input, stepKey: '04' as const }),
    ).rejects.toMatchObject({ name: 'ValidationError' });
    expect(stack.llm.requests.slice(since)).toHaveLength(0);
  });
});
