/**
 * What a person does in the app, found the way they find it (roles, labels, headings), so the flows keep working
 * as pages are rebuilt: selectors never name CSS classes.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { WEB_DIR } from './stack';

export const SCREENSHOT_DIR = join(WEB_DIR, 'e2e/screenshots');
const SESSION_KEY = 'mos.session';

export async function signInLocally(
  page: Page,
  webUrl: string,
  who: { email: string; orgId: string; orgName: string; role?: 'admin' | 'operator' | 'member' },
): Promise<void> {
  await page.goto(webUrl);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Organization id').fill(who.orgId);
  await page.getByLabel('Organization name').fill(who.orgName);
  await page.getByLabel('Role').selectOption(who.role ?? 'admin');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const alert = page.getByRole('alert').filter({ hasText: /\S/ });
  await pageHeading(page, 'Inbox').or(alert).first().waitFor();
  if (await alert.first().isVisible())
    throw new Error(`sign-in failed: ${await alert.first().textContent()}`);
}

/** The token the app holds after sign-in (the API client of the test sends the same one). */
export async function sessionToken(page: Page): Promise<string> {
  const raw = await page.evaluate((key) => localStorage.getItem(key), SESSION_KEY);
  const token = raw ? (JSON.parse(raw) as { token?: string }).token : undefined;
  if (!token) throw new Error('no session token in localStorage');
  return token;
}

export function mainNav(page: Page): Locator {
  // The sidebar and the narrow-screen bar are both "Main"; only one is visible at a time.
  return page.getByRole('navigation', { name: 'Main' }).filter({ visible: true });
}

export function pageHeading(page: Page, name: string | RegExp): Locator {
  return page.getByRole('heading', { level: 1, name });
}

/** Names of the sidebar links, in order. */
export async function sidebarLinks(page: Page): Promise<string[]> {
  const names = await mainNav(page).getByRole('link').allTextContents();
  return names.map((n) => n.trim()).filter(Boolean);
}

export async function openFromSidebar(page: Page, name: string): Promise<void> {
  const link = mainNav(page).getByRole('link', { name, exact: true });
  await link.click();
  // The old page's heading is still there for a moment: wait for the router to mark the link current first.
  await page.waitForFunction((el) => el?.getAttribute('aria-current') === 'page', await link.elementHandle());
  await settled(page);
}

/** The page has its heading and no loading placeholders (aria-busy) left. */
export async function settled(page: Page, timeout = 15_000): Promise<void> {
  await page.getByRole('main').getByRole('heading', { level: 1 }).first().waitFor({ timeout });
  await page.waitForFunction(() => document.querySelectorAll('[aria-busy="true"]').length === 0, null, {
    timeout,
  });
}

/** A PNG of the page under web/e2e/screenshots/: the whole page, or with `fullPage: false` what the viewport shows. */
export async function screenshot(
  page: Page,
  name: string,
  opts: { fullPage?: boolean } = {},
): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: opts.fullPage ?? true });
  return path;
}

async function visible(locator: Locator): Promise<boolean> {
  return locator
    .first()
    .isVisible()
    .catch(() => false);
}

export interface NewClient {
  name: string;
  industry: string;
  /** Comma separated. */
  markets: string;
  languages: string;
}

type Filler = { label: RegExp; kind: 'text' | 'list' | 'select'; value: (c: NewClient) => string };

/** Fields a New client UI may ask for, by label; a list field takes "a, b," (a trailing comma commits a chip). */
const CLIENT_FIELDS: Filler[] = [
  { label: /^(client )?name$/i, kind: 'text', value: (c) => c.name },
  { label: /^industry$/i, kind: 'text', value: (c) => c.industry },
  { label: /^business type$/i, kind: 'select', value: () => 'existing' },
  {
    label: /^brand story$/i,
    kind: 'text',
    value: () =>
      'Started by a cosmetic chemist; three fragrance-free barrier products sold direct in the US and UK.',
  },
  { label: /^primary markets$/i, kind: 'list', value: (c) => c.markets },
  { label: /^languages$/i, kind: 'list', value: (c) => c.languages },
  { label: /^offer name$/i, kind: 'text', value: () => 'Barrier Reset Serum' },
  {
    label: /^constraints$/i,
    kind: 'text',
    value: () => 'Cosmetic claims only; never claim to treat eczema.',
  },
  { label: /^competitor domains$/i, kind: 'list', value: () => 'cerave.com' },
  { label: /^business model$/i, kind: 'text', value: () => 'DTC one-off plus subscribe & save' },
  {
    label: /^funnel notes$/i,
    kind: 'text',
    value: () => 'Meta and TikTok ads to the product page, Shopify.',
  },
  { label: /^goals$/i, kind: 'text', value: () => 'Grow serum subscriptions at a CAC under $32.' },
];

async function fillKnownFields(form: Locator, client: NewClient): Promise<void> {
  for (const f of CLIENT_FIELDS) {
    const field = form.getByLabel(f.label).first();
    if (!(await visible(field))) continue;
    if (f.kind === 'select') await field.selectOption(f.value(client));
    else if (f.kind === 'list') {
      if (!(await field.inputValue())) await field.fill(`${f.value(client)},`);
    } else if (!(await field.inputValue())) await field.fill(f.value(client));
  }
}

/**
 * Creates a client through whatever "New client" UI the Clients page offers — a one-step dialog or the multi-step
 * onboarding wizard: fills the fields it knows by label on each step, then Next until a create/start button.
 */
export async function createClientThroughUi(page: Page, client: NewClient): Promise<void> {
  const trigger = page
    .getByRole('button', { name: /new client/i })
    .or(page.getByRole('link', { name: /new client/i }));
  await trigger.first().click();
  // A dialog hides the page behind it from the accessibility tree; a wizard page has no dialog. The dialog's code may
  // still be loading (it is its own chunk), so it gets a moment before the page itself is taken as the form.
  await page
    .getByRole('dialog')
    .waitFor({ timeout: 5_000 })
    .catch(() => page.getByRole('main').waitFor());
  const dialog = page.getByRole('dialog');
  const inDialog = await visible(dialog);
  const form = inDialog ? dialog : page.getByRole('main');
  const submit = form.getByRole('button', {
    name: /^(create client|create|submit|start onboarding|finish)$/i,
  });
  const next = form.getByRole('button', { name: /^(next|continue)$/i });
  for (let step = 0; step < 12; step++) {
    await fillKnownFields(form, client);
    if (await visible(submit)) {
      await submit.first().click();
      if (inDialog) await dialog.waitFor({ state: 'hidden', timeout: 20_000 });
      return;
    }
    if (!(await visible(next))) break;
    await next.first().click();
    await page.waitForTimeout(200);
  }
  await screenshot(page, 'failure-new-client');
  const problems = await form.getByRole('alert').allTextContents();
  throw new Error(
    `could not finish the New client UI (screenshots/failure-new-client.png): ${problems.join('; ') || 'no create button'}`,
  );
}
