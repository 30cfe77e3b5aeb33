/**
 * The agency loop in Debian's Chromium against the real local stack (Temporal dev server with the real worker,
 * PGlite, the OpenAI stand-in, the API over HTTP, the production build): one stack for the whole file.
 *
 * 1. sign in → new client through the wizard → onboarding reaches the canon gate (live) → edit & approve the canon →
 *    approve the metric schema → create a campaign → plan it → approve the strategy → experiments and briefs;
 * 2. the library import of an export with malformed rows;
 * 3. every sidebar page screenshotted and checked with axe.
 * Every page visited is screenshotted under web/e2e/screenshots/ and audited (no serious or critical violations).
 */
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { idLabel } from '../src/lib/labels';
import { type AxeFinding, launchChromium, seriousAxeViolations } from './support/browser';
import { randomOrgId, startWebStack, WEB_DIR, type WebStack } from './support/stack';
import {
  createClientThroughUi,
  mainNav,
  openFromSidebar,
  pageHeading,
  screenshot,
  sessionToken,
  settled,
  sidebarLinks,
  signInLocally,
} from './support/ui';

/** Workflows run activities on the real worker; the stand-in answers at once, but a step still takes a moment. */
const WORKFLOW_TIMEOUT = 90_000;
const MALFORMED_EXPORT = join(WEB_DIR, '../db/fixtures/ad-library-export-malformed.json');

let web: WebStack;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  [web, browser] = await Promise.all([startWebStack(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
});

beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
});

afterEach(async () => {
  await context?.close();
});

function tenant(label: string) {
  const orgId = randomOrgId();
  return { email: `${label}-${orgId.slice(-8)}@agency.test`, orgId, orgName: `E2E ${label} agency` };
}

/** Screenshot + axe for each state of a page; the findings are asserted at the end of the test (all at once). */
function auditor() {
  const findings: string[] = [];
  return {
    findings,
    async check(name: string) {
      await screenshot(page, name);
      for (const v of await seriousAxeViolations(page)) findings.push(describeFinding(name, v));
    },
  };
}

/** Set once after sign-in; a reload or a full navigation would drop it, so later pages must update by polling. */
async function markNoReload(): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { __e2eNoReload: boolean }).__e2eNoReload = true;
  });
}

async function stillNoReload(): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { __e2eNoReload?: boolean }).__e2eNoReload === true);
}

/** The run detail's status badge, next to its h1. */
function runStatus(text: string): Locator {
  return pageHeading(page, /./).locator('xpath=..').getByText(text, { exact: true });
}

function reviewHeading(title: string): Locator {
  return page.getByRole('heading', { name: `Review: ${title}` });
}

/** Approve in the review panel's draft section. */
async function approveDraft(): Promise<void> {
  await page
    .getByRole('region', { name: 'Draft' })
    .getByRole('button', { name: 'Approve', exact: true })
    .click();
}

async function openTab(name: string | RegExp): Promise<void> {
  const tab = page.getByRole('tab', { name });
  await tab.click();
  await page.waitForFunction((el) => el?.getAttribute('aria-selected') === 'true', await tab.elementHandle());
  await settled(page);
}

describe('the agency loop in the browser', () => {
  it('onboards a client through the wizard and review gates, then plans a campaign to experiments and briefs', async () => {
    const audit = auditor();
    const who = tenant('owner');
    await signInLocally(page, web.webUrl, who);
    await page.getByText(who.orgName).first().waitFor({ state: 'visible', timeout: 20_000 });
    await markNoReload();

    // --- New client through the six-step wizard; it starts onboarding itself and opens the client.
    await openFromSidebar(page, 'Clients');
    const clientName = `Lumen & Moss ${crypto.randomUUID().slice(0, 6)}`;
    await createClientThroughUi(page, {
      name: clientName,
      industry: 'DTC skincare',
      markets: 'US, UK',
      languages: 'en-US, en-GB',
    });
    await page.waitForURL(/\/clients\/[^/?#]+/, { timeout: 20_000 });
    await pageHeading(page, clientName).waitFor();
    const clientId = new URL(page.url()).pathname.split('/')[2] ?? '';
    expect(clientId).not.toBe('');
    const api = web.api(await sessionToken(page));
    const onboarding = await api.workflows.list.query({ clientId, limit: 5 });
    expect(onboarding.items.map((r) => r.kind)).toEqual(['client_onboarding']);
    const onboardingRunId = onboarding.items[0]?.id ?? '';

    // --- The Inbox shows the run at the canon gate without a reload; its Review link opens the run detail.
    await openFromSidebar(page, 'Inbox');
    const main = page.getByRole('main');
    await main
      .getByText(/waiting for canon/i)
      .first()
      .waitFor({ timeout: WORKFLOW_TIMEOUT });
    expect(
      await main
        .getByText(new RegExp(escapeRegExp(clientName)))
        .first()
        .isVisible(),
    ).toBe(true);
    await audit.check('inbox-waiting-for-canon');
    await main
      .getByRole('link', { name: /review/i })
      .first()
      .click();
    await page.waitForURL(`**/runs/${onboardingRunId}`);
    await reviewHeading('Client canon').waitFor({ timeout: WORKFLOW_TIMEOUT });
    await runStatus('Review: canon').waitFor({ state: 'visible', timeout: 20_000 });
    expect(await stillNoReload()).toBe(true);
    await audit.check('run-detail-canon-review');

    // --- Edit & approve: the schema-driven editor, prefilled with the draft; change the brand story.
    await page.getByRole('button', { name: 'Edit & approve' }).click();
    const editor = page.getByRole('region', { name: 'Edit the draft' });
    const story = editor.getByRole('group', { name: /^Brand/ }).getByLabel('Story', { exact: true });
    await story.waitFor();
    const drafted = await story.inputValue();
    expect(drafted.length).toBeGreaterThan(0); // prefilled with the draft
    const editedStory = `Founded by a cosmetic chemist who patch-tests every batch on reactive skin (${crypto.randomUUID().slice(0, 8)}).`;
    await story.fill(editedStory);
    await audit.check('run-detail-canon-schema-editor');
    await editor.getByRole('button', { name: 'Save edits & approve' }).click();

    // --- The run moves on to the metric schema gate, live.
    await reviewHeading('Metric schema').waitFor({ timeout: WORKFLOW_TIMEOUT });
    await runStatus('Review: metric schema').waitFor({ state: 'visible', timeout: 20_000 });
    expect(await stillNoReload()).toBe(true);
    const canon = await api.artifacts.latest.query({ clientId, type: 'client_canon' });
    expect(canon).toMatchObject({ status: 'approved', source: 'human' });
    expect((canon?.data as { brand?: { story?: string } } | undefined)?.brand?.story).toBe(editedStory);
    await audit.check('run-detail-metric-schema-review');

    await approveDraft();
    await runStatus('Completed').waitFor({ timeout: WORKFLOW_TIMEOUT });
    expect(await stillNoReload()).toBe(true);
    expect((await api.workflows.get.query({ runId: onboardingRunId })).run.status).toBe('completed');
    const schema = await api.artifacts.latest.query({ clientId, type: 'metric_schema' });
    expect(schema?.status).toBe('approved');
    // The Decisions card records both gates.
    await page.getByText('Edited & approved').first().waitFor({ state: 'visible', timeout: 20_000 });
    await audit.check('run-detail-onboarding-completed');

    // --- Client detail, every tab (the definition files with their version history).
    await openFromSidebar(page, 'Clients');
    await page.getByRole('main').getByRole('link', { name: clientName, exact: true }).click();
    await pageHeading(page, clientName).waitFor();
    for (const tab of ['Overview', 'Offers', 'Definition files', 'Campaigns', 'Runs', 'Swipes']) {
      await openTab(tab);
      if (tab === 'Definition files') {
        // The approved canon is the human edit; the edited story is what the tab shows.
        await page.getByRole('tabpanel').getByText(editedStory).first().waitFor();
      }
      await audit.check(`client-detail-${slug(tab)}`);
      if (tab === 'Definition files') {
        // Version history: the AI draft (v1) against the human edit (v2), the story among the differences.
        // The Canon card comes first; its title carries the version and status.
        await page
          .getByRole('tabpanel')
          .getByRole('heading', { name: /^Canon\s*v2/ })
          .waitFor();
        await page.getByRole('button', { name: 'Version history' }).first().click();
        const history = page.getByRole('dialog', { name: 'Canon: version history' });
        await history.getByRole('list', { name: 'Versions' }).waitFor();
        const diff = history.getByRole('table', { name: 'Differences' });
        await diff.waitFor();
        await diff.getByText(editedStory).first().waitFor({ state: 'visible', timeout: 20_000 });
        await audit.check('client-detail-definition-files-version-history');
        await page.keyboard.press('Escape');
        await history.waitFor({ state: 'hidden' });
      }
    }

    // --- A campaign for that client, from the Campaigns page's dialog.
    await openFromSidebar(page, 'Campaigns');
    const campaignName = `Serum subscriptions ${crypto.randomUUID().slice(0, 6)}`;
    await page.getByRole('button', { name: 'New campaign' }).click();
    const dialog = page.getByRole('dialog', { name: 'New campaign' });
    // selectOption waits for the select to be enabled (it is disabled while the clients load).
    await dialog.getByLabel('Client', { exact: true }).selectOption({ label: clientName });
    await dialog.getByLabel('Name', { exact: true }).fill(campaignName);
    await dialog.getByLabel('Goal').fill('Grow serum subscriptions in the US at a CAC under $32');
    await dialog.getByLabel('Objective').fill('purchases');
    await dialog.getByLabel('Target').fill('500');
    await dialog.getByLabel('Baseline (%)').fill('3.2');
    await dialog.getByLabel('Timeframe (days)').fill('30');
    await dialog.getByLabel('Budget min').fill('5000');
    await dialog.getByLabel('Budget max').fill('8000');
    await audit.check('campaigns-new-campaign');
    await dialog.getByRole('button', { name: 'Create campaign' }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 20_000 });
    const campaignLink = page.getByRole('main').getByRole('link', { name: campaignName, exact: true });
    await campaignLink.waitFor();
    const campaign = (await api.campaigns.list.query({ clientId })).items.find(
      (c) => c.name === campaignName,
    );
    expect(campaign).toBeDefined();
    const campaignId = campaign?.id ?? '';

    // --- Plan it from the campaign's page; the planning run waits at the strategy gate.
    await campaignLink.click();
    await pageHeading(page, campaignName).waitFor();
    await settled(page);
    await page.getByRole('button', { name: `Plan campaign ${campaignName}` }).click();
    const viewRun = page.getByRole('link', { name: /view campaign planning run/i });
    await viewRun.waitFor({ timeout: 20_000 });
    await viewRun.click();
    await page.waitForURL(/\/runs\/[^/?#]+/);
    const planningRunId = new URL(page.url()).pathname.split('/')[2] ?? '';
    await reviewHeading('Strategy sheet').waitFor({ timeout: WORKFLOW_TIMEOUT });
    await runStatus('Review: strategy sheet').waitFor({ state: 'visible', timeout: 20_000 });
    expect(await stillNoReload()).toBe(true);
    await audit.check('run-detail-strategy-review');

    await approveDraft();
    await runStatus('Completed').waitFor({ timeout: WORKFLOW_TIMEOUT });
    expect(await stillNoReload()).toBe(true);
    const planning = await api.workflows.get.query({ runId: planningRunId });
    expect(planning.run).toMatchObject({ kind: 'campaign_planning', status: 'completed', campaignId });
    await audit.check('run-detail-planning-completed');

    // --- The campaign detail shows the experiments and the briefs.
    const experiments = (await api.experiments.list.query({ campaignId, limit: 100 })).items;
    expect(experiments.length).toBeGreaterThan(0);
    const briefSet = await api.artifacts.latest.query({ clientId, campaignId, type: 'asset_brief' });
    const briefs = (
      briefSet?.data as {
        assetBriefs?: { id: string; variantId?: string | null; creativeConcept?: string }[];
      }
    )?.assetBriefs;
    expect(briefs?.length ?? 0).toBeGreaterThan(0);

    const strategySheet = await api.artifacts.latest.query({ clientId, campaignId, type: 'strategy_sheet' });
    expect(strategySheet?.status).toBe('approved');

    // Back to the campaign the way a person would: Campaigns → the campaign (in-app navigation, as before).
    await openFromSidebar(page, 'Campaigns');
    await page.getByRole('main').getByRole('link', { name: campaignName, exact: true }).click();
    await pageHeading(page, campaignName).waitFor();
    await settled(page);
    const strategyPanel = page.getByRole('tabpanel');
    await strategyPanel.getByRole('heading', { name: 'Strategy sheet' }).waitFor();
    await screenshot(page, 'campaign-detail-on-return');
    // The page must show what the planning run wrote. KNOWN BUG (reported): the campaign detail's artifact and
    // experiment queries were cached (empty) when "Plan campaign" was pressed on this page, nothing invalidates
    // them when the run moves on, and within the 15 s staleTime they are not refetched on return, so the page
    // says "No strategy sheet yet" / "No experiments yet". Soft, so the rest of the flow is still checked.
    const shownOnReturn = await strategyPanel
      .getByText('Approved', { exact: true })
      .first()
      .waitFor({ timeout: 5_000 })
      .then(() => true)
      .catch(() => false);
    expect
      .soft(shownOnReturn, 'campaign detail shows the approved strategy sheet after in-app navigation')
      .toBe(true);
    if (!shownOnReturn) {
      // Only to check the rest of the page against fresh data; the soft failure above keeps the test red.
      await page.reload();
      await settled(page);
    }
    await strategyPanel.getByText('Approved', { exact: true }).first().waitFor();
    await audit.check('campaign-detail-strategy');

    await openTab(new RegExp(`^Experiments \\(${experiments.length}\\)$`));
    const expPanel = page.getByRole('tabpanel');
    for (const e of experiments) {
      await expPanel
        .getByRole('heading', { name: e.name, exact: true })
        .waitFor({ state: 'visible', timeout: 20_000 });
    }
    await audit.check('campaign-detail-experiments');

    await openTab('Briefs');
    const briefPanel = page.getByRole('tabpanel');
    const [firstBrief] = briefs ?? [];
    // A brief is titled by its arm (the variant), with its experiment underneath.
    await briefPanel
      .getByRole('heading', { name: idLabel(firstBrief?.variantId ?? firstBrief?.id ?? '') })
      .first()
      .waitFor();
    if (firstBrief?.creativeConcept) {
      await briefPanel
        .getByText(firstBrief.creativeConcept)
        .first()
        .waitFor({ state: 'visible', timeout: 20_000 });
    }
    await audit.check('campaign-detail-briefs');

    await openTab(/^Assets/);
    await audit.check('campaign-detail-assets');

    expect(audit.findings, audit.findings.join('\n')).toEqual([]);
  });

  it('imports an ad-library export with malformed rows: progress, a per-row report, the good rows in the grid', async () => {
    const audit = auditor();
    await signInLocally(page, web.webUrl, tenant('librarian'));
    await openFromSidebar(page, 'Library');

    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Import an ad-library export' });
    await dialog.waitFor();
    await audit.check('library-import-dialog');
    await dialog.getByLabel('Export file (.json)').setInputFiles(MALFORMED_EXPORT);

    await dialog.getByText('ad-library-export-malformed.json: 6 ads processed').waitFor({ timeout: 30_000 });
    const progress = dialog.getByRole('progressbar', { name: 'Import progress' });
    expect(await progress.getAttribute('aria-valuenow')).toBe('100');
    expect(await progress.getAttribute('aria-valuetext')).toBe('6 of 6 ads');
    const summary = dialog.getByRole('region', { name: 'Import summary' });
    expect(await summary.textContent()).toMatch(
      /3\s*Inserted[\s\S]*0\s*Updated[\s\S]*0\s*Unchanged[\s\S]*3\s*Rejected/,
    );

    const rows = dialog.getByRole('table', { name: 'Rejected rows' }).getByRole('row');
    // Header + one row per rejected ad, in file order: row number, external id, reasons.
    expect(await rows.count()).toBe(4);
    const cells = async (n: number) =>
      (await rows.nth(n).getByRole('cell').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
    const [missingId, badDate, badScore] = [await cells(1), await cells(2), await cells(3)];
    expect(missingId).toEqual(['2', '—', 'id: is required']);
    expect(badDate.slice(0, 2)).toEqual(['3', '5501203399871077']);
    expect(badDate[2]).toMatch(/^start_date: .*YYYY-MM-DD/);
    expect(badScore.slice(0, 2)).toEqual(['5', '5501203399871188']);
    expect(badScore[2]).toMatch(/winning_score: /);
    expect(badScore[2]).toMatch(/active: /);
    await audit.check('library-import-report');

    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const grid = page.getByRole('list', { name: 'Ads' });
    await grid.waitFor();
    await settled(page);
    for (const title of [
      'Made from 11 recycled bottles',
      'Swim shorts that dry in 20 minutes',
      'The rash guard your kids will actually wear',
    ]) {
      await grid
        .getByRole('button', { name: new RegExp(title) })
        .waitFor({ state: 'visible', timeout: 20_000 });
    }
    expect(await grid.getByRole('listitem').count()).toBe(3);
    await audit.check('library-with-items');

    expect(audit.findings, audit.findings.join('\n')).toEqual([]);
  });

  it('every page is screenshotted and has no serious or critical accessibility violations', async () => {
    const audit = auditor();

    await page.goto(web.webUrl);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await audit.check('sign-in');

    const who = tenant('auditor');
    // Some data so lists are not empty: a client made through the API before signing in.
    const token = await web.signIn({ ...who, role: 'admin' });
    await web.api(token).clients.create.mutate({
      name: 'Northwind Outdoor',
      industry: 'Outdoor gear',
      primaryMarkets: ['US', 'CA'],
      primaryLanguages: ['en-US'],
    });
    await signInLocally(page, web.webUrl, who);

    const links = await sidebarLinks(page);
    expect(links).toEqual(
      expect.arrayContaining(['Inbox', 'Clients', 'Campaigns', 'Runs', 'Library', 'Playbook', 'Settings']),
    );
    for (const link of links) {
      await openFromSidebar(page, link);
      expect(
        await mainNav(page).getByRole('link', { name: link, exact: true }).getAttribute('aria-current'),
      ).toBe('page');
      await audit.check(slug(link));
    }

    // The New client wizard open: keyboard-usable dialogs are part of every page.
    await openFromSidebar(page, 'Clients');
    await page
      .getByRole('button', { name: /new client/i })
      .or(page.getByRole('link', { name: /new client/i }))
      .first()
      .click();
    await page.getByRole('dialog').or(page.getByRole('main')).first().getByLabel(/name/i).first().waitFor();
    await audit.check('clients-new-client');

    expect(audit.findings, audit.findings.join('\n')).toEqual([]);
  });
});

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function describeFinding(pageName: string, v: AxeFinding): string {
  return `${pageName}: [${v.impact}] ${v.id} (${v.help})\n    ${v.nodes.join('\n    ')}`;
}
