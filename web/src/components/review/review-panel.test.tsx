import { artifactExamples } from '@mos/db/artifacts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import {
  CAMPAIGN_ID,
  CLIENT_ID,
  listRun,
  me,
  mutationInputs,
  queryInputs,
  RUN_ID,
  renderRuns,
  stubApi,
} from '@/routes/runs/fixtures.test-utils';

const ART_ID = '00000000-0000-4000-8000-000000000401';
/** The draft key the worker reports for the first draft at a gate (opaque to the web: it only echoes it). */
const draftKeyOf = (gate: string) => `${gate}:${ART_ID}:1`;

function artifact(type: string, data: unknown, over: Record<string, unknown> = {}) {
  return {
    id: ART_ID,
    type,
    version: 1,
    status: 'draft',
    source: 'ai',
    stepKey: `${type}:draft:1`,
    clientId: CLIENT_ID,
    campaignId: null,
    data,
    createdAt: '2026-11-20T10:03:00.000Z',
    approvedAt: null,
    ...over,
  };
}

/** A workflows.get answer for a run waiting at `gate`, with the live status snapshot the worker's query returns. */
function detail(
  gate: string,
  artifacts: unknown[],
  live: Record<string, unknown> = {},
  run: Record<string, unknown> = {},
) {
  return {
    run: {
      ...listRun({
        status: 'waiting_for_approval',
        waitingGate: gate,
        finishedAt: null,
        currentStep: `wait:${gate}`,
        waitingDraftKey: draftKeyOf(gate),
      }),
      input: null,
      ...run,
    },
    logs: [
      {
        id: 'l3',
        step: 'wait:canon',
        status: 'started',
        payloadIn: null,
        payloadOut: null,
        error: null,
        durationMs: null,
        createdAt: '2026-11-20T10:03:01.000Z',
      },
      {
        id: 'l2',
        step: 'build_canon',
        status: 'completed',
        payloadIn: null,
        payloadOut: null,
        error: null,
        durationMs: null,
        createdAt: '2026-11-20T10:03:00.000Z',
      },
      {
        id: 'l1',
        step: 'build_canon',
        status: 'started',
        payloadIn: null,
        payloadOut: null,
        error: null,
        durationMs: null,
        createdAt: '2026-11-20T10:02:56.000Z',
      },
    ],
    approvals: [],
    artifacts,
    live: {
      workflow: 'ClientOnboarding',
      step: `wait:${gate}`,
      waitingFor: gate,
      draftKey: draftKeyOf(gate),
      stepFailure: null,
      draftArtifactIds: [ART_ID],
      attempt: 1,
      maxAttempts: 3,
      lastError: null,
      completedSteps: ['build_canon'],
      stopRequested: false,
      ...live,
    },
    liveError: null,
  };
}

const usage = {
  from: '2026-11-20T09:59:00.000Z',
  to: '2026-11-20T10:10:00.000Z',
  groupBy: 'model',
  totals: {
    calls: 3,
    errors: 0,
    inputTokens: 12_000,
    outputTokens: 3_400,
    costUsd: 0.0421,
    avgLatencyMs: 900,
  },
  rows: [
    { key: 'gpt-5-mini', calls: 3, errors: 0, inputTokens: 12_000, outputTokens: 3_400, costUsd: 0.0421 },
  ],
};

function canonRun(
  over: { live?: Record<string, unknown>; role?: 'operator' | 'member'; review?: unknown } = {},
) {
  const canon = structuredClone(artifactExamples.client_canon);
  const api = stubApi({
    'me.get': me(over.role ?? 'operator'),
    'workflows.get': detail('canon', [artifact('client_canon', canon)], over.live),
    'llm.usage': usage,
    'workflows.review': over.review ?? { approvalId: 'ap1' },
  });
  renderRuns(`/runs/${RUN_ID}`);
  return { ...api, canon, user: userEvent.setup() };
}

async function actionButton(name: string) {
  const button = (await screen.findByRole('button', { name })) as HTMLButtonElement;
  // Enabled once me.get says the role.
  await waitFor(() => expect(button.disabled).toBe(false));
  return button;
}

describe('Review panel, document gate', () => {
  it('shows the draft readably and approves with exactly the approve payload', async () => {
    const { calls, canon, user } = canonRun();
    expect(await screen.findByText('Review: Client canon')).toBeInstanceOf(HTMLElement);
    expect(screen.getByText('Draft 1 of 3')).toBeInstanceOf(HTMLElement);
    // Rendered as labelled fields, not JSON.
    expect(within(screen.getByTestId('artifact-view')).getByText(canon.brand.story)).toBeInstanceOf(
      HTMLElement,
    );
    expect(screen.queryByText(/"brand":/)).toBeNull();

    await user.click(await actionButton('Approve'));
    await waitFor(() =>
      expect(mutationInputs(calls, 'workflows.review')).toEqual([
        { runId: RUN_ID, gate: 'canon', draftKey: draftKeyOf('canon'), decision: 'approve' },
      ]),
    );
    expect(await screen.findByText('Approved. The run continues.')).toBeInstanceOf(HTMLElement);
    // Until the workflow moves on, nobody can decide twice.
    expect(await screen.findByText('Decision sent. Waiting for the workflow to continue…')).toBeInstanceOf(
      HTMLElement,
    );
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
  });

  it('blocks a reject without feedback and sends the feedback when given', async () => {
    const { calls, user } = canonRun();
    await user.click(await actionButton('Reject with feedback'));
    await user.click(screen.getByRole('button', { name: 'Reject and redraft' }));
    expect(screen.getByText('Feedback is required to reject: say what to change.')).toBeInstanceOf(
      HTMLElement,
    );
    expect(mutationInputs(calls, 'workflows.review')).toEqual([]);

    await user.type(screen.getByLabelText('What should change?'), '  Lead with the guarantee.  ');
    await user.click(screen.getByRole('button', { name: 'Reject and redraft' }));
    await waitFor(() =>
      expect(mutationInputs(calls, 'workflows.review')).toEqual([
        {
          runId: RUN_ID,
          gate: 'canon',
          draftKey: draftKeyOf('canon'),
          decision: 'reject',
          feedback: 'Lead with the guarantee.',
        },
      ]),
    );
  });

  it('edits in the schema editor and sends the edited document', async () => {
    const { calls, canon, user } = canonRun();
    await user.click(await actionButton('Edit & approve'));
    const story = screen.getAllByLabelText('Story')[0] as HTMLElement;
    fireEvent.change(story, { target: { value: 'Two chemists, one barrier-first routine.' } });
    await user.click(screen.getByRole('button', { name: 'Save edits & approve' }));
    await waitFor(() => expect(mutationInputs(calls, 'workflows.review')).toHaveLength(1));
    expect(mutationInputs(calls, 'workflows.review')[0]).toEqual({
      runId: RUN_ID,
      gate: 'canon',
      draftKey: draftKeyOf('canon'),
      decision: 'edit',
      edited: { ...canon, brand: { ...canon.brand, story: 'Two chemists, one barrier-first routine.' } },
    });
  });

  it('does not send an edit the schema refuses, and shows server field errors at the field', async () => {
    const { calls, user } = canonRun({
      review: {
        error: {
          message: 'edited: not a valid client_canon document',
          code: -32600,
          data: {
            code: 'BAD_REQUEST',
            httpStatus: 400,
            path: 'workflows.review',
            fieldErrors: [{ path: ['edited', 'brand', 'story'], message: 'must mention the guarantee' }],
          },
        },
      },
    });
    await user.click(await actionButton('Edit & approve'));
    const story = screen.getAllByLabelText('Story')[0] as HTMLElement;
    fireEvent.change(story, { target: { value: '' } });
    await user.click(screen.getByRole('button', { name: 'Save edits & approve' }));
    expect(mutationInputs(calls, 'workflows.review')).toEqual([]);
    expect(document.getElementById(story.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'Too small: expected string to have >=1 characters',
    );

    fireEvent.change(story, { target: { value: 'A story.' } });
    await user.click(screen.getByRole('button', { name: 'Save edits & approve' }));
    await waitFor(() =>
      expect(document.getElementById(story.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
        'must mention the guarantee',
      ),
    );
    // And the server's message as a toast.
    expect(
      await screen.findByText(/edited: not a valid client_canon document|must mention the guarantee/, {
        selector: '[data-title], li *',
      }),
    ).toBeInstanceOf(HTMLElement);
  });

  it('shows the attempt, the last error, and no reject once every draft is used', async () => {
    canonRun({ live: { attempt: 3, lastError: 'edit refused: brand.story is required' } });
    expect(await screen.findByText('Draft 3 of 3')).toBeInstanceOf(HTMLElement);
    expect(screen.getByText('edit refused: brand.story is required')).toBeInstanceOf(HTMLElement);
    await actionButton('Approve');
    expect((screen.getByRole('button', { name: 'Reject with feedback' }) as HTMLButtonElement).disabled).toBe(
      true,
    );
  });

  it('lets members read the draft but not decide', async () => {
    canonRun({ role: 'member' });
    expect(await screen.findByText(/Decisions at gates need the operator or admin role/)).toBeInstanceOf(
      HTMLElement,
    );
    expect((screen.getByRole('button', { name: 'Approve' }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Edit & approve' }) as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('Run detail', () => {
  it('shows the step timeline with durations and the current step, and the run’s LLM usage', async () => {
    const { calls } = canonRun();
    const timeline = await screen.findByRole('list', { name: 'Step timeline' });
    const steps = within(timeline).getAllByRole('listitem');
    expect(steps.map((s) => s.textContent)).toEqual([
      expect.stringContaining('Build canon'),
      expect.stringContaining('Waiting for canon review'),
    ]);
    expect(within(steps[0] as HTMLElement).getByText('4s')).toBeInstanceOf(HTMLElement);
    expect(steps[1]?.getAttribute('aria-current')).toBe('step');
    expect(steps[0]?.getAttribute('aria-current')).toBeNull();

    // The total and the one model's row.
    expect(await screen.findAllByText('$0.0421')).toHaveLength(2);
    expect(screen.getByText('15,400')).toBeInstanceOf(HTMLElement);
    expect(queryInputs(calls, 'llm.usage')[0]).toMatchObject({ runId: RUN_ID, groupBy: 'model' });
    expect(queryInputs(calls, 'workflows.get')[0]).toEqual({ runId: RUN_ID });
  });
});

type SpecSet = typeof artifactExamples.experiment_spec;
function twoSpecs(set: SpecSet) {
  const [a, b] = set.experimentSpecs;
  if (!a || !b) throw new Error('the example set has two specs');
  return [a, b] as const;
}

describe('Review panel, per-item gates', () => {
  it('approves and rejects experiment specs per id', async () => {
    const set = structuredClone(artifactExamples.experiment_spec);
    const [a, b] = twoSpecs(set);
    const { calls } = stubApi({
      'me.get': me(),
      'workflows.get': detail(
        'experiments',
        [artifact('experiment_spec', set, { campaignId: CAMPAIGN_ID })],
        {},
        { campaignId: CAMPAIGN_ID },
      ),
      'llm.usage': usage,
      'workflows.review': { approvalId: 'ap2' },
    });
    const user = userEvent.setup();
    renderRuns(`/runs/${RUN_ID}`);

    const first = await screen.findByRole('group', { name: `Decision for ${a.name}` });
    await waitFor(() =>
      expect((within(first).getByRole('button', { name: 'Approve' }) as HTMLButtonElement).disabled).toBe(
        false,
      ),
    );
    await user.click(within(first).getByRole('button', { name: 'Approve' }));
    await user.click(
      within(screen.getByRole('group', { name: `Decision for ${b.name}` })).getByRole('button', {
        name: 'Reject',
      }),
    );
    await user.click(screen.getByRole('button', { name: 'Submit decisions' }));
    await waitFor(() =>
      expect(mutationInputs(calls, 'workflows.review')).toEqual([
        {
          runId: RUN_ID,
          gate: 'experiments',
          draftKey: draftKeyOf('experiments'),
          decision: 'approve',
          approvedIds: [a.id],
          rejectedIds: [b.id],
        },
      ]),
    );
  });

  it('asks for feedback when a per-item decision only rejects', async () => {
    const set = structuredClone(artifactExamples.experiment_spec);
    const [, b] = twoSpecs(set);
    const { calls } = stubApi({
      'me.get': me(),
      'workflows.get': detail('experiments', [artifact('experiment_spec', set)]),
      'llm.usage': usage,
      'workflows.review': { approvalId: 'ap3' },
    });
    const user = userEvent.setup();
    renderRuns(`/runs/${RUN_ID}`);
    const group = await screen.findByRole('group', { name: `Decision for ${b.name}` });
    await waitFor(() =>
      expect((within(group).getByRole('button', { name: 'Reject' }) as HTMLButtonElement).disabled).toBe(
        false,
      ),
    );
    await user.click(within(group).getByRole('button', { name: 'Reject' }));
    await user.click(screen.getByRole('button', { name: 'Submit decisions' }));
    await user.click(screen.getByRole('button', { name: 'Reject 1' }));
    expect(mutationInputs(calls, 'workflows.review')).toEqual([]);
    await user.type(screen.getByLabelText('Why are these rejected?'), 'Too close to the first test.');
    await user.click(screen.getByRole('button', { name: 'Reject 1' }));
    await waitFor(() =>
      expect(mutationInputs(calls, 'workflows.review')).toEqual([
        {
          runId: RUN_ID,
          gate: 'experiments',
          draftKey: draftKeyOf('experiments'),
          decision: 'reject',
          approvedIds: [],
          rejectedIds: [b.id],
          feedback: 'Too close to the first test.',
        },
      ]),
    );
  });

  it('decides assets of the draft (with their QA result) from assets.list', async () => {
    const QA_ID = ART_ID;
    const asset = (id: string, over: Record<string, unknown> = {}) => ({
      id,
      orgId: 'o',
      clientId: CLIENT_ID,
      campaignId: CAMPAIGN_ID,
      experimentId: null,
      assetBriefArtifactId: null,
      variantId: null,
      sourceType: 'ai',
      status: 'qa_passed',
      channelId: 'meta',
      format: 'headline',
      icpId: null,
      funnelStageId: 'awareness',
      conceptId: null,
      angleType: null,
      content: { headline: `Headline ${id.slice(-1)}` },
      qa: { passed: true, issues: [] },
      qaReportArtifactId: QA_ID,
      statusChangedAt: null,
      createdAt: '2026-11-20T10:03:00.000Z',
      updatedAt: '2026-11-20T10:03:00.000Z',
      ...over,
    });
    const A1 = '00000000-0000-4000-8000-000000000501';
    const A2 = '00000000-0000-4000-8000-000000000502';
    const OLD = '00000000-0000-4000-8000-000000000503';
    const { calls } = stubApi({
      'me.get': me(),
      'workflows.get': detail(
        'assets',
        [artifact('qa_report', {}, { id: QA_ID })],
        {},
        { kind: 'creative_production', campaignId: CAMPAIGN_ID },
      ),
      'llm.usage': usage,
      'assets.list': {
        items: [
          asset(A1),
          asset(A2, {
            qa: {
              passed: false,
              issues: [
                {
                  kind: 'compliance',
                  severity: 'blocker',
                  message: 'Uses the banned phrase "cure"',
                  phrase: 'cure',
                },
              ],
            },
            status: 'qa_failed',
          }),
          // From an earlier production: not part of this draft.
          asset(OLD, { qaReportArtifactId: '00000000-0000-4000-8000-000000000499' }),
        ],
        nextCursor: null,
      },
      'workflows.review': { approvalId: 'ap4' },
    });
    const user = userEvent.setup();
    renderRuns(`/runs/${RUN_ID}`);

    expect(await screen.findByText('Headline 1')).toBeInstanceOf(HTMLElement);
    expect(screen.queryByText('Headline 3')).toBeNull();
    expect(screen.getByText(/Uses the banned phrase "cure"/)).toBeInstanceOf(HTMLElement);
    expect(queryInputs(calls, 'assets.list')[0]).toMatchObject({ campaignId: CAMPAIGN_ID });

    const item1 = screen.getByTestId(`item-${A1}`);
    const item2 = screen.getByTestId(`item-${A2}`);
    await waitFor(() =>
      expect((within(item1).getByRole('button', { name: 'Approve' }) as HTMLButtonElement).disabled).toBe(
        false,
      ),
    );
    await user.click(within(item1).getByRole('button', { name: 'Approve' }));
    await user.click(within(item2).getByRole('button', { name: 'Reject' }));
    await user.click(screen.getByRole('button', { name: 'Submit decisions' }));
    await waitFor(() =>
      expect(mutationInputs(calls, 'workflows.review')).toEqual([
        {
          runId: RUN_ID,
          gate: 'assets',
          draftKey: draftKeyOf('assets'),
          decision: 'approve',
          approvedIds: [A1],
          rejectedIds: [A2],
        },
      ]),
    );
  });
});

describe('Review panel, draft keys and conflicts', () => {
  it('names the run row’s waiting draft when the live status carries no draft key', async () => {
    const canon = structuredClone(artifactExamples.client_canon);
    const { calls } = stubApi({
      'me.get': me(),
      'workflows.get': detail(
        'canon',
        [artifact('client_canon', canon)],
        { draftKey: null },
        {
          waitingDraftKey: 'canon:from-the-run-row',
        },
      ),
      'llm.usage': usage,
      'workflows.review': { approvalId: 'ap9' },
    });
    const user = userEvent.setup();
    renderRuns(`/runs/${RUN_ID}`);
    await user.click(await actionButton('Approve'));
    await waitFor(() =>
      expect(mutationInputs(calls, 'workflows.review')).toEqual([
        { runId: RUN_ID, gate: 'canon', draftKey: 'canon:from-the-run-row', decision: 'approve' },
      ]),
    );
  });

  it('says plainly that the draft changed on a CONFLICT and fetches the run again', async () => {
    const { calls, user } = canonRun({
      review: {
        error: {
          message: 'the run is no longer waiting at this draft',
          code: -32009,
          data: { code: 'CONFLICT', httpStatus: 409, path: 'workflows.review' },
        },
      },
    });
    await user.click(await actionButton('Approve'));
    expect(
      await screen.findByText(
        'The draft changed while you were deciding, so your decision was not applied. The latest draft is shown now.',
      ),
    ).toBeInstanceOf(HTMLElement);
    // Not the server's own words, and not a second toast with them.
    expect(screen.queryByText('the run is no longer waiting at this draft')).toBeNull();
    await waitFor(() => expect(queryInputs(calls, 'workflows.get').length).toBeGreaterThanOrEqual(2));
    // The decision was not taken as sent: the actions are offered again on the refreshed run.
    expect(screen.queryByText('Decision sent. Waiting for the workflow to continue…')).toBeNull();
  });
});

/** A run waiting at `step_failed`: the onboarding's canon step used up its attempts. */
function stepFailedRun(
  failure: Record<string, unknown> = {},
  over: { role?: 'operator' | 'member'; review?: unknown } = {},
) {
  const canon = structuredClone(artifactExamples.client_canon);
  const stepFailure = {
    step: 'build_canon',
    artifactType: 'client_canon',
    kind: 'invalid_output',
    // The model's answer: the canon plus a field the schema does not know.
    lastAnswer: { ...canon, promptSha256: '0'.repeat(64) },
    problems: ['primaryKpis.0: must name a metric declared in events[].metrics', 'handoff: must be null'],
    attempts: 3,
    at: '2026-11-20T10:03:30.000Z',
    ...failure,
  };
  const api = stubApi({
    'me.get': me(over.role ?? 'operator'),
    'workflows.get': detail('step_failed', [], {
      step: 'wait:step_failed',
      draftArtifactIds: [],
      lastError: 'build_canon: the model gave no valid canon in 3 attempts',
      stepFailure,
    }),
    'llm.usage': usage,
    'workflows.review': over.review ?? { approvalId: 'ap10' },
    'workflows.stop': { runId: RUN_ID, outcome: 'requested' },
  });
  renderRuns(`/runs/${RUN_ID}`);
  return { ...api, canon, user: userEvent.setup() };
}

describe('Review panel, step_failed gate', () => {
  it('shows the step, the problems and the last answer readably', async () => {
    const { canon } = stepFailedRun();
    expect(await screen.findByText('Step failed — needs you', { selector: '#review-title' })).toBeInstanceOf(
      HTMLElement,
    );
    const failed = screen.getByRole('region', { name: 'Failed step' });
    expect(within(failed).getByText('Build canon')).toBeInstanceOf(HTMLElement);
    expect(within(failed).getByText('Client canon')).toBeInstanceOf(HTMLElement);
    const problems = within(failed).getByRole('list', { name: 'Problems with the last answer' });
    expect(
      within(problems)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['primaryKpis.0: must name a metric declared in events[].metrics', 'handoff: must be null']);
    // The answer is rendered as labelled fields, not as JSON.
    const answer = within(failed).getByRole('region', { name: 'Last answer' });
    expect(within(answer).getByText(canon.brand.story)).toBeInstanceOf(HTMLElement);
    expect(within(failed).queryByText(/"brand":/)).toBeNull();
  });

  it('retries with optional feedback, and without', async () => {
    const { calls, user } = stepFailedRun();
    await user.click(await actionButton('Retry step'));
    await user.type(
      screen.getByLabelText('Anything the next attempt should know? (optional)'),
      'Declare every KPI under events.',
    );
    await user.click(screen.getByRole('button', { name: 'Retry step' }));
    await waitFor(() =>
      expect(mutationInputs(calls, 'workflows.review')).toEqual([
        {
          runId: RUN_ID,
          gate: 'step_failed',
          draftKey: draftKeyOf('step_failed'),
          decision: 'retry',
          feedback: 'Declare every KPI under events.',
        },
      ]),
    );
    expect(await screen.findByText('Retrying the step.')).toBeInstanceOf(HTMLElement);
  });

  it('retries without feedback when none is given', async () => {
    const { calls, user } = stepFailedRun({
      kind: 'provider',
      lastAnswer: null,
      problems: ['401: invalid API key'],
    });
    expect(await screen.findByRole('list', { name: 'What the provider said' })).toBeInstanceOf(HTMLElement);
    await user.click(await actionButton('Retry step'));
    await user.click(screen.getByRole('button', { name: 'Retry step' }));
    await waitFor(() =>
      expect(mutationInputs(calls, 'workflows.review')).toEqual([
        { runId: RUN_ID, gate: 'step_failed', draftKey: draftKeyOf('step_failed'), decision: 'retry' },
      ]),
    );
  });

  it('edits the document in the schema editor, prefilled with the fields of the last answer', async () => {
    const { calls, canon, user } = stepFailedRun();
    await user.click(await actionButton('Edit the document'));
    expect(screen.getByText(/The fields the last answer had are filled in from it/)).toBeInstanceOf(
      HTMLElement,
    );
    const story = screen.getAllByLabelText('Story')[0] as HTMLInputElement;
    expect(story.value).toBe(canon.brand.story);
    fireEvent.change(story, { target: { value: 'Written by a person.' } });
    await user.click(screen.getByRole('button', { name: 'Save document & continue' }));
    await waitFor(() => expect(mutationInputs(calls, 'workflows.review')).toHaveLength(1));
    // The field the schema does not know (promptSha256) is not sent back.
    expect(mutationInputs(calls, 'workflows.review')[0]).toEqual({
      runId: RUN_ID,
      gate: 'step_failed',
      draftKey: draftKeyOf('step_failed'),
      decision: 'edit',
      // The run's client, as the worker sets it, whatever the answer said.
      edited: { ...canon, clientId: CLIENT_ID, brand: { ...canon.brand, story: 'Written by a person.' } },
    });
  });

  it("fills the fields code owns from the run when the model's answer lacks them (as model answers do)", async () => {
    const canon = structuredClone(artifactExamples.client_canon);
    const { clientId: _codeFillsIt, ...answer } = canon;
    const { calls, user } = stepFailedRun({ lastAnswer: answer });
    await user.click(await actionButton('Edit the document'));
    await user.click(screen.getByRole('button', { name: 'Save document & continue' }));
    await waitFor(() => expect(mutationInputs(calls, 'workflows.review')).toHaveLength(1));
    const [sent] = mutationInputs(calls, 'workflows.review') as { edited: { clientId: string } }[];
    expect(sent?.edited.clientId).toBe(CLIENT_ID);
    expect(sent?.edited).toMatchObject({ brand: canon.brand, offers: canon.offers });
  });

  it('starts the editor empty when the last answer is not a document of that type', async () => {
    const { user } = stepFailedRun({ lastAnswer: 'I cannot help with that.' });
    expect(await screen.findByText('I cannot help with that.')).toBeInstanceOf(HTMLElement);
    await user.click(await actionButton('Edit the document'));
    expect(screen.queryByText(/The fields the last answer had are filled in from it/)).toBeNull();
    expect((screen.getAllByLabelText('Story')[0] as HTMLInputElement).value).toBe('');
  });

  it('stops the run from the panel', async () => {
    const { calls, user } = stepFailedRun();
    const failed = await screen.findByRole('region', { name: 'Failed step' });
    const stop = within(failed).getByRole('button', {
      name: 'Stop client onboarding run',
    }) as HTMLButtonElement;
    await waitFor(() => expect(stop.disabled).toBe(false));
    await user.click(stop);
    const dialog = await screen.findByRole('dialog', { name: 'Stop this run?' });
    await user.click(within(dialog).getByRole('button', { name: 'Stop run' }));
    await waitFor(() => expect(mutationInputs(calls, 'workflows.stop')).toEqual([{ runId: RUN_ID }]));
    expect(mutationInputs(calls, 'workflows.review')).toEqual([]);
  });

  it('lets members read the failed step but not act on it', async () => {
    stepFailedRun({}, { role: 'member' });
    expect(await screen.findByText(/You can read this step/)).toBeInstanceOf(HTMLElement);
    expect((screen.getByRole('button', { name: 'Retry step' }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Edit the document' }) as HTMLButtonElement).disabled).toBe(
      true,
    );
  });
});

describe('Review panel without a named draft', () => {
  it('keeps decisions closed and says why while neither the workflow nor the run row names the draft', async () => {
    const canon = structuredClone(artifactExamples.client_canon);
    const { calls } = stubApi({
      'me.get': me(),
      'workflows.get': detail(
        'canon',
        [artifact('client_canon', canon)],
        { draftKey: null },
        { waitingDraftKey: null },
      ),
      'llm.usage': usage,
    });
    renderRuns(`/runs/${RUN_ID}`);
    expect(
      await screen.findByText(
        'The workflow has not named this draft yet; decisions open as soon as it does.',
      ),
    ).toBeInstanceOf(HTMLElement);
    // me.get has answered (the role is known), yet Approve stays closed: a review without a draft key is refused.
    await waitFor(() => expect(queryInputs(calls, 'me.get').length).toBeGreaterThan(0));
    expect((screen.getByRole('button', { name: 'Approve' }) as HTMLButtonElement).disabled).toBe(true);
    expect(mutationInputs(calls, 'workflows.review')).toEqual([]);
  });
});

describe('Review panel, experiment decision gate', () => {
  const EXPERIMENT_ID = '00000000-0000-4000-8000-000000000777';
  function decisionRun() {
    const api = stubApi({
      'me.get': me('operator'),
      'workflows.get': detail(
        'experiment_decision',
        [],
        { workflow: 'ExperimentCycle', draftArtifactIds: [] },
        { kind: 'experiment_cycle', input: { experimentId: EXPERIMENT_ID } },
      ),
      'llm.usage': usage,
      'workflows.review': { approvalId: 'ap1' },
    });
    renderRuns(`/runs/${RUN_ID}`);
    return { ...api, user: userEvent.setup() };
  }

  it('links the proposal on the experiment page and approves with the approve payload', async () => {
    const { calls, user } = decisionRun();
    expect(await screen.findByText('Review: Experiment decision')).toBeInstanceOf(HTMLElement);
    const link = screen.getByRole('link', { name: 'See the proposal with its numbers' });
    expect(link.getAttribute('href')).toBe(`/experiments/${EXPERIMENT_ID}`);
    expect(screen.queryByText('Draft 1 of 3')).toBeNull();
    await user.click(await actionButton('Approve and apply'));
    await waitFor(() =>
      expect(mutationInputs(calls, 'workflows.review')).toEqual([
        {
          runId: RUN_ID,
          gate: 'experiment_decision',
          draftKey: draftKeyOf('experiment_decision'),
          decision: 'approve',
        },
      ]),
    );
  });

  it('rejects only with feedback, which keeps the cycle reading', async () => {
    const { calls, user } = decisionRun();
    await user.click(await actionButton('Reject…'));
    await user.click(screen.getByRole('button', { name: 'Reject and keep reading' }));
    expect(mutationInputs(calls, 'workflows.review')).toEqual([]);
    await user.type(screen.getByLabelText('Why not now?'), 'Wait for the weekend.');
    await user.click(screen.getByRole('button', { name: 'Reject and keep reading' }));
    await waitFor(() =>
      expect(mutationInputs(calls, 'workflows.review')).toEqual([
        {
          runId: RUN_ID,
          gate: 'experiment_decision',
          draftKey: draftKeyOf('experiment_decision'),
          decision: 'reject',
          feedback: 'Wait for the weekend.',
        },
      ]),
    );
  });
});
