/**
 * The funnel screens in Chromium against the contract-typed API stand-in (support/screens.ts): the list, the
 * detail with publish problems and every tab (pages, variants with the results chart, leads with a delivery log,
 * publications, domains, settings, design), and the page editor with Puck. Screenshots under e2e/screenshots/.
 */
import { FunnelSettings } from '@mos/db/contracts';
import { PAGE_TEMPLATES } from '@mos/funnel-blocks/templates';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouterOutputs } from '../src/lib/trpc';
import { seriousAxeViolations } from './support/browser';
import { type Screens, startScreens } from './support/screens';
import { screenshot } from './support/ui';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const ORG = uuid(1);
const CLIENT = uuid(2);
const CAMPAIGN = uuid(3);
const FUNNEL = uuid(10);
const DRAFT_FUNNEL = uuid(11);
const LANDING = uuid(20);
const OFFER_PAGE = uuid(21);
const THANKS = uuid(22);
const VARIANT = uuid(30);
const PUB1 = uuid(40);
const PUB2 = uuid(41);
const LEAD1 = uuid(50);
const LEAD2 = uuid(51);
const DOMAIN = uuid(60);
const PUBLIC_ID = '7d3c1b9e-52a4-4f0e-9a51-3f6b2c8d1e07';
const now = Date.now();
const ago = (minutes: number) => new Date(now - minutes * 60_000).toISOString();

const me = {
  userId: uuid(5),
  clerkUserId: 'user_local_1',
  email: 'ops@northstar.test',
  role: 'admin',
  org: { id: ORG, externalId: 'org_northstar', name: 'Northstar Media' },
} satisfies RouterOutputs['me']['get'];

type FunnelRow = RouterOutputs['funnels']['list']['items'][number];
const funnelRow = (over: Partial<FunnelRow>): FunnelRow => ({
  id: FUNNEL,
  orgId: ORG,
  clientId: CLIENT,
  campaignId: CAMPAIGN,
  experimentId: 'hook-test',
  offerId: null,
  name: 'Barrier serum launch',
  description: 'Lead capture for the spring launch, testing the ingredient hook against the barrier hook.',
  status: 'published',
  publicId: PUBLIC_ID,
  entryPageId: LANDING,
  activePublicationId: PUB2,
  routingVersion: 0,
  settings: FunnelSettings.parse({}),
  createdBy: null,
  createdAt: ago(60 * 24 * 5),
  updatedAt: ago(30),
  pageCount: 3,
  publicPath: `/f/${PUBLIC_ID}`,
  ...over,
});

const list = {
  items: [
    funnelRow({}),
    funnelRow({
      id: DRAFT_FUNNEL,
      name: 'Webinar sign-up',
      description: null,
      status: 'draft',
      activePublicationId: null,
      pageCount: 1,
      createdAt: ago(60 * 24),
    }),
    funnelRow({
      id: uuid(12),
      name: 'Black Friday 2025',
      status: 'disabled',
      pageCount: 2,
      createdAt: ago(60 * 24 * 300),
    }),
  ],
  nextCursor: null,
} satisfies RouterOutputs['funnels']['list'];

type DetailPage = RouterOutputs['funnels']['get']['pages'][number];
const page = (over: Partial<DetailPage>): DetailPage => ({
  id: LANDING,
  orgId: ORG,
  funnelId: FUNNEL,
  name: 'Landing',
  slug: 'start',
  nextPageId: OFFER_PAGE,
  templateId: 'lead_capture',
  ordering: 0,
  createdAt: ago(60 * 24 * 5),
  updatedAt: ago(30),
  latestDraftVersionId: uuid(100),
  latestApprovedVersionId: uuid(101),
  hasUnapprovedChanges: false,
  latestSource: 'human',
  isEntry: false,
  publicPath: `/f/${PUBLIC_ID}/start`,
  variants: [],
  ...over,
});

const detail = {
  funnel: {
    ...funnelRow({}),
    settings: FunnelSettings.parse({
      consent: 'line',
      leadWebhookUrl: 'https://crm.example.com/hooks/leads',
      leadWebhookSecret: 'CRM_WEBHOOK_KEY',
    }),
  },
  pages: [
    page({
      isEntry: true,
      variants: [
        {
          id: VARIANT,
          orgId: ORG,
          funnelId: FUNNEL,
          pageId: LANDING,
          name: 'Barrier hook',
          experimentId: 'hook-test',
          experimentVariantId: 'barrier',
          weight: 50,
          createdAt: ago(60 * 24 * 2),
          updatedAt: ago(60 * 24 * 2),
          latestDraftVersionId: uuid(110),
          latestApprovedVersionId: null,
          hasUnapprovedChanges: true,
          latestSource: 'ai',
        },
      ],
    }),
    page({
      id: OFFER_PAGE,
      name: 'Offer',
      slug: 'offer',
      nextPageId: THANKS,
      ordering: 1,
      templateId: 'sales',
      hasUnapprovedChanges: true,
      publicPath: `/f/${PUBLIC_ID}/offer`,
    }),
    page({
      id: THANKS,
      name: 'Thank you',
      slug: 'thank-you',
      nextPageId: null,
      ordering: 2,
      templateId: 'thank_you',
      publicPath: `/f/${PUBLIC_ID}/thank-you`,
    }),
  ],
  entryPage: { id: LANDING, name: 'Landing', slug: 'start' },
  canPublish: false,
  publishProblems: [
    {
      reason: 'variant_not_approved',
      pageId: LANDING,
      message: "Page 'Landing': variant 'Barrier hook' is not approved.",
    },
  ],
  publicPath: `/f/${PUBLIC_ID}`,
  activePublication: { id: PUB2, number: 2, entrySlug: 'start', createdAt: ago(60 * 26) },
} satisfies RouterOutputs['funnels']['get'];

const publications = [
  {
    id: PUB2,
    number: 2,
    entryPageId: LANDING,
    entrySlug: 'start',
    createdAt: ago(60 * 26),
    createdBy: uuid(5),
    createdByEmail: 'ops@northstar.test',
    createdByName: null,
    workflowRunId: uuid(70),
    active: true,
    pages: [],
  },
  {
    id: PUB1,
    number: 1,
    entryPageId: LANDING,
    entrySlug: 'start',
    createdAt: ago(60 * 24 * 4),
    createdBy: uuid(5),
    createdByEmail: 'ops@northstar.test',
    createdByName: null,
    workflowRunId: uuid(71),
    active: false,
    pages: [],
  },
] satisfies RouterOutputs['funnels']['publications'];

const resultRow = (
  pageId: string,
  pageName: string,
  variantId: string | null,
  variantName: string | null,
  views: number,
  clicks: number,
  leads: number,
) => ({
  pageId,
  pageName,
  pageSlug: pageName.toLowerCase(),
  variantId,
  variantName,
  experimentId: variantId ? 'hook-test' : null,
  experimentVariantId: variantId ? 'barrier' : null,
  views,
  clicks,
  leads,
  conversionRate: views > 0 ? leads / views : null,
});
const results = {
  funnelId: FUNNEL,
  from: ago(60 * 24 * 30),
  to: ago(0),
  totals: { views: 4210, clicks: 1180, leads: 402, conversionRate: 402 / 4210 },
  rows: [
    resultRow(LANDING, 'Landing', null, null, 2140, 610, 188),
    resultRow(LANDING, 'Landing', VARIANT, 'Barrier hook', 2070, 570, 214),
    resultRow(OFFER_PAGE, 'Offer', null, null, 1310, 240, 0),
  ],
  days: [],
} satisfies RouterOutputs['funnels']['results'];

type Lead = RouterOutputs['funnels']['leads']['items'][number];
const lead = (over: Partial<Lead>): Lead =>
  ({
    id: LEAD1,
    orgId: ORG,
    clientId: CLIENT,
    funnelId: FUNNEL,
    publicationId: PUB2,
    pageId: LANDING,
    variantId: null,
    blockId: 'form-1',
    submissionId: uuid(80),
    visitorId: 'v_6f1c2a9d0b',
    fields: { first_name: 'Ada', email: 'ada@example.com' },
    email: 'ada@example.com',
    consent: 'granted',
    utm: { source: 'meta', campaign: 'spring' },
    clickIds: {},
    host: null,
    deliveryStatus: 'delivered',
    createdAt: ago(12),
    ...over,
  }) as Lead;
const leads = {
  items: [
    lead({}),
    lead({
      id: LEAD2,
      fields: { first_name: 'Grace', email: 'grace@example.com', phone: '+1 555 0100' },
      email: 'grace@example.com',
      variantId: VARIANT,
      deliveryStatus: 'failed',
      createdAt: ago(95),
    }),
  ],
  nextCursor: null,
} satisfies RouterOutputs['funnels']['leads'];

const deliveries = {
  lead: {
    id: LEAD2,
    funnelId: FUNNEL,
    email: 'grace@example.com',
    deliveryStatus: 'failed',
    createdAt: ago(95),
  },
  deliveries: [1, 2, 3].map((attempt) => ({
    id: uuid(90 + attempt),
    orgId: ORG,
    leadId: LEAD2,
    attempt,
    url: 'https://crm.example.com/hooks/leads',
    ok: false,
    httpStatus: 502,
    responseExcerpt: 'Bad gateway',
    error: attempt === 3 ? 'gave up after 3 attempts' : null,
    durationMs: 340 + attempt * 20,
    createdAt: ago(95 - attempt * 5),
  })),
} satisfies RouterOutputs['funnels']['leadDeliveries'];

const domains = [
  {
    id: DOMAIN,
    orgId: ORG,
    clientId: CLIENT,
    funnelId: FUNNEL,
    hostname: 'go.glowlabs.com',
    status: 'pending',
    verificationToken: '5f0c1e2d3a4b5c6d7e8f9a0b1c2d3e4f',
    verifiedAt: null,
    lastCheckedAt: ago(3),
    lastError: 'no TXT record at _mos-verify.go.glowlabs.com yet (DNS changes can take a while to show)',
    createdAt: ago(60),
    updatedAt: ago(3),
    verification: {
      recordType: 'TXT',
      recordName: '_mos-verify.go.glowlabs.com',
      value: 'mos-verify=5f0c1e2d3a4b5c6d7e8f9a0b1c2d3e4f',
    },
  },
] satisfies RouterOutputs['domains']['list'];

const client = {
  id: CLIENT,
  orgId: ORG,
  name: 'Glow Labs',
  status: 'active',
  industry: 'DTC skincare',
  primaryMarkets: ['US'],
  primaryLanguages: ['en-US'],
  adVertical: null,
  designTokens: null,
  createdAt: ago(60 * 24 * 30),
  updatedAt: ago(60 * 24),
} as unknown as RouterOutputs['clients']['get'];

const landingDocument = PAGE_TEMPLATES.find((t) => t.key === 'lead_capture')?.build({ now: new Date(now) });

function answer(path: string, input: unknown): unknown {
  switch (path) {
    case 'me.get':
      return me;
    case 'clients.list':
      return { items: [client], nextCursor: null };
    case 'clients.get':
      return client;
    case 'clients.designTokens':
      return {
        tokens: {
          colors: {
            primary: '#0f766e',
            primaryText: '#ffffff',
            background: '#fdfbf7',
            text: '#1c1917',
            muted: '#57534e',
            accent: '#e11d48',
          },
          fonts: { heading: 'Georgia, serif', body: 'system-ui, sans-serif' },
          radius: 12,
        },
        source: 'canon',
      };
    case 'funnels.list':
      return list;
    case 'funnels.get':
      return detail;
    case 'funnels.publications':
      return publications;
    case 'funnels.results':
      return results;
    case 'funnels.leads':
      return leads;
    case 'funnels.leadDeliveries':
      return deliveries;
    case 'funnels.templates':
      return [];
    case 'domains.list':
      return domains;
    case 'secrets.list':
      return [
        { name: 'CRM_WEBHOOK_KEY', createdAt: ago(600), updatedAt: ago(600) },
        { name: 'META_CAPI_TOKEN', createdAt: ago(600), updatedAt: ago(600) },
      ];
    case 'offers.list':
      return { items: [], nextCursor: null };
    case 'artifacts.latest':
      return null;
    case 'funnels.getPage':
      return {
        funnel: {
          id: FUNNEL,
          name: detail.funnel.name,
          publicId: PUBLIC_ID,
          clientId: CLIENT,
          offerId: null,
        },
        page: detail.pages[0],
        variant: null,
        latestDraft: {
          id: uuid(100),
          status: 'draft',
          source: 'human',
          document: landingDocument,
          createdAt: ago(30),
        },
        latestApproved: null,
        hasUnapprovedChanges: true,
        versions: [],
        designTokens: (answer('clients.designTokens', input) as { tokens: unknown }).tokens,
        designTokensSource: 'canon',
      };
    default:
      throw new Error(`the stand-in does not answer ${path}`);
  }
}

let screens: Screens;

beforeAll(async () => {
  screens = await startScreens(answer, { token: 'tok_screens', email: me.email, orgId: me.org.externalId });
});

afterAll(async () => {
  await screens?.close();
});

async function tab(p: Page, name: string): Promise<void> {
  await p.getByRole('tab', { name }).click();
  await p.waitForFunction(() => document.querySelectorAll('[aria-busy="true"]').length === 0);
}

describe('funnel screens (contract-shaped API stand-in)', () => {
  it('list: each funnel with its client, status and pages', async () => {
    const p = await screens.signedInPage('/funnels');
    const cards = p.getByRole('list', { name: 'Funnels' }).getByRole('listitem');
    expect(await cards.count()).toBe(3);
    expect(await cards.nth(0).textContent()).toContain('Published');
    expect(await cards.nth(1).textContent()).toContain('Draft');
    await screenshot(p, 'funnels-list');
    expect(await seriousAxeViolations(p)).toEqual([]);
    await p.getByRole('button', { name: 'New funnel' }).click();
    await p.getByRole('dialog').getByLabel('Offer').waitFor();
    await screenshot(p, 'funnels-new-dialog', { fullPage: false });
    await p.context().close();
  });

  it('detail: the problems, pages, variants with the results chart, leads, publications, domains, settings, design', async () => {
    const p = await screens.signedInPage(`/funnels/${FUNNEL}`);
    expect(await p.getByRole('button', { name: 'Publish', exact: true }).isDisabled()).toBe(true);
    expect(await p.getByRole('list', { name: 'Publish problems' }).textContent()).toContain(
      "variant 'Barrier hook' is not approved",
    );
    // The live entry page on the API's edge route.
    expect(await p.getByRole('link', { name: 'Open public page', exact: true }).getAttribute('href')).toMatch(
      new RegExp(`^http://127\\.0\\.0\\.1:\\d+/f/${PUBLIC_ID}/start$`),
    );
    const rows = p.getByRole('table', { name: 'Pages' }).getByRole('row');
    expect(await rows.nth(2).textContent()).toContain('Changed since approval');
    await screenshot(p, 'funnels-detail-pages');
    expect(await seriousAxeViolations(p)).toEqual([]);

    await tab(p, 'Variants & results');
    await p.getByRole('img', { name: 'Conversion per variant (leads per view)' }).waitFor();
    expect(await p.getByTestId('result-bar').count()).toBe(3);
    await screenshot(p, 'funnels-detail-variants-results');
    expect(await seriousAxeViolations(p)).toEqual([]);

    await tab(p, 'Leads');
    await p
      .getByRole('button', { name: /Delivery log of the lead/ })
      .nth(1)
      .click();
    await p.getByRole('list', { name: 'Delivery log' }).waitFor();
    await screenshot(p, 'funnels-detail-leads');
    expect(await seriousAxeViolations(p)).toEqual([]);

    await tab(p, 'Publications');
    await p.getByRole('button', { name: 'Roll back to this' }).click();
    await p.getByRole('dialog').getByText('Roll back to publication 1?').waitFor();
    await screenshot(p, 'funnels-detail-rollback', { fullPage: false });
    await p.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

    await tab(p, 'Domains');
    await p.getByText('_mos-verify.go.glowlabs.com', { exact: true }).waitFor();
    await screenshot(p, 'funnels-detail-domains');
    expect(await seriousAxeViolations(p)).toEqual([]);

    await tab(p, 'Settings');
    await p.getByLabel('Signing key (secret)').waitFor();
    expect(await p.getByLabel('Signing key (secret)').inputValue()).toBe('CRM_WEBHOOK_KEY');
    await screenshot(p, 'funnels-detail-settings');
    expect(await seriousAxeViolations(p)).toEqual([]);

    await tab(p, 'Design');
    await p.getByLabel('Primary', { exact: true }).waitFor();
    await screenshot(p, 'funnels-detail-design');
    expect(await seriousAxeViolations(p)).toEqual([]);
    await p.context().close();
  });

  it('editor: Puck with the block library and the client’s tokens in the canvas', async () => {
    const p = await screens.signedInPage(
      `/funnels/${FUNNEL}/pages/${LANDING}/edit`,
      { width: 1440, height: 900 },
      { settle: false },
    );
    await p.getByRole('heading', { name: 'Landing', level: 1 }).waitFor();
    const frame = await (
      await p.locator('#preview-frame').elementHandle({ timeout: 30_000 })
    )?.contentFrame();
    if (!frame) throw new Error('no Puck canvas');
    await frame.locator('.mos-page').first().waitFor();
    // The canvas draws with the client's tokens: the page background is the token's.
    expect(
      await frame
        .locator('.mos-page')
        .first()
        .evaluate((el) => getComputedStyle(el).backgroundColor),
    ).toBe('rgb(253, 251, 247)');
    await screenshot(p, 'funnels-editor', { fullPage: false });
    await p.context().close();
  });
});
