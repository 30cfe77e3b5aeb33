/**
 * The documents a strategist reads, looked at in real headless Chromium with the contract's own examples as data:
 * the client's canon, metric schema and research steps; a campaign's strategy sheet, experiment specs, briefs and
 * generated assets per format; the new-campaign form's market picker; and the same screens for documents MOS v1
 * stored, served upgraded (nulls where v1 had nothing). The production build talks to a tRPC stand-in typed
 * against `AppRouter`'s outputs. Each screen is screenshotted under web/e2e/screenshots/ and audited with axe.
 */
import { join } from 'node:path';
import { artifactExamples, type ResearchStep, upgradeArtifactData } from '@mos/db/artifacts';
import { v1Examples, v1GeneratedAssetContent } from '@mos/db/testing/v1-examples';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouterOutputs } from '../src/lib/trpc';
import { seriousAxeViolations } from './support/browser';
import { type Screens, startScreens } from './support/screens';
import { SCREENSHOT_DIR, screenshot } from './support/ui';

const ORG = '00000000-0000-4000-8000-0000000000b1';
const CLIENT = '00000000-0000-4000-8000-000000000201';
const OLD_CLIENT = '00000000-0000-4000-8000-000000000202';
const CAMPAIGN = '00000000-0000-4000-8000-000000000301';
const OLD_CAMPAIGN = '00000000-0000-4000-8000-000000000302';
const created = new Date(Date.now() - 3 * 3_600_000).toISOString();

const me = {
  userId: '00000000-0000-4000-8000-0000000000a1',
  clerkUserId: 'user_local_1',
  email: 'ops@northstar.test',
  role: 'admin',
  org: { id: ORG, externalId: 'org_northstar', name: 'Northstar Media' },
} satisfies RouterOutputs['me']['get'];

type Client = RouterOutputs['clients']['get'];
const client = (id: string, name: string, markets: string[]): Client =>
  ({
    id,
    orgId: ORG,
    name,
    industry: 'Skincare',
    primaryMarkets: markets,
    primaryLanguages: ['en'],
    status: 'active',
    createdAt: created,
    updatedAt: created,
  }) as Client;
const clients = [client(CLIENT, 'Glow Labs', ['US', 'GB', 'DE']), client(OLD_CLIENT, 'Lumen & Moss', ['US'])];

type Campaign = RouterOutputs['campaigns']['get'];
const campaign = (id: string, clientId: string, name: string): Campaign =>
  ({
    id,
    orgId: ORG,
    clientId,
    name,
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
    createdAt: created,
    updatedAt: created,
  }) as Campaign;

type ArtifactRow = NonNullable<RouterOutputs['artifacts']['latest']>;
const row = (type: string, data: unknown, over: Partial<ArtifactRow> = {}): ArtifactRow =>
  ({
    id: `00000000-0000-4000-8000-${String(type.length).padStart(6, '0')}000${type === 'research_step' ? 1 : 0}00`,
    orgId: ORG,
    clientId: CLIENT,
    campaignId: null,
    type,
    version: 2,
    status: 'approved',
    source: 'workflow',
    workflowRunId: null,
    stepKey: null,
    createdByUser: null,
    approvedBy: null,
    approvedAt: created,
    createdAt: created,
    data,
    ...over,
  }) as ArtifactRow;

/** What the API serves for a document: current ones as they are, v1 ones upgraded on read. */
const docs = (old: boolean) => (type: keyof typeof artifactExamples) =>
  old
    ? upgradeArtifactData(type, structuredClone(v1Examples[type]))
    : structuredClone(artifactExamples[type]);

type AssetRow = RouterOutputs['assets']['list']['items'][number];
const asset = (n: number, channelId: string, format: string, content: unknown): AssetRow =>
  ({
    id: `00000000-0000-4000-8000-00000000040${n}`,
    orgId: ORG,
    clientId: CLIENT,
    campaignId: CAMPAIGN,
    experimentId: null,
    assetBriefArtifactId: null,
    variantId: `v${n}`,
    sourceType: 'generated',
    status: 'qa_passed',
    channelId,
    format,
    icpId: null,
    funnelStageId: null,
    conceptId: null,
    angleType: null,
    content,
    qa: { passed: true, notes: null, issues: [] },
    qaReportArtifactId: null,
    statusChangedAt: null,
    createdAt: created,
    updatedAt: created,
  }) as AssetRow;

const metaStatic = {
  angle: 'Barrier repair story',
  hook: 'Skin stings after moisturiser?',
  headline: 'Calm, hydrated skin in 14 days',
  primaryText:
    'Skin stings after moisturiser? 5% niacinamide and three ceramides help your barrier hold on to water again. ' +
    'Fragrance-free and patch-tested on 50 people with sensitive skin. $38, free returns for 30 days.',
  headlines: null,
  descriptions: null,
  scenes: null,
  script: null,
  cta: 'SHOP_NOW',
  aspectRatio: '4:5',
  imagePrompt: 'A bathroom shelf in morning light, the serum bottle beside a folded towel, no people.',
};
const rsa = {
  angle: 'Ingredient-led search',
  hook: 'Niacinamide + ceramide serum',
  headline: null,
  primaryText: null,
  headlines: [
    'Niacinamide + Ceramide Serum',
    'Fragrance-Free Barrier Serum',
    'Patch-Tested on Sensitive Skin',
    'Free Returns for 30 Days',
    'Calm Skin That Holds Water',
  ],
  descriptions: [
    '5% niacinamide and three ceramides help your barrier hold on to water. Fragrance-free.',
    'Patch-tested on 50 people with sensitive skin. $38 with free returns for 30 days.',
  ],
  scenes: null,
  script: null,
  cta: 'SHOP_NOW',
  aspectRatio: null,
  imagePrompt: null,
};
const video = {
  angle: 'Creator routine',
  hook: 'My skin used to sting after every moisturiser',
  headline: 'The serum my sensitive skin keeps',
  primaryText: 'Three steps, no sting. 5% niacinamide and three ceramides.',
  headlines: null,
  descriptions: null,
  scenes: [
    {
      start: 0,
      end: 3,
      visual: 'Creator touches red cheeks, close-up, bathroom light.',
      onScreenText: 'Stings after moisturiser?',
      voiceover: 'My skin used to sting after every moisturiser.',
    },
    {
      start: 3,
      end: 20,
      visual: 'Three-step routine at the sink: cleanse, two drops of serum, moisturiser.',
      onScreenText: null,
      voiceover: 'Now it is cleanse, two drops of this, then moisturiser. That is it.',
    },
    {
      start: 20,
      end: 30,
      visual: 'Product close-up, then the creator smiling, calmer skin.',
      onScreenText: 'Free returns for 30 days',
      voiceover: null,
    },
  ],
  script: null,
  cta: 'LEARN_MORE',
  aspectRatio: '9:16',
  imagePrompt: null,
};

/**
 * The later research steps of the current client, built from the canon example so quotes, beliefs and the offer
 * agree with it: 04 (quote bank, researched without web search), 07 (offer brief), 08 (necessary beliefs).
 */
function laterResearchSteps(): ResearchStep[] {
  const base = structuredClone(artifactExamples.research_step);
  const canon = artifactExamples.client_canon;
  const empty = {
    handoff: null,
    competitorTraction: null,
    landingPageMap: null,
    quoteBank: null,
    avatars: null,
    offerBrief: null,
    necessaryBeliefs: null,
    iBelieveStatements: null,
    sources: [],
  };
  const quotes = canon.voiceOfCustomer.quotes;
  const tags = [['outcome', 'failed_solution'], ['objection', 'outcome'], ['desire']] as const;
  const step04: ResearchStep = {
    ...base,
    ...empty,
    stepKey: '04',
    title: 'Deep research',
    summary: 'What reactive-skin buyers say in their own words, and what they tried before.',
    content: '## Voice of customer\nBuyers describe stinging and redness, and distrust "gentle" claims.',
    webSearchUsed: false,
    fromModelKnowledge: true,
    evidence: quotes.map((q, n) => ({
      id: `q${n + 1}`,
      kind: 'quote' as const,
      text: q.quote,
      url: q.sourceUrl,
      publishedAt: n === 0 ? '2023-02' : '2026-08',
      sourceType: 'customer' as const,
      sourceName: n === 0 ? 'r/SkincareAddiction' : 'Lumen & Moss product reviews',
      provenance: 'model_stated' as const,
      stale: n === 0,
    })),
    quoteBank: quotes.map((q, n) => ({
      evidenceId: `q${n + 1}`,
      quote: q.quote,
      tags: [...(tags[n] ?? ['pain'])],
    })),
  };
  const step07: ResearchStep = {
    ...base,
    ...empty,
    stepKey: '07',
    title: 'Offer brief',
    summary: 'The offer cold traffic sees first, and the story that makes it believable.',
    content: '',
    evidence: [],
    offerBrief: {
      bigIdea: 'Calm skin is a dose, not a promise: every percentage on the label, every batch tested.',
      mechanism: '5% niacinamide with three ceramides restores the barrier without the flushing of 10%.',
      discoveryStory:
        'Priya, a cosmetic chemist, flared after years of stacking actives and rebuilt her routine around the barrier.',
      leadOffer: 'Ritual Starter Set at $49 with the 60-day calm-skin guarantee',
      productNameIdeas: ['Barrier Reset', 'Calm Dose'],
      awarenessLevel: 'solution_aware',
      sophisticationStage: 4,
      funnel: [
        { stage: 'awareness', step: 'UGC skin-diary video ad', purpose: 'Name the sting and the barrier' },
        { stage: 'consideration', step: 'Product page with ingredient card', purpose: 'Prove the dose' },
        { stage: 'conversion', step: 'Starter Set checkout', purpose: 'Lower the risk with the guarantee' },
      ],
    },
  };
  const step08: ResearchStep = {
    ...base,
    ...empty,
    stepKey: '08',
    title: 'Necessary beliefs',
    summary: 'What a prospect must believe before buying, with the objection each belief meets.',
    content: '',
    evidence: [],
    necessaryBeliefs: structuredClone(canon.beliefs.necessary),
  };
  return [step08, step07, step04];
}

const STRATEGY_RUN = '00000000-0000-4000-8000-000000000601';
const CANON_RUN = '00000000-0000-4000-8000-000000000602';
const DRAFT = '00000000-0000-4000-8000-000000000701';

/** A run waiting at a document gate, with its draft: what the strategist reviews before approving. */
function gateRun(gate: 'strategy_sheet' | 'canon', old: boolean): RouterOutputs['workflows']['get'] {
  const type = gate === 'canon' ? 'client_canon' : 'strategy_sheet';
  const planning = gate === 'strategy_sheet';
  const runId = planning ? STRATEGY_RUN : CANON_RUN;
  return {
    run: {
      id: runId,
      orgId: ORG,
      clientId: old ? OLD_CLIENT : CLIENT,
      campaignId: planning ? CAMPAIGN : null,
      temporalWorkflowId: `${planning ? 'campaign-planning' : 'client-onboarding'}-${runId}`,
      temporalRunId: 'r1',
      kind: planning ? 'campaign_planning' : 'client_onboarding',
      status: 'waiting_for_approval',
      currentStep: `wait:${gate}`,
      waitingGate: gate,
      waitingDraftKey: `${gate}:1`,
      error: null,
      startedBy: null,
      startedAt: created,
      finishedAt: null,
      updatedAt: created,
      clientName: old ? 'Lumen & Moss' : 'Glow Labs',
      campaignName: planning ? 'Barrier serum launch' : null,
      input: null,
    },
    logs: [],
    approvals: [],
    artifacts: [
      {
        ...row(type, docs(old)(type), { id: DRAFT, status: 'draft', version: 1 }),
      },
    ],
    live: {
      workflow: planning ? 'CampaignPlanning' : 'ClientOnboarding',
      step: `wait:${gate}`,
      waitingFor: gate,
      draftKey: `${gate}:1`,
      draftArtifactIds: [DRAFT],
      attempt: 1,
      maxAttempts: 3,
      lastError: null,
      stepFailure: null,
      completedSteps: [],
      stopRequested: false,
    },
    liveError: null,
  } as RouterOutputs['workflows']['get'];
}

function answer(path: string, input: unknown): unknown {
  const i = (input ?? {}) as Record<string, unknown>;
  switch (path) {
    case 'me.get':
      return me;
    case 'clients.get':
      return clients.find((c) => c.id === i.id) ?? clients[0];
    case 'workflows.get':
      return i.runId === CANON_RUN ? gateRun('canon', true) : gateRun('strategy_sheet', false);
    case 'clients.list':
      return { items: clients, nextCursor: null };
    case 'campaigns.get':
      return i.id === OLD_CAMPAIGN
        ? campaign(OLD_CAMPAIGN, OLD_CLIENT, 'Autumn relaunch (planned before issue 8)')
        : campaign(CAMPAIGN, CLIENT, 'Barrier serum launch');
    case 'campaigns.list':
      return {
        items: [campaign(CAMPAIGN, CLIENT, 'Barrier serum launch')].map((c) => ({
          ...c,
          clientName: 'Glow Labs',
        })),
        nextCursor: null,
      };
    case 'artifacts.latest': {
      const old = i.clientId === OLD_CLIENT;
      const type = i.type as keyof typeof artifactExamples;
      return row(type, docs(old)(type), {
        clientId: String(i.clientId),
        campaignId: (i.campaignId as string | undefined) ?? null,
      });
    }
    case 'artifacts.list': {
      const old = i.clientId === OLD_CLIENT;
      const later = old ? [] : laterResearchSteps().map((d) => row('research_step', d));
      return { items: [...later, row('research_step', docs(old)('research_step'))], nextCursor: null };
    }
    case 'experiments.list': {
      const specs = (i.campaignId === OLD_CAMPAIGN ? docs(true) : docs(false))('experiment_spec') as {
        experimentSpecs: { id: string; name?: string }[];
      };
      return {
        items: specs.experimentSpecs.map((s, n) => ({
          id: `00000000-0000-4000-8000-00000000050${n}`,
          orgId: ORG,
          campaignId: String(i.campaignId),
          specId: s.id,
          name: s.name ?? s.id,
          status: 'running',
          startedAt: created,
          endedAt: null,
          createdAt: created,
          updatedAt: created,
        })),
        nextCursor: null,
      };
    }
    case 'assets.list':
      return {
        items:
          i.campaignId === OLD_CAMPAIGN
            ? [asset(1, 'meta', 'static_1080x1080', v1GeneratedAssetContent)]
            : [
                asset(1, 'meta', 'static_1080x1350', metaStatic),
                asset(2, 'google', 'search_rsa', rsa),
                asset(3, 'tiktok', 'video_9x16_30s', video),
              ],
        nextCursor: null,
      };
    default:
      throw new Error(`the stand-in does not answer ${path}`);
  }
}

let screens: Screens;

const signedInPage = (path: string, viewport?: { width: number; height: number }) =>
  screens.signedInPage(path, viewport);

async function tab(page: Page, name: RegExp, shot: string): Promise<void> {
  await page.getByRole('tab', { name }).click();
  await page.waitForFunction(() => document.querySelectorAll('[aria-busy="true"]').length === 0);
  await screenshot(page, shot);
  expect(await seriousAxeViolations(page)).toEqual([]);
}

beforeAll(async () => {
  screens = await startScreens(answer, { token: 'tok_screens', email: me.email, orgId: me.org.externalId });
});

afterAll(async () => {
  await screens?.close();
});

describe.each([
  { label: 'current', clientId: CLIENT, campaignId: CAMPAIGN, prefix: 'docs' },
  { label: 'stored by v1 (upgraded)', clientId: OLD_CLIENT, campaignId: OLD_CAMPAIGN, prefix: 'docs-v1' },
])('definition files, $label', ({ clientId, campaignId, prefix }) => {
  it('client: canon, metric schema and research steps', async () => {
    const page = await signedInPage(`/clients/${clientId}`);
    await tab(page, /Definition files/, `${prefix}-client-definition-files`);
    const main = await page.getByRole('main').textContent();
    expect(main).not.toMatch(/\bnull\b|\bundefined\b|\[object Object\]/);
    // Each research step as the strategist opens it from the step list.
    const steps = page.getByRole('navigation', { name: 'Research steps' }).getByRole('button');
    for (let n = 0; n < (await steps.count()); n++) {
      const step = steps.nth(n);
      const key = (await step.textContent())?.slice(0, 2) ?? String(n);
      await step.click();
      const article = page
        .getByRole('article')
        .filter({ has: page.getByRole('heading', { level: 3 }) })
        .last();
      await article.scrollIntoViewIfNeeded();
      // The app's sticky top bar would cover the article's first lines in an element screenshot.
      await article.screenshot({
        path: join(SCREENSHOT_DIR, `${prefix}-research-step-${key}.png`),
        style: 'header { position: static !important; }',
      });
      expect(await article.textContent()).not.toMatch(/\bnull\b|\bundefined\b|\[object Object\]/);
    }
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('campaign: strategy, experiments, briefs and assets', async () => {
    const page = await signedInPage(`/campaigns/${campaignId}`);
    for (const [name, shot] of [
      [/Strategy/, 'strategy'],
      [/Experiments/, 'experiments'],
      [/Briefs/, 'briefs'],
      [/Assets/, 'assets'],
    ] as const) {
      await tab(page, name, `${prefix}-campaign-${shot}`);
      const main = await page.getByRole('main').textContent();
      expect(main).not.toMatch(/\bnull\b|\bundefined\b|\[object Object\]/);
    }
    await page.context().close();
  });
});

describe('a document at its gate', () => {
  it.each([
    { runId: STRATEGY_RUN, shot: 'docs-gate-strategy-sheet', heading: 'Budget and targets' },
    { runId: CANON_RUN, shot: 'docs-v1-gate-canon', heading: 'Voice of customer' },
  ])('$shot: the draft reads like the page it will land on', async ({ runId, shot, heading }) => {
    const page = await signedInPage(`/runs/${runId}`);
    const draft = page.getByRole('region', { name: 'Draft document' });
    await draft.getByText(heading).first().waitFor();
    await screenshot(page, shot, { fullPage: false });
    expect(await draft.textContent()).not.toMatch(/\bnull\b|\bundefined\b|\[object Object\]/);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.context().close();
  });
});

describe('new campaign', () => {
  it('the form with the client’s markets and the budget currency', async () => {
    const page = await signedInPage('/campaigns');
    await page.getByRole('button', { name: 'New campaign' }).click();
    const dialog = page.getByRole('dialog', { name: 'New campaign' });
    await dialog.waitFor();
    await dialog
      .getByLabel('Client')
      .selectOption(CLIENT)
      .catch(async () => {
        await dialog.getByLabel('Client').click();
        await page.getByRole('option', { name: 'Glow Labs' }).click();
      });
    await screenshot(page, 'docs-new-campaign-markets', { fullPage: false });
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.context().close();
  });
});
