/**
 * The agency loop as far as the pages go today, in Debian's Chromium against the real local stack. Later pages extend
 * these flows (the wizard, review panels, campaigns) rather than replacing them.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type AxeFinding, launchChromium, seriousAxeViolations } from './support/browser';
import { exampleIntake, randomOrgId, startWebStack, type WebStack } from './support/stack';
import {
  createClientThroughUi,
  mainNav,
  openFromSidebar,
  pageHeading,
  screenshot,
  sessionToken,
  sidebarLinks,
  signInLocally,
} from './support/ui';

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

describe('the agency loop in the browser', () => {
  it('signs in, creates a client, and sees its onboarding reach the canon gate in the Inbox without reloading', async () => {
    const who = tenant('owner');
    await signInLocally(page, web.webUrl, who);
    expect(await pageHeading(page, 'Inbox').isVisible()).toBe(true);
    expect(await page.getByText(who.orgName).first().isVisible()).toBe(true);

    await openFromSidebar(page, 'Clients');
    const clientName = `Lumen & Moss ${crypto.randomUUID().slice(0, 6)}`;
    await createClientThroughUi(page, {
      name: clientName,
      industry: 'DTC skincare',
      markets: 'US, UK',
      languages: 'en-US, en-GB',
    });
    // Back to the list the way a person would, wherever creating the client left them.
    await openFromSidebar(page, 'Clients');
    await page.getByRole('main').getByText(clientName, { exact: true }).waitFor();

    // Onboarding through the API with the browser's own token (the wizard will start it itself once it lands).
    const api = web.api(await sessionToken(page));
    const client = (await api.clients.list.query({ search: clientName })).items.find(
      (c) => c.name === clientName,
    );
    expect(client).toBeDefined();
    const clientId = client?.id ?? '';
    const existing = await api.workflows.list.query({ clientId, limit: 5 });
    if (existing.items.length === 0) {
      await api.offers.create.mutate({
        clientId,
        name: 'Barrier Reset Serum',
        description: '30 ml serum with 5% niacinamide and three ceramides',
        businessModel: 'subscription',
        differentiationBullets: ['Patch-tested on reactive skin every batch'],
        guaranteeText: '60-day calm skin guarantee, full refund',
        pricePoints: [{ label: 'One-off', amountCents: 3800, currency: 'USD' }],
      });
      await api.onboarding.start.mutate({ clientId, intake: exampleIntake() });
    }

    await openFromSidebar(page, 'Inbox');
    // A reload or a full navigation would drop this marker: the run must arrive by polling.
    await page.evaluate(() => {
      (window as unknown as { __e2eNoReload: boolean }).__e2eNoReload = true;
    });
    const main = page.getByRole('main');
    await main
      .getByText(/waiting for canon/i)
      .first()
      .waitFor({ timeout: 90_000 });
    expect(
      await main
        .getByText(new RegExp(escapeRegExp(clientName)))
        .first()
        .isVisible(),
    ).toBe(true);
    expect(
      await main
        .getByRole('link', { name: /review/i })
        .first()
        .isVisible(),
    ).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { __e2eNoReload?: boolean }).__e2eNoReload)).toBe(
      true,
    );
    await screenshot(page, 'inbox-waiting-for-canon');
    // The Inbox with a run in it (the audit below sees it empty).
    expect((await seriousAxeViolations(page)).map((v) => describeFinding('inbox (waiting run)', v))).toEqual(
      [],
    );
  });

  it('every page is screenshotted and has no serious or critical accessibility violations', async () => {
    const findings: string[] = [];
    const check = async (name: string) => {
      await screenshot(page, name);
      for (const v of await seriousAxeViolations(page)) findings.push(describeFinding(name, v));
    };

    await page.goto(web.webUrl);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await check('sign-in');

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
      await check(slug(link));
    }

    // The New client UI open (a dialog today): keyboard-usable dialogs are part of every page.
    await openFromSidebar(page, 'Clients');
    await page
      .getByRole('button', { name: /new client/i })
      .or(page.getByRole('link', { name: /new client/i }))
      .first()
      .click();
    await page.getByRole('dialog').or(page.getByRole('main')).first().getByLabel(/name/i).first().waitFor();
    await check('clients-new-client');

    expect(findings, findings.join('\n')).toEqual([]);
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
