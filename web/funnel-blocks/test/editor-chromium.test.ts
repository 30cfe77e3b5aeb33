import { createServer, type Server } from 'node:http';
import type { Data } from '@puckeditor/core';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { validateForPuck } from '../src/puck';
import { launchChromium, listenLocally } from './browser-support';
import { everyBlockDocument, MEDIA_ID, OFFER_ID, PAGE_ID, THANKS_ID } from './fixtures';

/**
 * The real Puck editor (bundled with esbuild, in Chromium) on `createPuckConfig`: the canvas shows the block
 * components, the side panel edits their props through our fields, and what the editor hands back validates.
 */
const offers = [
  {
    id: OFFER_ID,
    name: 'Growth Plan',
    description: 'Coaching, templates and a weekly call.',
    differentiationBullets: ['Weekly group call', 'Every template'],
    pricePoints: [
      { label: 'Monthly', amountCents: 9900, currency: 'USD' },
      { label: 'Annual', amountCents: 99000, currency: 'USD' },
    ],
  },
];
const pages = [
  { id: PAGE_ID, name: 'Start', slug: 'start' },
  { id: THANKS_ID, name: 'Thanks', slug: 'thank-you' },
];

/** The every-block page with its offer block not yet filled from an offer. */
function bootDocument() {
  const doc = everyBlockDocument();
  doc.content = doc.content.map((b) =>
    b.type === 'OfferPricing' ? { ...b, props: { ...b.props, offerId: null } } : b,
  );
  return doc;
}

let server: Server;
let url: string;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  const out = await build({
    entryPoints: [new URL('./editor-app/main.tsx', import.meta.url).pathname],
    bundle: true,
    write: false,
    outdir: '/editor-app',
    format: 'esm',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'error',
  });
  const js = out.outputFiles.find((f) => f.path.endsWith('.js'))?.text ?? '';
  const css = out.outputFiles.find((f) => f.path.endsWith('.css'))?.text ?? '';
  // `<` escaped: the fixture's rich text holds a `</script>` that must stay text.
  const boot =
    `window.__doc=${JSON.stringify(bootDocument())};window.__offers=${JSON.stringify(offers)};window.__pages=${JSON.stringify(pages)};`.replace(
      /</g,
      '\\u003c',
    );
  const html = `<!doctype html><html><head><link rel="stylesheet" href="/main.css"></head><body><div id="root"></div><script>${boot}</script><script type="module" src="/main.js"></script></body></html>`;
  server = createServer((req, res) => {
    if (req.url === '/main.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
    else if (req.url === '/main.css') res.writeHead(200, { 'content-type': 'text/css' }).end(css);
    else if (req.url === '/') res.writeHead(200, { 'content-type': 'text/html' }).end(html);
    else res.writeHead(404).end();
  });
  url = `${await listenLocally(server)}/`;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
});

const errors: string[] = [];
beforeEach(async () => {
  errors.length = 0;
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
  await page.goto(url);
  await page
    .getByText('Get the results you want without the guesswork')
    .filter({ visible: true })
    .first()
    .waitFor();
});

const editorData = () => page.evaluate(() => (window as unknown as { __data?: Data }).__data);
const blockProps = async (id: string) => {
  const data = await editorData();
  return data?.content.find((b) => b.props.id === id)?.props as Record<string, unknown> | undefined;
};
/** A control of the side panel's field with this label (Puck wraps each field in its label). */
const panelControl = (label: string, control: string) =>
  page
    .locator('label')
    .filter({ hasText: new RegExp(`^${label}`) })
    .filter({ visible: true })
    .first()
    .locator(control)
    .first();

describe('Puck editor on the block library', () => {
  it('shows every block in the canvas and edits a hero through its fields', async () => {
    for (const text of ['Where should we send it?', 'Choose your plan', 'What customers say', 'Offer ends']) {
      await expect(page.getByText(text).filter({ visible: true }).first().isVisible()).resolves.toBe(true);
    }
    await page
      .getByText('Get the results you want without the guesswork')
      .filter({ visible: true })
      .first()
      .click();
    await panelControl('Headline', 'textarea').fill('Double your leads in 30 days');
    await page.getByRole('heading', { name: 'Double your leads in 30 days' }).waitFor();
    await expect
      .poll(async () => (await blockProps('hero-1'))?.headline)
      .toBe('Double your leads in 30 days');

    // Custom fields carry their label like Puck's own fields (Puck draws none for them).
    for (const label of ['Image', 'Button leads to']) {
      await expect(
        page.getByText(label, { exact: true }).filter({ visible: true }).first().isVisible(),
      ).resolves.toBe(true);
    }

    // The hero's CTA picks a page of this funnel from the list.
    const target = page.locator('select[aria-label="Link to"]:visible').first();
    await target.selectOption('page');
    await page.locator('select[aria-label="Page"]:visible').first().selectOption(PAGE_ID);
    await expect
      .poll(async () => (await blockProps('hero-1'))?.ctaTarget)
      .toEqual({ kind: 'page', pageId: PAGE_ID });

    // Uploading goes through the app's upload function and stores the media reference with its size.
    await page
      .locator('input[type=file]')
      .first()
      .setInputFiles({ name: 'team.png', mimeType: 'image/png', buffer: Buffer.from([137, 80, 78, 71]) });
    await expect
      .poll(async () => (await blockProps('hero-1'))?.image)
      .toEqual({ mediaId: MEDIA_ID, src: '/media/x', alt: 'Product shot', width: 640, height: 480 });

    const result = validateForPuck(await editorData());
    expect(result.ok ? [] : result.issues).toEqual([]);
    expect(errors).toEqual([]);
  }, 60_000);

  it('fills the offer block from the client offer and adds a form field with an array field', async () => {
    await page.getByText('Choose your plan').filter({ visible: true }).first().click();
    await page.locator('select[aria-label="Offer"]:visible').first().selectOption(OFFER_ID);
    await expect.poll(async () => (await blockProps('offer-1'))?.heading).toBe('Growth Plan');
    expect(await blockProps('offer-1')).toMatchObject({
      offerId: OFFER_ID,
      bullets: ['Weekly group call', 'Every template'],
      pricePoints: [
        { label: 'Monthly', amountMinor: 9900, currency: 'USD', interval: 'once', note: '' },
        { label: 'Annual', amountMinor: 99000, currency: 'USD', interval: 'once', note: '' },
      ],
    });
    await page.getByRole('heading', { name: 'Growth Plan' }).waitFor();
    await expect(page.getByText('$990.00').first().isVisible()).resolves.toBe(true);

    await page.getByText('Where should we send it?').filter({ visible: true }).first().click();
    await page.locator('[class*="ArrayField-addButton"]:visible').first().click();
    await expect
      .poll(async () => ((await blockProps('form-1'))?.fields as unknown[] | undefined)?.length)
      .toBe(4);
    expect(((await blockProps('form-1'))?.fields as unknown[] | undefined)?.[3]).toEqual({
      name: 'phone',
      label: 'Phone',
      type: 'tel',
      required: false,
    });
    await page.locator('[data-block-id="form-1"] label', { hasText: 'Phone' }).waitFor();
    const result = validateForPuck(await editorData());
    expect(result.ok ? [] : result.issues).toEqual([]);
    expect(errors).toEqual([]);
  }, 60_000);

  it('reports a field the operator empties, naming the block and field', async () => {
    await page
      .getByText('Get the results you want without the guesswork')
      .filter({ visible: true })
      .first()
      .click();
    await panelControl('Headline', 'textarea').fill('');
    await expect.poll(async () => (await blockProps('hero-1'))?.headline).toBe('');
    const result = validateForPuck(await editorData());
    expect(result.ok ? [] : result.issues).toEqual([
      { blockId: 'hero-1', blockType: 'Hero', field: 'headline', message: 'required' },
    ]);
  }, 60_000);
});
