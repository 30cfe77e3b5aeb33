import { activityLogs, artifacts, getWorkflowRun, llmCalls, setLlmBudget } from '@mos/db';
import { AssetBriefSet, ResearchStep } from '@mos/db/artifacts';
import { SIGNAL_REVIEW, StepFailure, type WorkflowStatusSnapshot } from '@mos/db/contracts';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strictSchemaProblems } from '../src/llm/strict-schema';
import { plannedCampaign } from './support/production';
import { exampleIntake, review, type Stack, startStack, type Tenant, waitingDraftKey } from './support/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
}, 120_000);
afterAll(async () => {
  await stack?.close();
}, 60_000);

const SEEDS = [11, 23, 37];

/** Where a run stopped to wait, or how it ended, as the run row and the status query tell it. */
interface Stop {
  status: string;
  gate: string | null;
  draftKey: string | null;
  live: WorkflowStatusSnapshot | null;
}

/** Waits until the run waits with a draft key other than `after`, or ends. */
async function nextStop(t: Tenant, runId: string, after: string | null): Promise<Stop> {
  return stack.waitFor(
    async () => {
      const row = await getWorkflowRun(stack.db, t.orgId, runId);
      if (!row) return null;
      if (['completed', 'failed', 'cancelled'].includes(row.status)) {
        return { status: row.status, gate: null, draftKey: null, live: null };
      }
      const key = await waitingDraftKey(stack, runId);
      if (row.status !== 'waiting_for_approval' || key === 'none' || key === after) return null;
      const live = (await t.operator.workflows.get.query({ runId })).live as WorkflowStatusSnapshot | null;
      return live?.draftKey === key
        ? { status: row.status, gate: row.waitingGate, draftKey: key, live }
        : null;
    },
    { what: `run ${runId} to wait at a new draft or end`, timeoutMs: 60_000, intervalMs: 100 },
  );
}

/** What a person reads at step_failed must say what went wrong: `path: message` lines or the provider's words. */
function expectReadable(failure: StepFailure | null | undefined): StepFailure {
  const parsed = StepFailure.parse(failure);
  expect(parsed.problems.length).toBeGreaterThan(0);
  for (const p of parsed.problems) expect(p.trim().length).toBeGreaterThan(3);
  return parsed;
}

/**
 * Drives a run to its end: every gate approved, every step_failed retried after switching the stand-in to its
 * fixtures (a model that answers well). Returns every stop on the way; the run must never be `failed`.
 */
async function drive(t: Tenant, runId: string): Promise<Stop[]> {
  const stops: Stop[] = [];
  let after: string | null = null;
  for (let i = 0; i < 30; i++) {
    const stop = await nextStop(t, runId, after);
    stops.push(stop);
    expect(stop.status).not.toBe('failed');
    if (stop.status !== 'waiting_for_approval') return stops;
    if (stop.gate === 'step_failed') {
      expectReadable(stop.live?.stepFailure);
      stack.llm.setMode({ kind: 'fixtures' });
      await review(stack, t.operator, {
        runId,
        gate: 'step_failed',
        decision: 'retry',
        draftKey: stop.draftKey ?? '',
      });
    } else {
      await review(stack, t.operator, {
        runId,
        gate: stop.gate ?? '',
        decision: 'approve',
        draftKey: stop.draftKey ?? '',
      });
    }
    after = stop.draftKey;
  }
  throw new Error(`run ${runId} did not end within 30 decisions`);
}

async function newOnboarding(t: Tenant) {
  const client = await t.createClient();
  const started = await t.operator.onboarding.start.mutate({ clientId: client.id, intake: exampleIntake() });
  return { client, ...started };
}

/** Every JSON schema the stand-in received since `since` is one OpenAI strict mode accepts. */
function expectStrictRequests(since: number): void {
  const sent = stack.llm.requests.slice(since).filter((r) => r.jsonSchema !== null);
  expect(sent.length).toBeGreaterThan(0);
  for (const r of sent)
    expect({ name: r.schemaName, problems: strictSchemaProblems(r.jsonSchema) }).toEqual({
      name: r.schemaName,
      problems: [],
    });
}

describe('LLM steps driven by a model that writes anything the schema admits', () => {
  it.each(SEEDS)(
    'onboarding (seed %i) reaches its gates or waits at step_failed, never failed; retry finishes it',
    async (seed) => {
      const t = await stack.newTenant();
      const since = stack.llm.requests.length;
      stack.llm.setMode({ kind: 'schema', seed });
      try {
        const { runId } = await newOnboarding(t);
        const stops = await drive(t, runId);
        expect(stops.at(-1)?.status).toBe('completed');
        // The first stop came from schema-driven answers: a gate, or step_failed with readable problems.
        const first = stops[0];
        expect(['canon', 'metric_schema', 'step_failed']).toContain(first?.gate);
        // The model was never asked for what it cannot know.
        for (const r of stack.llm.requests.slice(since).filter((x) => x.schemaName === 'ResearchStep')) {
          const props = Object.keys((r.jsonSchema as { properties: object }).properties);
          expect(props).not.toContain('promptSha256');
          expect(props).not.toContain('model');
          expect(props).not.toContain('webSearchUsed');
        }
        expectStrictRequests(since);
      } finally {
        stack.llm.setMode({ kind: 'fixtures' });
      }
    },
  );

  it.each(SEEDS)(
    'campaign planning (seed %i) never fails; retry after step_failed finishes it',
    async (seed) => {
      const t = await stack.newTenant();
      const client = await t.createClient();
      await t.seedApprovedOnboarding(client.id);
      const campaign = await t.createCampaign(client.id);
      const since = stack.llm.requests.length;
      stack.llm.setMode({ kind: 'schema', seed });
      try {
        const { runId } = await t.operator.campaigns.plan.mutate({ id: campaign.id });
        const stops = await drive(t, runId);
        expect(stops.at(-1)?.status).toBe('completed');
        expect(['strategy_sheet', 'step_failed']).toContain(stops[0]?.gate);
        // Specs measure only the client's metrics: the ids are an enum of the schema sent.
        const specs = stack.llm.requests.slice(since).find((r) => r.schemaName === 'ExperimentSpecSet');
        expect(JSON.stringify(specs?.jsonSchema)).toContain('"enum"');
        expectStrictRequests(since);
      } finally {
        stack.llm.setMode({ kind: 'fixtures' });
      }
    },
  );

  it.each(SEEDS)('creative production incl. the QA judge (seed %i) never fails', async (seed) => {
    const t = await stack.newTenant();
    const plan = await plannedCampaign(stack, t, { briefs: true });
    const experimentId = plan.experimentIds['hook-barrier-vs-ingredients'] ?? '';
    const since = stack.llm.requests.length;
    stack.llm.setMode({ kind: 'schema', seed });
    try {
      const { runId } = await t.operator.creatives.produce.mutate({
        campaignId: plan.campaignId,
        experimentIds: [experimentId],
      });
      const stops = await drive(t, runId);
      expect(stops.at(-1)?.status).toBe('completed');
      expect(['assets', 'step_failed']).toContain(stops[0]?.gate);
      const asked = new Set(stack.llm.requests.slice(since).map((r) => r.schemaName));
      expect(asked).toContain('GeneratedAssetSet');
      expect(asked).toContain('QAReport');
      expectStrictRequests(since);
    } finally {
      stack.llm.setMode({ kind: 'fixtures' });
    }
  });
});

describe('a US + DE campaign driven by a model that writes anything the schema admits', () => {
  /** The markets of the run's newest brief set (a retried step_failed rewrites the set). */
  async function briefMarkets(runId: string): Promise<string[]> {
    const rows = await stack.db
      .select()
      .from(artifacts)
      .where(and(eq(artifacts.workflowRunId, runId), eq(artifacts.type, 'asset_brief')));
    const newest = rows.sort((a, b) => b.version - a.version)[0];
    const briefs = AssetBriefSet.parse(newest?.data).assetBriefs;
    return [
      ...new Set(briefs.map((b) => `${b.market.countries[0]}/${b.market.language}/${b.market.currency}`)),
    ];
  }

  it.each(SEEDS)('planning (seed %i) never fails and ends with briefs for both markets', async (seed) => {
    const t = await stack.newTenant();
    const client = await t.createClient({
      primaryMarkets: ['US', 'DE'],
      primaryLanguages: ['en-US', 'de-DE'],
    });
    await t.seedApprovedOnboarding(client.id);
    const campaign = await t.createCampaign(client.id, { markets: ['US', 'DE'] });
    const since = stack.llm.requests.length;
    stack.llm.setMode({ kind: 'schema', seed });
    try {
      const { runId } = await t.operator.campaigns.plan.mutate({ id: campaign.id });
      const stops = await drive(t, runId);
      expect(stops.at(-1)?.status).toBe('completed');
      expect(['strategy_sheet', 'step_failed']).toContain(stops[0]?.gate);
      expect((await briefMarkets(runId)).sort()).toEqual(['DE/de-DE/EUR', 'US/en-US/USD']);
      expectStrictRequests(since);
    } finally {
      stack.llm.setMode({ kind: 'fixtures' });
    }
  });

  it('creative production from specs (seed 23) never fails and writes assets for both markets', async () => {
    const t = await stack.newTenant();
    const plan = await plannedCampaign(stack, t, { briefs: false, usAndDe: true });
    stack.llm.setMode({ kind: 'schema', seed: 23 });
    try {
      const { runId } = await t.operator.creatives.produce.mutate({ campaignId: plan.campaignId });
      const stops = await drive(t, runId);
      expect(stops.at(-1)?.status).toBe('completed');
      expect(['assets', 'step_failed']).toContain(stops[0]?.gate);
      expect((await briefMarkets(runId)).sort()).toEqual(['DE/de-DE/EUR', 'US/en-US/USD']);
    } finally {
      stack.llm.setMode({ kind: 'fixtures' });
    }
  });
});

describe('step_failed for provider refusals and the budget', () => {
  it('a 401 from the provider waits at step_failed with its message; a refused edit keeps waiting; retry goes on', async () => {
    const t = await stack.newTenant();
    stack.llm.failNext({ status: 401 });
    const { runId } = await newOnboarding(t);
    const stop = await nextStop(t, runId, null);
    expect(stop.gate).toBe('step_failed');
    const failure = expectReadable(stop.live?.stepFailure);
    expect(failure).toMatchObject({ step: 'research:01', artifactType: 'research_step', kind: 'provider' });
    expect(failure.problems[0]).toContain('Incorrect API key provided');
    const row = await getWorkflowRun(stack.db, t.orgId, runId);
    expect(row).toMatchObject({ status: 'waiting_for_approval', waitingGate: 'step_failed' });

    // An edit that is not a research step is refused with its reason; the gate waits again, under a new key.
    const handle = await stack.handleOf(t.orgId, runId);
    await handle.signal(SIGNAL_REVIEW, {
      gate: 'step_failed',
      decision: 'edit',
      draftKey: stop.draftKey ?? '',
      edited: { summary: '' },
      feedback: null,
      approvedIds: [],
      rejectedIds: [],
      approvalId: crypto.randomUUID(),
    });
    const refused = await nextStop(t, runId, stop.draftKey);
    expect(refused.gate).toBe('step_failed');
    expect(refused.live?.lastError).toMatch(/^edit refused: /);

    await review(stack, t.operator, {
      runId,
      gate: 'step_failed',
      decision: 'retry',
      feedback: 'the key is fixed',
      draftKey: refused.draftKey ?? '',
    });
    const canon = await nextStop(t, runId, refused.draftKey);
    expect(canon.gate).toBe('canon');
    expect(canon.live?.stepFailure).toBeNull();
  });

  it('transient errors (429, 5xx) keep Temporal retries: no step_failed, the run reaches its gate', async () => {
    const t = await stack.newTenant();
    stack.llm.failNext({ status: 429 });
    stack.llm.failNext({ status: 503 });
    const { runId } = await newOnboarding(t);
    const stop = await nextStop(t, runId, null);
    expect(stop.gate).toBe('canon');
    const failed = await stack.db
      .select()
      .from(activityLogs)
      .where(and(eq(activityLogs.workflowRunId, runId), eq(activityLogs.status, 'failed')));
    expect(failed).toHaveLength(0);
    const errors = await stack.db
      .select()
      .from(llmCalls)
      .where(and(eq(llmCalls.workflowRunId, runId), eq(llmCalls.status, 'error')))
      // In the order the provider answered (a select without an order may return them either way).
      .orderBy(asc(llmCalls.createdAt), asc(llmCalls.id));
    expect(errors.map((e) => e.error?.slice(0, 27))).toEqual([
      'LLM provider answered 429: ',
      'LLM provider answered 503: ',
    ]);
  });

  it('an edit at step_failed stands in for the failed step and the flow goes on with it', async () => {
    const t = await stack.newTenant();
    stack.llm.failNext({ status: 404 });
    const { runId } = await newOnboarding(t);
    const stop = await nextStop(t, runId, null);
    expect(stop.live?.stepFailure).toMatchObject({ step: 'research:01', kind: 'provider' });
    expect(stop.live?.stepFailure?.problems[0]).toContain('does not exist');
    const handle = await stack.handleOf(t.orgId, runId);
    const summary = 'Hand-written competitor research: drugstore ceramide brands lead on price.';
    await handle.signal(SIGNAL_REVIEW, {
      gate: 'step_failed',
      decision: 'edit',
      draftKey: stop.draftKey ?? '',
      edited: {
        summary,
        content: `# Competitors\n${summary}`,
        handoff: null,
        evidence: [
          {
            id: 'c1',
            kind: 'claim',
            text: 'CeraVe sells ceramide serums at drugstore prices.',
            url: 'https://www.cerave.com/skincare/serums',
            publishedAt: '2020-01',
            sourceType: 'competitor',
            sourceName: 'CeraVe',
          },
        ],
        competitorTraction: [
          {
            competitor: 'CeraVe',
            domain: null,
            traction: 'strong',
            signals: ['Every drugstore'],
            evidenceIds: ['c1'],
          },
        ],
        landingPageMap: [
          {
            competitor: 'CeraVe',
            url: null,
            pageType: 'product_page',
            headline: null,
            offer: null,
            sections: [],
            proofElements: [],
            cta: null,
          },
        ],
        // A person cannot claim search results: sources are dropped.
        sources: [{ title: null, url: 'https://example.com/made-up' }],
      },
      feedback: null,
      approvedIds: [],
      rejectedIds: [],
      approvalId: crypto.randomUUID(),
    });
    const canon = await nextStop(t, runId, stop.draftKey);
    expect(canon.gate).toBe('canon');
    const [edited] = await stack.db
      .select()
      .from(artifacts)
      .where(and(eq(artifacts.workflowRunId, runId), eq(artifacts.stepKey, 'research:01')));
    expect(edited?.source).toBe('human');
    const step = ResearchStep.parse(edited?.data);
    expect(step).toMatchObject({ stepKey: '01', summary, model: 'human', sources: [] });
    // The person's evidence is marked as theirs; staleness is code's (2020 is long past 24 months).
    expect(step.evidence[0]).toMatchObject({ provenance: 'human_entered', stale: true });
  });

  it('an exhausted monthly budget waits at step_failed (kind budget, naming limit and spend); raising it and retrying goes on', async () => {
    const t = await stack.newTenant();
    await setLlmBudget(stack.db, t.orgId, 0);
    const before = await stack.db.select().from(llmCalls).where(eq(llmCalls.orgId, t.orgId));
    const { runId } = await newOnboarding(t);
    const stop = await nextStop(t, runId, null);
    const failure = expectReadable(stop.live?.stepFailure);
    expect(failure.kind).toBe('budget');
    expect(failure.problems[0]).toMatch(/budget of 0\.00 USD .*spent 0\.00 USD/);
    // No call was made past the budget.
    const after = await stack.db.select().from(llmCalls).where(eq(llmCalls.orgId, t.orgId));
    expect(after).toHaveLength(before.length);

    await setLlmBudget(stack.db, t.orgId, 50);
    await review(stack, t.operator, {
      runId,
      gate: 'step_failed',
      decision: 'retry',
      draftKey: stop.draftKey ?? '',
    });
    const canon = await nextStop(t, runId, stop.draftKey);
    expect(canon.gate).toBe('canon');
  });
});
