/**
 * A funnel built, approved, published and used end to end in Debian's Chromium against the real local stack
 * (worker-api on Node with its `/f/*` public routes, the Temporal dev server with the real worker running the
 * publish workflow, PostgreSQL, the production build of the web app):
 *
 * 1. a new funnel with two pages; the landing page gets a hero (dragged from Puck's block list) and a lead form
 *    (inserted from the editor's Add block menu), the thank-you page a text block; fields are filled in Puck's
 *    side panel, each page saved and approved in the editor; the landing page leads to the thank-you page;
 * 2. publish from the funnel page, with its progress shown live until done;
 * 3. the public URL opened, the form submitted once with JavaScript and once with JavaScript disabled (a plain
 *    POST and a redirect) — both land on the thank-you page;
 * 4. both leads in the funnel's Leads tab.
 * Screenshots of the editor, the funnel detail and the published page under web/e2e/screenshots/.
 */
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, seriousAxeViolations } from './support/browser';
import { randomOrgId, startWebStack, type WebStack } from './support/stack';
import { pageHeading, screenshot, settled, signInLocally } from './support/ui';

const WORKFLOW_TIMEOUT = 90_000;

let web: WebStack;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  [web, browser] = await Promise.all([startWebStack(), launchChromium()]);
  context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await web?.close();
});

/** Puck's canvas: an iframe holding the page as the block library draws it. */
async function canvas(): Promise<Frame> {
  const handle = await page.locator('#preview-frame').elementHandle({ timeout: 30_000 });
  const frame = await handle?.contentFrame();
  if (!frame) throw new Error('no Puck canvas');
  return frame;
}

/** Drags a block from Puck's block list into the canvas, below what is already there. */
async function dragBlock(name: string): Promise<void> {
  const item = page.getByTestId(`drawer-item:${name}`).first();
  const from = await item.boundingBox();
  const target = await page.locator('#preview-frame').boundingBox();
  if (!from || !target) throw new Error('drawer item or canvas not visible');
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  // Small steps: the drag library starts a drag only after the pointer has moved a few pixels.
  await page.mouse.move(from.x + from.width / 2 + 12, from.y + from.height / 2 + 6, { steps: 6 });
  const x = target.x + target.width / 2;
  const y = target.y + 120;
  await page.mouse.move(x, y, { steps: 25 });
  await page.waitForTimeout(250);
  await page.mouse.move(x, y + 8, { steps: 4 });
  await page.mouse.up();
}

/**
 * A field of Puck's side panel: its label wraps the input (so the label's text runs on into a textarea's value),
 * and Puck keeps a hidden copy of the panel: the visible label that starts with the text.
 */
const field = (label: string) =>
  page
    .locator('label:visible')
    .filter({ hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) })
    .locator('input, textarea')
    .first();

async function saveAndApprove(): Promise<void> {
  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.getByText('Unsaved changes').waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'Approve' }).click();
  await page.getByText('Approved', { exact: true }).first().waitFor();
}

describe('a funnel from the editor to a lead', () => {
  it('builds two pages, publishes them, takes a lead with and without JavaScript and lists both', async () => {
    const orgId = randomOrgId();
    const who = { email: `funnels-${orgId.slice(-8)}@agency.test`, orgId, orgName: 'E2E funnels agency' };
    const token = await web.signIn({ ...who, role: 'admin' });
    const api = web.api(token);
    const client = await api.clients.create.mutate({
      name: 'Glow Labs',
      industry: 'DTC skincare',
      primaryMarkets: ['US'],
      primaryLanguages: ['en-US'],
    });
    await signInLocally(page, web.webUrl, who);

    // 1. The funnel and its two pages.
    await page.goto(`${web.webUrl}/funnels`);
    await settled(page);
    await page.getByRole('button', { name: 'New funnel' }).click();
    const create = page.getByRole('dialog');
    await create.getByLabel('Client').selectOption({ label: client.name });
    await create.getByLabel('Name').fill('Serum launch');
    await create.getByRole('button', { name: 'Create funnel' }).click();
    await pageHeading(page, 'Serum launch').waitFor();
    const funnelId = new URL(page.url()).pathname.split('/')[2] ?? '';

    for (const [name, slug] of [
      ['Landing', 'landing'],
      ['Thank you', 'thank-you'],
    ] as const) {
      await page.getByRole('button', { name: 'Add page' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Name').fill(name);
      await dialog.getByLabel('Slug').fill(slug);
      await dialog.getByRole('button', { name: 'Add page' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByRole('link', { name, exact: true }).waitFor();
    }
    // The landing page leads to the thank-you page; the landing page is where visitors enter.
    await page.getByLabel('Next page after Landing').selectOption({ label: 'Thank you' });
    await page.getByLabel('Entry page: Landing').check();
    await expect.poll(async () => page.getByLabel('Next page after Landing').inputValue()).not.toBe('');

    // 2. The landing page in the editor: a hero dragged in, a lead form from the Add block menu.
    await page.getByRole('link', { name: 'Edit Landing' }).click();
    await page.getByRole('heading', { name: 'Landing', level: 1 }).waitFor();
    await canvas();
    await dragBlock('Hero');
    await field('Headline').waitFor();
    await field('Headline').fill('Glow in two weeks');
    await field('Subheadline').fill('The serum dermatologists recommend.');
    await page.getByLabel('Add block').selectOption('LeadForm');
    await field('Heading').waitFor();
    await field('Heading').fill('Get 20% off your first order');
    await field('Button label').fill('Send me the code');
    const frame = await canvas();
    await frame.getByText('Glow in two weeks').waitFor();
    await frame.getByRole('button', { name: 'Send me the code' }).first().waitFor();
    await screenshot(page, 'funnels-editor-landing', { fullPage: false });
    await saveAndApprove();

    // The thank-you page: one text block.
    await page.goto(`${web.webUrl}/funnels/${funnelId}`);
    await settled(page);
    await page.getByRole('link', { name: 'Edit Thank you' }).click();
    await page.getByRole('heading', { name: 'Thank you', level: 1 }).waitFor();
    await canvas();
    await page.getByLabel('Add block').selectOption('RichText');
    const text = field('Text (');
    await text.waitFor();
    await text.fill('Thanks! Your code is on its way.');
    await (await canvas()).getByText('Thanks! Your code is on its way.').waitFor();
    await saveAndApprove();

    // 3. Publish, with live progress.
    await page.goto(`${web.webUrl}/funnels/${funnelId}`);
    await settled(page);
    const publish = page.getByRole('button', { name: 'Publish', exact: true });
    await expect.poll(() => publish.isEnabled()).toBe(true);
    await page.getByRole('list', { name: 'Publish problems' }).waitFor({ state: 'detached' });
    await publish.click();
    await page.locator('[data-run-status="completed"]').waitFor({ timeout: WORKFLOW_TIMEOUT });
    const open = page.getByRole('link', { name: 'Open public page', exact: true });
    await open.waitFor();
    const publicUrl = (await open.getAttribute('href')) ?? '';
    expect(publicUrl).toMatch(new RegExp(`^${web.apiUrl}/f/[0-9a-f-]{36}/landing$`));
    await screenshot(page, 'funnels-detail-published');
    expect(await seriousAxeViolations(page)).toEqual([]);

    // 4. The published page, with JavaScript: the script submits the form and goes to the next page.
    const visitor = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const pub = await visitor.newPage();
    await pub.goto(publicUrl);
    await pub.getByRole('heading', { name: 'Glow in two weeks' }).waitFor();
    await screenshot(pub, 'funnels-published-landing');
    await pub.getByLabel('First name').fill('Ada');
    await pub.getByLabel('Email').fill('ada@example.com');
    await pub.getByRole('button', { name: 'Send me the code' }).click();
    await pub.getByText('Thanks! Your code is on its way.').waitFor();
    expect(new URL(pub.url()).pathname).toMatch(/\/thank-you$/);
    await screenshot(pub, 'funnels-published-thank-you');
    await visitor.close();

    // Without JavaScript: a plain form POST, answered with a redirect to the next page.
    const noJs = await browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 1280, height: 900 },
    });
    const plain = await noJs.newPage();
    await plain.goto(publicUrl);
    await plain.getByLabel('First name').fill('Grace');
    await plain.getByLabel('Email').fill('grace@example.com');
    await plain.getByRole('button', { name: 'Send me the code' }).click();
    await plain.getByText('Thanks! Your code is on its way.').waitFor();
    expect(new URL(plain.url()).pathname).toMatch(/\/thank-you$/);
    await noJs.close();

    // 5. Both leads in the funnel's Leads tab.
    await page.goto(`${web.webUrl}/funnels/${funnelId}?tab=leads`);
    await settled(page);
    const leads = page.getByRole('table', { name: 'Leads' });
    await leads.getByText('ada@example.com').waitFor({ timeout: 20_000 });
    await leads.getByText('grace@example.com').waitFor({ timeout: 20_000 });
    await screenshot(page, 'funnels-e2e-leads');
  });
});
