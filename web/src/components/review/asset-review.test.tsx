import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import {
  CAMPAIGN_ID,
  CLIENT_ID,
  listRun,
  me,
  mutationInputs,
  RUN_ID,
  renderRuns,
  stubApi,
} from '@/routes/runs/fixtures.test-utils';

const QA_ID = '00000000-0000-4000-8000-000000000401';
const DRAFT_KEY = `assets:${QA_ID}:1`;
const CLEAN = '00000000-0000-4000-8000-000000000601';
const FLAGGED = '00000000-0000-4000-8000-000000000602';

const URGENCY_URL =
  'https://transparency.meta.com/policies/ad-standards/deceptive-content/unacceptable-business-practices/';
const ATTRIBUTES_URL =
  'https://transparency.meta.com/policies/ad-standards/objectionable-content/privacy-violations-personal-attributes/';

/** A creative-production run waiting at the assets gate with one qa_report draft. */
function assetsRun() {
  return {
    run: {
      ...listRun({
        status: 'waiting_for_approval',
        waitingGate: 'assets',
        finishedAt: null,
        currentStep: 'wait:assets',
        waitingDraftKey: DRAFT_KEY,
      }),
      kind: 'creative_production',
      campaignId: CAMPAIGN_ID,
      input: null,
    },
    logs: [],
    approvals: [],
    artifacts: [
      {
        id: QA_ID,
        type: 'qa_report',
        version: 1,
        status: 'draft',
        source: 'ai',
        stepKey: 'qa_report:1:brief',
        clientId: CLIENT_ID,
        campaignId: CAMPAIGN_ID,
        data: {},
        createdAt: '2026-11-20T10:03:00.000Z',
        approvedAt: null,
      },
    ],
    live: {
      workflow: 'CreativeProduction',
      step: 'wait:assets',
      waitingFor: 'assets',
      draftKey: DRAFT_KEY,
      stepFailure: null,
      draftArtifactIds: [QA_ID],
      attempt: 1,
      maxAttempts: 3,
      lastError: null,
      completedSteps: [],
      stopRequested: false,
    },
    liveError: null,
  };
}

function asset(id: string, headline: string, qa: unknown, status: string) {
  return {
    id,
    orgId: 'o',
    clientId: CLIENT_ID,
    campaignId: CAMPAIGN_ID,
    experimentId: null,
    assetBriefArtifactId: null,
    variantId: null,
    sourceType: 'generated',
    status,
    channelId: 'meta',
    format: 'static_1080x1080',
    icpId: null,
    funnelStageId: 'awareness',
    conceptId: null,
    angleType: null,
    content: { headline },
    qa,
    qaReportArtifactId: QA_ID,
    statusChangedAt: null,
    createdAt: '2026-11-20T10:03:00.000Z',
    updatedAt: '2026-11-20T10:03:00.000Z',
  };
}

const flaggedQa = {
  passed: false,
  notes: null,
  issues: [
    {
      kind: 'brand',
      severity: 'info',
      message: 'Name the ceramides in the end card.',
      phrase: null,
      policy: null,
    },
    {
      kind: 'compliance',
      severity: 'blocker',
      message: 'headline: pressures with a deadline or countdown the offer does not state ("ends tonight")',
      phrase: 'ends tonight',
      policy: {
        category: 'false_urgency',
        clauseId: 'meta.false-urgency',
        platform: 'meta',
        area: 'Unacceptable business practices: deceptive scarcity and deadlines',
        clauseText: 'Ads must not use deceptive or misleading practices to pressure people into buying.',
        url: URGENCY_URL,
        source: 'rule',
      },
    },
    {
      kind: 'compliance',
      severity: 'warning',
      message: 'primaryText: implies the reader hides a skin condition (compliance judge)',
      phrase: 'Still hiding your skin?',
      policy: {
        category: 'personal_attributes',
        clauseId: 'meta.personal-attributes',
        platform: 'meta',
        area: 'Personal attributes',
        clauseText: 'Ads must not contain content that asserts or implies personal attributes.',
        url: ATTRIBUTES_URL,
        source: 'judge',
      },
    },
  ],
};

function renderAssetsGate() {
  const api = stubApi({
    'me.get': me(),
    'workflows.get': assetsRun(),
    'llm.usage': {
      from: '2026-11-20T09:59:00.000Z',
      to: '2026-11-20T10:10:00.000Z',
      groupBy: 'model',
      totals: { calls: 0, errors: 0, inputTokens: 0, outputTokens: 0, costUsd: 0, avgLatencyMs: 0 },
      rows: [],
    },
    'assets.list': {
      items: [
        asset(CLEAN, 'Calm skin in three steps', { passed: true, notes: null, issues: [] }, 'qa_passed'),
        asset(FLAGGED, 'Only 3 left, ends tonight', flaggedQa, 'qa_failed'),
      ],
      nextCursor: null,
    },
    'workflows.review': { approvalId: 'ap-assets' },
  });
  renderRuns(`/runs/${RUN_ID}`);
  return { ...api, user: userEvent.setup() };
}

describe('Assets gate: ad-policy findings', () => {
  it('shows each finding with its clause, platform, source and a link to the policy', async () => {
    renderAssetsGate();
    const item = await screen.findByTestId(`item-${FLAGGED}`);
    const findings = within(item).getAllByTestId('policy-finding');
    expect(findings).toHaveLength(2);

    const [urgency, attributes] = findings as [HTMLElement, HTMLElement];
    expect(within(urgency).getByText('meta.false-urgency')).toBeInstanceOf(HTMLElement);
    expect(within(urgency).getByText('False urgency')).toBeInstanceOf(HTMLElement);
    expect(within(urgency).getByText('ends tonight').tagName).toBe('Q');
    expect(urgency.textContent).toContain('policy rule');
    expect(urgency.textContent).toContain('Ads must not use deceptive or misleading practices');
    const link = within(urgency).getByRole('link') as HTMLAnchorElement;
    expect(link.href).toBe(URGENCY_URL);
    expect(link.target).toBe('_blank');
    expect(link.rel).toContain('noopener');

    expect(within(attributes).getByText('meta.personal-attributes')).toBeInstanceOf(HTMLElement);
    expect(attributes.textContent).toContain('AI compliance judge');
    expect((within(attributes).getByRole('link') as HTMLAnchorElement).href).toBe(ATTRIBUTES_URL);

    // The brand note stays in the QA summary; the clean asset shows no findings section.
    expect(within(item).getByText(/Name the ceramides in the end card/)).toBeInstanceOf(HTMLElement);
    const clean = screen.getByTestId(`item-${CLEAN}`);
    expect(within(clean).queryByTestId('policy-finding')).toBeNull();
  });

  it('does not approve an asset with a compliance blocker until the reviewer confirms reading the findings', async () => {
    const { calls, user } = renderAssetsGate();
    const flagged = await screen.findByTestId(`item-${FLAGGED}`);
    const clean = screen.getByTestId(`item-${CLEAN}`);
    const approveFlagged = within(flagged).getByRole('button', { name: 'Approve' }) as HTMLButtonElement;
    await waitFor(() =>
      expect((within(clean).getByRole('button', { name: 'Approve' }) as HTMLButtonElement).disabled).toBe(
        false,
      ),
    );
    expect(approveFlagged.disabled).toBe(true);

    // "Approve all" leaves the flagged asset open.
    await user.click(screen.getByRole('button', { name: 'Approve all' }));
    expect(
      screen.getByText('1 to approve · 0 to reject · 1 waiting for the compliance confirmation'),
    ).toBeInstanceOf(HTMLElement);

    await user.click(
      within(flagged).getByRole('checkbox', { name: /I have read the compliance blocker above/ }),
    );
    expect(approveFlagged.disabled).toBe(false);
    await user.click(approveFlagged);
    await user.click(screen.getByRole('button', { name: 'Submit decisions' }));
    await waitFor(() =>
      expect(mutationInputs(calls, 'workflows.review')).toEqual([
        {
          runId: RUN_ID,
          gate: 'assets',
          draftKey: DRAFT_KEY,
          decision: 'approve',
          approvedIds: [CLEAN, FLAGGED],
          rejectedIds: [],
        },
      ]),
    );
  });
});
