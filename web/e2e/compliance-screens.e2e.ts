/**
 * Ad-policy compliance as a person meets it, in real headless Chromium: the assets gate of a CreativeProduction run
 * whose QA reports carry compliance findings (clause, platform, source, policy link) and brand issues, with the
 * "I have read the compliance blockers" confirmation that gates approving; the client's ad vertical (onboarding
 * wizard, client overview) and the campaign's special ad category (new-campaign dialog, campaign detail). The
 * production build talks to a tRPC stand-in typed against `AppRouter`'s outputs; each screen is screenshotted under
 * web/e2e/screenshots/ and audited with axe.
 */
import { join } from 'node:path';
import { artifactExamples, type QaIssue } from '@mos/db/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouterOutputs } from '../src/lib/trpc';
import { seriousAxeViolations } from './support/browser';
import { type Screens, startScreens } from './support/screens';
import { SCREENSHOT_DIR, screenshot } from './support/ui';

const ORG = '00000000-0000-4000-8000-0000000000b1';
const CLIENT = '00000000-0000-4000-8000-000000000201';
const CAMPAIGN = '00000000-0000-4000-8000-000000000301';
const RUN = '00000000-0000-4000-8000-000000000801';
const QA_REPORT = '00000000-0000-4000-8000-000000000901';
const created = new Date(Date.now() - 2 * 3_600_000).toISOString();

const me = {
  userId: '00000000-0000-4000-8000-0000000000a1',
  clerkUserId: 'user_local_1',
  email: 'ops@northstar.test',
  role: 'admin',
  org: { id: ORG, externalId: 'org_northstar', name: 'Northstar Media' },
} satisfies RouterOutputs['me']['get'];

type Client = RouterOutputs['clients']['get'];
const client = {
  id: CLIENT,
  orgId: ORG,
  name: 'Glow Labs',
  industry: 'Skincare',
  adVertical: 'skincare',
  primaryMarkets: ['US', 'GB'],
  primaryLanguages: ['en'],
  status: 'active',
  createdAt: created,
  updatedAt: created,
} as Client;

type Campaign = RouterOutputs['campaigns']['get'];
const campaign = {
  id: CAMPAIGN,
  orgId: ORG,
  clientId: CLIENT,
  name: 'Barrier serum launch',
  status: 'running',
  goalDescription: 'Acquire 600 first-time serum customers in the US in 30 days.',
  objectiveType: 'purchases',
  numericTarget: 600,
  baseline: { metric: 'cvr', value: 0.032 },
  timeframeDays: 30,
  budgetMin: 15000,
  budgetMax: 20000,
  markets: ['US'],
  currency: 'USD',
  specialAdCategory: 'credit',
  createdAt: created,
  updatedAt: created,
} as Campaign;

// The contract's example QA report: a blocker citing Meta's cosmetics drug-claim clause, and a brand warning.
const [, exampleBlocked] = artifactExamples.qa_report.checklist;
if (!exampleBlocked) throw new Error('the qa_report example lost its second checklist item');
const judgeWarning: QaIssue = {
  kind: 'compliance',
  severity: 'warning',
  message:
    'The hook asserts the viewer has sensitive skin; ask about the product’s fit instead of the person’s condition.',
  phrase: 'Your sensitive, acne-prone skin',
  policy: {
    category: 'personal_attributes',
    clauseId: 'meta.personal-attributes',
    platform: 'meta',
    area: 'Personal attributes',
    clauseText:
      'Ads must not assert or imply personal attributes, including medical conditions such as skin conditions, for example "Do you have acne?".',
    url: 'https://transparency.meta.com/policies/ad-standards/objectionable-content/privacy-violations-personal-attributes/',
    source: 'judge',
  },
};
const incomeBlocker: QaIssue = {
  kind: 'compliance',
  severity: 'blocker',
  message: 'An income promise with no typical-results disclosure.',
  phrase: 'make six figures from home',
  policy: {
    category: 'income_claims',
    clauseId: 'tiktok.income-claims',
    platform: 'tiktok',
    area: 'Get-rich-quick and income claims',
    clauseText:
      'Ads may not promise unrealistic or guaranteed income or financial outcomes, or present earnings as typical without support.',
    url: 'https://ads.tiktok.com/help/article/tiktok-advertising-policies-ad-creatives-landing-page',
    source: 'rule',
  },
};

type AssetRow = RouterOutputs['assets']['list']['items'][number];
const asset = (n: number, channelId: string, format: string, content: unknown, qa: unknown): AssetRow =>
  ({
    id: `00000000-0000-4000-8000-00000000040${n}`,
    orgId: ORG,
    clientId: CLIENT,
    campaignId: CAMPAIGN,
    experimentId: null,
    assetBriefArtifactId: null,
    variantId: `v${n}`,
    sourceType: 'generated',
    status: 'draft',
    channelId,
    format,
    icpId: 'sensitive-skin-30s',
    funnelStageId: 'awareness',
    conceptId: null,
    angleType: 'problem_agitation',
    content,
    qa,
    qaReportArtifactId: QA_REPORT,
    statusChangedAt: null,
    createdAt: created,
    updatedAt: created,
  }) as AssetRow;

const BLOCKED = asset(
  1,
  'meta',
  'static_1080x1350',
  {
    angle: 'Barrier repair story',
    hook: 'Your sensitive, acne-prone skin deserves better',
    headline: 'The serum that heals eczema',
    primaryText:
      'Your sensitive, acne-prone skin deserves better. Our miracle in a bottle heals eczema in a week: 5% niacinamide ' +
      'and three ceramides. Fragrance-free, $38, free returns for 30 days.',
    headlines: null,
    descriptions: null,
    scenes: null,
    script: null,
    cta: 'SHOP_NOW',
    aspectRatio: '4:5',
    imagePrompt: 'A bathroom shelf in morning light, the serum bottle beside a folded towel, no people.',
  },
  { passed: false, notes: exampleBlocked.notes, issues: [...exampleBlocked.issues, judgeWarning] },
);
const INCOME = asset(
  2,
  'tiktok',
  'video_9x16_30s',
  {
    angle: 'Side hustle',
    hook: 'I quit my job to sell skincare',
    headline: null,
    primaryText: 'Join our partner programme and make six figures from home.',
    headlines: null,
    descriptions: null,
    scenes: [
      { order: 1, durationSec: 5, visual: 'Creator holds the serum to camera', voiceover: 'I quit my job.' },
      {
        order: 2,
        durationSec: 10,
        visual: 'Laptop with an order dashboard',
        voiceover: 'Now I make six figures from home.',
      },
    ],
    script: null,
    cta: 'LEARN_MORE',
    aspectRatio: '9:16',
    imagePrompt: null,
  },
  { passed: false, notes: null, issues: [incomeBlocker] },
);
const CLEAN = asset(
  3,
  'google',
  'search_rsa',
  {
    angle: 'Ingredient-led search',
    hook: 'Niacinamide + ceramide serum',
    headline: null,
    primaryText: null,
    headlines: [
      'Niacinamide + Ceramide Serum',
      'Fragrance-Free Barrier Serum',
      'Patch-Tested on Sensitive Skin',
    ],
    descriptions: ['Helps skin hold on to water. Fragrance-free, $38.', 'Free returns for 30 days.'],
    scenes: null,
    script: null,
    cta: null,
    aspectRatio: null,
    imagePrompt: null,
  },
  { passed: true, notes: 'On voice.', issues: [] },
);
const assets = [BLOCKED, INCOME, CLEAN];

const assetsGateRun = {
  run: {
    id: RUN,
    orgId: ORG,
    clientId: CLIENT,
    campaignId: CAMPAIGN,
    temporalWorkflowId: `creative-production-${CAMPAIGN}-p1`,
    temporalRunId: 'r1',
    kind: 'creative_production',
    status: 'waiting_for_approval',
    currentStep: 'wait:assets',
    waitingGate: 'assets',
    waitingDraftKey: 'assets:1',
    error: null,
    startedBy: null,
    startedAt: created,
    finishedAt: null,
    updatedAt: created,
    clientName: 'Glow Labs',
    campaignName: 'Barrier serum launch',
    input: null,
  },
  logs: [],
  approvals: [],
  artifacts: [
    {
      id: QA_REPORT,
      orgId: ORG,
      clientId: CLIENT,
      campaignId: CAMPAIGN,
      type: 'qa_report',
      version: 1,
      status: 'draft',
      schemaVersion: 1,
      data: artifactExamples.qa_report,
      createdBy: null,
      createdAt: created,
      updatedAt: created,
    },
  ],
  live: {
    workflow: 'CreativeProduction',
    step: 'wait:assets',
    waitingFor: 'assets',
    draftKey: 'assets:1',
    draftArtifactIds: [QA_REPORT],
    attempt: 1,
    maxAttempts: 3,
    lastError: null,
    stepFailure: null,
    completedSteps: ['generate_assets', 'brand_qa'],
    stopRequested: false,
  },
  liveError: null,
} as unknown as RouterOutputs['workflows']['get'];

/** The run's LLM calls, as the run page's usage card asks for them. */
const runUsage = {
  from: created,
  to: new Date().toISOString(),
  groupBy: 'model',
  totals: {
    calls: 7,
    errors: 0,
    inputTokens: 48_200,
    outputTokens: 9_650,
    costUsd: 0.62,
    avgLatencyMs: 2_140,
  },
  rows: [{ key: 'gpt-5.2', calls: 7, errors: 0, inputTokens: 48_200, outputTokens: 9_650, costUsd: 0.62 }],
  budget: { limitUsd: 100, isDefault: false, spentUsd: 41.3, remainingUsd: 58.7, periodStart: created },
} satisfies RouterOutputs['llm']['usage'];

/** What the page sent to `workflows.review` (the decision a person submitted). */
const reviews: unknown[] = [];

function answer(path: string, input: unknown): unknown {
  const i = (input ?? {}) as Record<string, unknown>;
  switch (path) {
    case 'me.get':
      return me;
    case 'clients.get':
      return client;
    case 'clients.list':
      return { items: [client], nextCursor: null };
    case 'campaigns.get':
      return campaign;
    case 'campaigns.list':
      return { items: [{ ...campaign, clientName: client.name }], nextCursor: null };
    case 'workflows.get':
      return assetsGateRun;
    case 'workflows.list':
      return { items: [], nextCursor: null };
    case 'assets.list':
      return { items: i.campaignId === CAMPAIGN ? assets : [], nextCursor: null };
    case 'experiments.list':
      return { items: [], nextCursor: null };
    case 'artifacts.latest':
      return null;
    case 'artifacts.list':
      return { items: [], nextCursor: null };
    case 'offers.list':
      return { items: [], nextCursor: null };
    case 'llm.usage':
      return runUsage;
    case 'workflows.review':
      reviews.push(input);
      return { ok: true };
    default:
      throw new Error(`the stand-in does not answer ${path}`);
  }
}

let screens: Screens;

const signedInPage = (path: string, viewport?: { width: number; height: number }) =>
  screens.signedInPage(path, viewport);

beforeAll(async () => {
  screens = await startScreens(answer, {
    token: 'tok_compliance',
    email: me.email,
    orgId: me.org.externalId,
  });
});

afterAll(async () => {
  await screens?.close();
});

describe('the assets gate with ad-policy findings', () => {
  it('shows each finding with its clause and locks approving until the blockers are confirmed read', async () => {
    const page = await signedInPage(`/runs/${RUN}`);
    const blocked = page.getByTestId(`item-${BLOCKED.id}`);
    const income = page.getByTestId(`item-${INCOME.id}`);
    const clean = page.getByTestId(`item-${CLEAN.id}`);
    await blocked.getByRole('region', { name: 'Ad-policy findings' }).waitFor();

    // The findings: severity, clause, platform, who found it, and a link to the platform's policy page.
    const findings = blocked.getByTestId('policy-finding');
    expect(await findings.count()).toBe(2);
    const first = (await findings.first().textContent()) ?? '';
    expect(first).toContain('meta.skincare.drug-claims');
    expect(first).toContain('heals eczema');
    const links = blocked.getByRole('link');
    expect(await links.first().getAttribute('href')).toBe(exampleBlocked.issues[0]?.policy?.url);
    expect(await clean.getByRole('region', { name: 'Ad-policy findings' }).count()).toBe(0);
    const main = (await page.getByRole('main').textContent()) ?? '';
    expect(main).not.toMatch(/\bnull\b|\bundefined\b|\[object Object\]/);
    await screenshot(page, 'compliance-assets-gate');
    await blocked.screenshot({
      path: join(SCREENSHOT_DIR, 'compliance-assets-gate-blocked-asset.png'),
      style: 'header { position: static !important; }',
    });
    expect(await seriousAxeViolations(page)).toEqual([]);

    // Approving an asset with a compliance blocker waits for the confirmation; the clean one can be approved.
    const approve = (item: typeof blocked) => item.getByRole('button', { name: 'Approve', exact: true });
    expect(await approve(blocked).isDisabled()).toBe(true);
    expect(await approve(income).isDisabled()).toBe(true);
    expect(await approve(clean).isDisabled()).toBe(false);

    // "Approve all" leaves the locked assets open.
    await page.getByRole('button', { name: 'Approve all' }).click();
    expect(await approve(clean).getAttribute('aria-pressed')).toBe('true');
    expect(await approve(blocked).getAttribute('aria-pressed')).toBe('false');
    expect(await approve(income).getAttribute('aria-pressed')).toBe('false');
    // What "Approve all" left open, as the reviewer sees it next to the submit button.
    await page.getByRole('button', { name: 'Submit decisions' }).scrollIntoViewIfNeeded();
    expect(await page.getByText('2 waiting for the compliance confirmation').count()).toBe(1);
    await screenshot(page, 'compliance-assets-gate-approve-all', { fullPage: false });

    const confirm = blocked.getByRole('checkbox', { name: /I have read the compliance blocker above/ });
    await confirm.check();
    expect(await approve(blocked).isDisabled()).toBe(false);
    expect(await approve(income).isDisabled()).toBe(true);
    await approve(blocked).click();
    expect(await approve(blocked).getAttribute('aria-pressed')).toBe('true');
    await blocked.screenshot({
      path: join(SCREENSHOT_DIR, 'compliance-assets-gate-confirmed.png'),
      style: 'header { position: static !important; }',
    });

    // Unticking the confirmation takes the approval back out of what is submitted.
    await confirm.uncheck();
    expect(await approve(blocked).isDisabled()).toBe(true);
    await confirm.check();
    await page.getByRole('button', { name: 'Submit decisions' }).click();
    await expect.poll(() => reviews.length).toBe(1);
    expect(reviews[0]).toMatchObject({
      runId: RUN,
      gate: 'assets',
      decision: 'approve',
      approvedIds: [BLOCKED.id, CLEAN.id],
      rejectedIds: [],
    });
    await page.context().close();
  });
});

describe('the assets gate on a phone', () => {
  it('keeps the findings, the confirmation and the decision inside the screen', async () => {
    const page = await signedInPage(`/runs/${RUN}`, { width: 390, height: 844 });
    const blocked = page.getByTestId(`item-${BLOCKED.id}`);
    await blocked.getByRole('region', { name: 'Ad-policy findings' }).waitFor();
    // Nothing wider than the viewport: no sideways scrolling to read a clause or reach the checkbox.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await blocked.screenshot({
      path: join(SCREENSHOT_DIR, 'compliance-assets-gate-phone.png'),
      style: 'header { position: static !important; }',
    });
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.context().close();
  });
});

describe('the compliance context in the forms', () => {
  it('onboarding wizard: the ad vertical on the Basics step', async () => {
    const page = await signedInPage('/clients');
    await page.getByRole('button', { name: 'New client' }).click();
    const dialog = page.getByRole('dialog');
    const vertical = dialog.getByLabel('Ad vertical');
    await vertical.waitFor();
    expect(await vertical.inputValue()).toBe('');
    await dialog.getByLabel('Industry').fill('DTC skincare');
    await vertical.selectOption({ label: 'Skincare and beauty' });
    await screenshot(page, 'compliance-wizard-ad-vertical', { fullPage: false });
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('client overview: the ad vertical shown and editable', async () => {
    const page = await signedInPage(`/clients/${CLIENT}`);
    const vertical = page.getByLabel('Ad vertical');
    await vertical.waitFor();
    expect(await vertical.inputValue()).toBe('skincare');
    await screenshot(page, 'compliance-client-overview-ad-vertical');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('new-campaign dialog: the special ad category', async () => {
    const page = await signedInPage('/campaigns');
    await page.getByRole('button', { name: 'New campaign' }).click();
    const dialog = page.getByRole('dialog', { name: 'New campaign' });
    const category = dialog.getByLabel('Special ad category');
    await category.waitFor();
    expect(await category.inputValue()).toBe('');
    await category.selectOption({ label: 'Housing' });
    await category.scrollIntoViewIfNeeded();
    await screenshot(page, 'compliance-new-campaign-special-ad-category', { fullPage: false });
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('campaign detail: the special ad category and its editor', async () => {
    const page = await signedInPage(`/campaigns/${CAMPAIGN}`);
    const category = page.getByLabel('Special ad category');
    await category.waitFor();
    expect(await category.inputValue()).toBe('credit');
    expect(await page.getByRole('button', { name: 'Save category' }).isDisabled()).toBe(true);
    await category.selectOption('employment');
    expect(await page.getByRole('button', { name: 'Save category' }).isDisabled()).toBe(false);
    await screenshot(page, 'compliance-campaign-detail-special-ad-category', { fullPage: false });
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.context().close();
  });
});
