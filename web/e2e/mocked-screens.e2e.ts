import { artifactExamples } from '@mos/db/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouterOutputs } from '../src/lib/trpc';
import { seriousAxeViolations } from './support/browser';
import { type Screens, startScreens } from './support/screens';
import { screenshot } from './support/ui';

const ORG = '00000000-0000-4000-8000-0000000000b1';
const CLIENT = '00000000-0000-4000-8000-000000000201';
const FAILED_RUN = '00000000-0000-4000-8000-000000000101';
const CANON_RUN = '00000000-0000-4000-8000-000000000102';
const now = Date.now();
const ago = (minutes: number) => new Date(now - minutes * 60_000).toISOString();

const me = {
  userId: '00000000-0000-4000-8000-0000000000a1',
  clerkUserId: 'user_local_1',
  email: 'ops@northstar.test',
  role: 'admin',
  org: { id: ORG, externalId: 'org_northstar', name: 'Northstar Media' },
} satisfies RouterOutputs['me']['get'];

type ListRun = RouterOutputs['workflows']['list']['items'][number];
const run = (over: Partial<ListRun>): ListRun => ({
  id: FAILED_RUN,
  orgId: ORG,
  clientId: CLIENT,
  campaignId: null,
  temporalWorkflowId: `client-onboarding-${CLIENT}-p1`,
  temporalRunId: 'r1',
  kind: 'client_onboarding',
  status: 'waiting_for_approval',
  currentStep: 'wait:step_failed',
  waitingGate: 'step_failed',
  waitingDraftKey: 'step_failed:build_metric_schema:1',
  error: null,
  startedBy: null,
  startedAt: ago(14),
  finishedAt: null,
  updatedAt: ago(2),
  clientName: 'Glow Labs',
  campaignName: null,
  ...over,
});

const inbox = {
  items: [
    run({}),
    run({
      id: CANON_RUN,
      waitingGate: 'canon',
      currentStep: 'wait:canon',
      waitingDraftKey: 'canon:1',
      clientName: 'Lumen & Moss',
      startedAt: ago(50),
    }),
    run({
      id: '00000000-0000-4000-8000-000000000103',
      kind: 'campaign_planning',
      waitingGate: 'strategy_sheet',
      currentStep: 'wait:strategy_sheet',
      waitingDraftKey: 'strategy_sheet:1',
      clientName: 'Lumen & Moss',
      campaignName: 'Spring relaunch',
      startedAt: ago(180),
    }),
  ],
  nextCursor: null,
} satisfies RouterOutputs['workflows']['list'];

/** What the model last answered for the metric schema: close, but its KPI names no declared metric. */
const metricAnswer = {
  ...structuredClone(artifactExamples.metric_schema),
  primaryKpis: ['cost_per_trial_signup'],
};

const stepFailedDetail = {
  run: { ...run({ currentStep: 'build_metric_schema' }), input: null },
  logs: [
    {
      id: 'l4',
      step: 'build_metric_schema',
      status: 'failed',
      payloadIn: null,
      payloadOut: null,
      error: 'no valid metric schema after 3 attempts',
      durationMs: 41_200,
      createdAt: ago(3),
    },
    {
      id: 'l3',
      step: 'build_metric_schema',
      status: 'started',
      payloadIn: null,
      payloadOut: null,
      error: null,
      durationMs: null,
      createdAt: ago(4),
    },
    {
      id: 'l2',
      step: 'build_canon',
      status: 'completed',
      payloadIn: null,
      payloadOut: null,
      error: null,
      durationMs: 38_400,
      createdAt: ago(6),
    },
    {
      id: 'l1',
      step: 'build_canon',
      status: 'started',
      payloadIn: null,
      payloadOut: null,
      error: null,
      durationMs: null,
      createdAt: ago(7),
    },
  ],
  approvals: [],
  artifacts: [],
  live: {
    workflow: 'ClientOnboarding',
    step: 'wait:step_failed',
    waitingFor: 'step_failed',
    draftKey: 'step_failed:build_metric_schema:1',
    draftArtifactIds: [],
    attempt: 1,
    maxAttempts: 3,
    lastError: 'build_metric_schema: no valid metric schema after 3 attempts',
    stepFailure: {
      step: 'build_metric_schema',
      artifactType: 'metric_schema',
      kind: 'invalid_output',
      lastAnswer: metricAnswer,
      problems: [
        'primaryKpis.0: "cost_per_trial_signup" is not a metric declared in events[].metrics',
        'guardrails.1.threshold: must be a number',
      ],
      attempts: 3,
      at: ago(3),
    },
    completedSteps: ['build_canon'],
    stopRequested: false,
  },
  liveError: null,
} satisfies RouterOutputs['workflows']['get'];

const day = (offset: number) => new Date(now - offset * 86_400_000).toISOString().slice(0, 10);
const usage = (groupBy: 'day' | 'model') =>
  ({
    from: new Date(now - 30 * 86_400_000).toISOString(),
    to: new Date(now).toISOString(),
    groupBy,
    totals: {
      calls: 212,
      errors: 4,
      inputTokens: 1_840_000,
      outputTokens: 392_000,
      costUsd: 73.42,
      avgLatencyMs: 2_310,
    },
    rows:
      groupBy === 'model'
        ? [{ key: 'gpt-5.2', calls: 9, errors: 3, inputTokens: 61_000, outputTokens: 14_200, costUsd: 0.91 }]
        : Array.from({ length: 30 }, (_, i) => ({
            key: day(29 - i),
            calls: 3 + ((i * 7) % 11),
            errors: i % 9 === 0 ? 1 : 0,
            inputTokens: 40_000 + i * 1500,
            outputTokens: 9_000 + i * 300,
            costUsd: Math.round((1.2 + ((i * 13) % 7) * 0.45) * 100) / 100,
          })),
    budget: {
      limitUsd: 100,
      isDefault: false,
      spentUsd: 83.1,
      remainingUsd: 16.9,
      periodStart: `${new Date(now).toISOString().slice(0, 8)}01T00:00:00.000Z`,
    },
  }) satisfies RouterOutputs['llm']['usage'];

function answer(path: string, input: unknown): unknown {
  switch (path) {
    case 'me.get':
      return me;
    case 'workflows.list':
      return inbox;
    case 'workflows.get':
      return stepFailedDetail;
    case 'llm.usage':
      return usage((input as { groupBy?: 'day' | 'model' } | undefined)?.groupBy ?? 'day');
    default:
      throw new Error(`the stand-in does not answer ${path}`);
  }
}

let screens: Screens;

const signedInPage = (path: string, viewport?: { width: number; height: number }) =>
  screens.signedInPage(path, viewport);

beforeAll(async () => {
  screens = await startScreens(answer, { token: 'tok_screens', email: me.email, orgId: me.org.externalId });
});

afterAll(async () => {
  await screens?.close();
});

describe('screens with a step_failed run and the LLM budget (contract-shaped API stand-in)', () => {
  it('Inbox: the failed step stands out and says what it needs', async () => {
    const page = await signedInPage('/inbox');
    await page.getByText('Step failed — needs you').waitFor();
    expect(await page.getByRole('link', { name: 'Resolve Client onboarding' }).getAttribute('href')).toBe(
      `/runs/${FAILED_RUN}`,
    );
    await screenshot(page, 'mocked-inbox-step-failed');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('run detail: the step_failed panel, its retry form and its editor', async () => {
    const page = await signedInPage(`/runs/${FAILED_RUN}`);
    const panel = page.getByRole('region', { name: 'Failed step' });
    await panel.waitFor();
    await panel.getByText('Build metric schema').first().waitFor();
    await screenshot(page, 'mocked-run-step-failed');
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Retry step' }).click();
    await page
      .getByLabel('Anything the next attempt should know? (optional)')
      .fill('Declare every KPI as a metric.');
    await screenshot(page, 'mocked-run-step-failed-retry');

    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Edit the document' }).click();
    await page.getByRole('button', { name: 'Save document & continue' }).waitFor();
    await screenshot(page, 'mocked-run-step-failed-edit');
    // The long editor's top (what was wrong, then the first fields) and its end (the buttons), as a person sees them.
    await page.getByRole('region', { name: 'Write the document' }).scrollIntoViewIfNeeded();
    await page.evaluate(() =>
      document.querySelector('[aria-label="Write the document"]')?.scrollIntoView({ block: 'start' }),
    );
    await screenshot(page, 'mocked-run-step-failed-edit-top', { fullPage: false });
    await page.getByRole('button', { name: 'Save document & continue' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'mocked-run-step-failed-edit-end', { fullPage: false });
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('settings: this month’s spend against the budget, and the admin’s budget form', async () => {
    const page = await signedInPage('/settings');
    const budget = page.getByRole('region', { name: 'Monthly LLM budget' });
    await budget.waitFor();
    expect(await budget.getByRole('meter').getAttribute('aria-valuenow')).toBe('83');
    await screenshot(page, 'mocked-settings-budget');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await budget.getByRole('button', { name: 'Change budget' }).click();
    await budget.getByLabel('Monthly budget (USD)').waitFor();
    await screenshot(page, 'mocked-settings-budget-edit');
    await page.context().close();
  });
});
