/**
 * Ad data end to end in Debian's Chromium against the real local stack (worker-api on Node with its secret store,
 * PostgreSQL, the production build): an admin connects Meta on the client page, storing the token as a new org
 * secret from the connector form (only its name is kept with the connector), then uploads a CSV export that is
 * parsed in the browser; the API suggests the mapping and refuses each row with its line and field (no ad of this
 * client is linked yet, one day is malformed), and nothing is imported.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, seriousAxeViolations } from './support/browser';
import { randomOrgId, startWebStack, type WebStack } from './support/stack';
import { screenshot, settled, signInLocally } from './support/ui';

let web: WebStack;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  [web, browser] = await Promise.all([startWebStack(), launchChromium()]);
  context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
  page = await context.newPage();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await web?.close();
});

const CSV = [
  'Day,Ad ID,Impressions,Link clicks,Results,Amount spent (USD)',
  '2026-11-24,120210001,18422,402,21,311.40',
  '2026-11-25,120210001,19004,417,24,322.75',
  '',
  '2026-13-40,120210002,17980,351,14,298.10',
].join('\n');

describe('ad data on the client page (real stack)', () => {
  it('connects Meta with a new token secret, then previews a CSV with per-row errors', async () => {
    const orgId = randomOrgId();
    const who = { email: 'admin@northstar.test', orgId, orgName: 'Northstar Media', role: 'admin' as const };
    const token = await web.signIn(who);
    const api = web.api(token);
    const client = await api.clients.create.mutate({
      name: 'Glow Labs',
      industry: 'DTC skincare',
      primaryMarkets: ['US'],
      primaryLanguages: ['en-US'],
    });
    await signInLocally(page, web.webUrl, who);
    await page.goto(`${web.webUrl}/clients/${client.id}?tab=ad-data`);
    await settled(page);

    const form = page.getByRole('form', { name: 'Meta connector settings' });
    await form.getByLabel('Ad account id').fill('act_20240318771');
    await form.getByLabel('Access token (org secret)').selectOption({ label: 'Add a new secret…' });
    await form.getByLabel('New secret name').fill('META_GLOW_TOKEN');
    await form.getByLabel('Token value').fill('EAAB-not-a-real-token');
    await form.getByRole('button', { name: 'Connect Meta' }).click();
    await page.getByText('Connected', { exact: true }).waitFor();

    const saved = await api.connectors.get.query({ clientId: client.id });
    expect(saved.meta?.settings).toMatchObject({
      adAccountId: 'act_20240318771',
      tokenSecret: 'META_GLOW_TOKEN',
    });
    expect(saved.secretNames).toContain('META_GLOW_TOKEN');
    expect(JSON.stringify(saved)).not.toContain('EAAB-not-a-real-token');
    await screenshot(page, 'experiments-real-connector');
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Upload CSV' }).click();
    await page.locator('#csv-file').setInputFiles({
      name: 'meta-ads-week48.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(CSV),
    });
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('table', { name: 'Parsed rows' }).waitFor();
    // The API's suggestion from the header names.
    expect(await dialog.getByLabel('Platform ad id').inputValue()).toBe('Ad ID');
    expect(await dialog.getByLabel('Clicks').inputValue()).toBe('Link clicks');
    expect(await dialog.getByLabel('Spend').inputValue()).toBe('Amount spent (USD)');
    const errors = dialog.getByRole('list', { name: 'Row errors' });
    await errors.waitFor();
    const text = (await errors.textContent()) ?? '';
    // Each row's line as the file has it (line 4 is blank), the bad day on line 5.
    expect(text).toMatch(/Line 2/);
    expect(text).toMatch(/Line 3/);
    expect(text).toMatch(/Line 5/);
    expect(text).not.toMatch(/Line 4/);
    expect(await dialog.getByRole('button', { name: 'No valid row to import' }).isEnabled()).toBe(false);
    await screenshot(page, 'experiments-real-csv-errors', { fullPage: false });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect((await api.snapshots.imports.query({ clientId: client.id })).items).toEqual([]);
  });
});
