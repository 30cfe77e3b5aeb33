/**
 * The production combination end to end: the Worker entry in workerd (Clerk auth, Neon driver path through
 * the Neon stand-in to the real test PostgreSQL) with the `relay` gateway, through temporal-worker's signed
 * relay (its own process, `src/main.ts`) to a real Temporal dev server and the real MOS worker
 * (production-stack.ts). Onboarding started through the Worker reaches its canon gate, the reviews go back the
 * same way, and `workflows.get` shows the live status the workflow answers through the relay.
 */
import { WorkflowStatusSnapshot } from '@mos/db/contracts';
import { describe, expect, it } from 'vitest';
import { data, mutate, query, sessionToken, standInStats, suite } from './support';

interface RunDetail {
  run: {
    id: string;
    kind: string;
    status: string;
    waitingGate: string | null;
    waitingDraftKey: string | null;
    temporalWorkflowId: string;
  };
  approvals: { gate: string; decision: string }[];
  artifacts: { type: string; status: string }[];
  live: unknown;
  liveError: string | null;
}

const intake = {
  businessType: 'existing',
  brandStory: 'Single-origin coffee roasted to order in small batches, shipped within 48 hours.',
  offers: ['Roaster’s Choice subscription', 'Espresso sampler'],
  constraints: 'No health claims about caffeine.',
  competitorDomains: ['rival-roasters.com'],
  funnelNotes: 'Quiz funnel into the subscription.',
  businessModel: 'DTC subscription',
  primaryMarkets: ['US'],
  primaryLanguages: ['en'],
  goals: 'Subscription CPA below $30.',
  notes: null,
};

const POLL_MS = 400;

/** Polls `workflows.get` through the Worker until `done` holds; fails with the last answer after `timeoutMs`. */
async function waitForRun(
  runId: string,
  done: (d: RunDetail) => boolean,
  timeoutMs = 90_000,
): Promise<RunDetail> {
  const deadline = Date.now() + timeoutMs;
  let last: RunDetail | undefined;
  while (Date.now() < deadline) {
    last = await data<RunDetail>(query('workflows.get', { runId }, await sessionToken()));
    if (done(last)) return last;
    if (last.run.status === 'failed' || last.run.status === 'cancelled') break;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  throw new Error(`run ${runId} did not get there; last answer: ${JSON.stringify(last?.run ?? null)}`);
}

/** The draft a review must name: the live status's, else the one stored on the run row. */
function draftKeyOf(d: RunDetail): string | null {
  const live = d.live ? WorkflowStatusSnapshot.parse(d.live) : null;
  return live?.draftKey ?? d.run.waitingDraftKey;
}

describe('production path: Worker in workerd → relay → Temporal → worker, on Neon', () => {
  it('the Worker is configured for the relay gateway and nothing else reaches Temporal', () => {
    expect(suite.workerBindings).toMatchObject({ WORKFLOW_GATEWAY: 'relay', MOS_ENV: 'production' });
    expect(suite.workerBindings.WORKFLOW_RELAY_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(suite.workerBindings.TEMPORAL_ADDRESS).toBeUndefined();
  });

  it('onboarding started through the Worker waits at canon, the reviews go back the same way', async () => {
    const token = await sessionToken();
    const clients = await data<{ items: { id: string; name: string }[] }>(query('clients.list', {}, token));
    const client = clients.items.find((c) => c.name === 'Cedar Coffee');
    if (!client) throw new Error(`seeded client missing: ${JSON.stringify(clients.items)}`);

    // Start: the intake, the run row and the workflow start in one interactive transaction (WebSocket relay).
    const wsBefore = (await standInStats()).wsConnections;
    const started = await data<{ runId: string; workflowId: string }>(
      mutate('onboarding.start', { clientId: client.id, intake }, token),
    );
    expect(started.workflowId).toMatch(new RegExp(`^client-onboarding-${client.id}-`));
    expect((await standInStats()).wsConnections).toBeGreaterThan(wsBefore);

    // The worker (another process) records the wait; the live status comes from the workflow's own query.
    const atCanon = await waitForRun(
      started.runId,
      (d) =>
        d.run.waitingGate === 'canon' &&
        WorkflowStatusSnapshot.safeParse(d.live).data?.waitingFor === 'canon',
      120_000,
    );
    expect(atCanon.run).toMatchObject({
      kind: 'client_onboarding',
      status: 'waiting_for_approval',
      temporalWorkflowId: started.workflowId,
    });
    expect(atCanon.liveError).toBeNull();
    const liveAtCanon = WorkflowStatusSnapshot.parse(atCanon.live);
    expect(liveAtCanon).toMatchObject({
      waitingFor: 'canon',
      step: 'wait:canon',
      attempt: 1,
      stepFailure: null,
    });
    expect(atCanon.artifacts).toContainEqual(
      expect.objectContaining({ type: 'client_canon', status: 'draft' }),
    );
    expect(atCanon.artifacts.filter((a) => a.type === 'research_step').length).toBeGreaterThan(0);

    // Needs the worker side of draft keys (another branch of issue 7): until it is merged both are null.
    const canonDraft = draftKeyOf(atCanon);
    expect(
      canonDraft,
      'the run waiting at canon names its draft (live.draftKey or run.waitingDraftKey)',
    ).toEqual(expect.any(String));

    await data(
      mutate(
        'workflows.review',
        { runId: started.runId, gate: 'canon', decision: 'approve', draftKey: canonDraft },
        token,
      ),
    );
    const atMetrics = await waitForRun(
      started.runId,
      (d) =>
        d.run.waitingGate === 'metric_schema' &&
        WorkflowStatusSnapshot.safeParse(d.live).data?.waitingFor === 'metric_schema',
    );
    expect(atMetrics.approvals).toContainEqual(
      expect.objectContaining({ gate: 'canon', decision: 'approve' }),
    );
    expect(atMetrics.artifacts).toContainEqual(
      expect.objectContaining({ type: 'client_canon', status: 'approved' }),
    );
    expect(atMetrics.artifacts).toContainEqual(
      expect.objectContaining({ type: 'metric_schema', status: 'draft' }),
    );

    await data(
      mutate(
        'workflows.review',
        {
          runId: started.runId,
          gate: 'metric_schema',
          decision: 'approve',
          draftKey: draftKeyOf(atMetrics),
        },
        token,
      ),
    );
    const done = await waitForRun(started.runId, (d) => d.run.status === 'completed');
    // A finished run is not queried live any more; the stored state is the whole answer.
    expect(done.live).toBeNull();
    expect(done.run.waitingGate).toBeNull();
    expect(done.artifacts).toContainEqual(
      expect.objectContaining({ type: 'metric_schema', status: 'approved' }),
    );
  }, 240_000);
});
