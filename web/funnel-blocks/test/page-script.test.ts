import { createServer, type IncomingMessage, type Server } from 'node:http';
import axe from 'axe-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { blockDefaults } from '../src/defaults';
import { renderPublishedPage } from '../src/render';
import type { PageDocument } from '../src/schema';
import { PAGE_TEMPLATES } from '../src/templates';
// The wire shapes the edge and the funnel proxy validate with.
import { PublicEventBatch, PublicLeadSubmission } from '../src/wire';
import { launchChromium, listenLocally } from './browser-support';
import { everyBlockDocument, PAGE_ID, PUBLICATION_ID, THANKS_ID } from './fixtures';
import { publishInput } from './render-support';

/**
 * The page script in real Chromium against a tiny server that serves two published pages at `/f/<id>/<slug>` and
 * records what arrives at the page-relative `api/events` and `api/leads`, the way the edge and the funnel proxy do.
 */
let visitorCount = 0;
const now = new Date();

const startDoc: PageDocument = {
  root: { props: { title: 'Start', description: '', ogImage: null, favicon: null } },
  content: [
    {
      type: 'Hero',
      props: { id: 'hero', ...blockDefaults(now).Hero, ctaLabel: 'Skip ahead', ctaTarget: { kind: 'next' } },
    },
    {
      type: 'LeadForm',
      props: {
        id: 'form',
        ...blockDefaults(now).LeadForm,
        fields: [
          { name: 'first_name', label: 'First name', type: 'text', required: true },
          { name: 'email', label: 'Email', type: 'email', required: true },
          { name: 'page', label: 'Page you came from', type: 'text', required: false },
        ],
        consentText: 'I agree to be contacted.',
        consentRequired: true,
      },
    },
    {
      type: 'Countdown',
      props: {
        id: 'deadline',
        label: 'Ends',
        endsAt: new Date(now.getTime() + 3 * 3600_000).toISOString(),
        expiredText: 'Over',
      },
    },
    { type: 'VideoEmbed', props: { id: 'video', ...blockDefaults(now).VideoEmbed } },
  ],
  zones: {},
};
const thanksDoc: PageDocument = {
  root: { props: { title: 'Thanks', description: '', ogImage: null, favicon: null } },
  content: [{ type: 'RichText', props: { id: 'text', text: 'Thank you, we will be in touch.' } }],
  zones: {},
};

interface Recorded {
  events: PublicEventBatch[];
  leads: Array<{ contentType: string; body: unknown }>;
  failNextJsonLead: boolean;
  setCookie: boolean;
}
const recorded: Recorded = { events: [], leads: [], failNextJsonLead: false, setCookie: true };
let pages: Record<string, string> = {};
let server: Server;
let base: string;
let browser: Browser;

const readBody = async (req: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

async function renderPages(consent: 'none' | 'banner', metaPixelId: string | null = null) {
  const settings = {
    ...publishInput().settings,
    consent,
    metaPixelId,
    clientSidePixel: metaPixelId !== null,
  };
  const slugs = { [PAGE_ID]: 'start', [THANKS_ID]: 'thank-you' };
  const start = await renderPublishedPage(
    publishInput({ document: startDoc, settings, slugs, nextPageId: THANKS_ID, variantId: null }),
  );
  const thanks = await renderPublishedPage(
    publishInput({
      document: thanksDoc,
      settings,
      slugs,
      pageId: THANKS_ID,
      nextPageId: null,
      variantId: null,
    }),
  );
  pages = { start: start.html, 'thank-you': thanks.html };
  for (const [slug, document] of [
    ['every-block', everyBlockDocument()] as const,
    ...PAGE_TEMPLATES.map((t) => [`template-${t.key}`, t.build()] as const),
  ]) {
    pages[slug] = (
      await renderPublishedPage(publishInput({ document, settings, slugs, variantId: null }))
    ).html;
  }
}

beforeAll(async () => {
  server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const match = /^\/f\/[^/]+\/(.+)$/.exec(url.pathname);
      const rest = match?.[1] ?? '';
      if (req.method === 'POST' && rest === 'api/events') {
        recorded.events.push(PublicEventBatch.parse(JSON.parse(await readBody(req))));
        res.writeHead(202).end();
        return;
      }
      if (req.method === 'POST' && rest === 'api/leads') {
        const contentType = req.headers['content-type'] ?? '';
        const raw = await readBody(req);
        if (contentType.startsWith('application/json')) {
          const body = PublicLeadSubmission.parse(JSON.parse(raw));
          recorded.leads.push({ contentType, body });
          if (recorded.failNextJsonLead) {
            recorded.failNextJsonLead = false;
            res.writeHead(503).end();
            return;
          }
          res
            .writeHead(200, { 'content-type': 'application/json' })
            .end(JSON.stringify({ redirectTo: 'thank-you' }));
          return;
        }
        recorded.leads.push({ contentType, body: Object.fromEntries(new URLSearchParams(raw)) });
        // Relative to `…/api/leads`, so one level up: works at `/f/<id>/` and at a custom domain's root alike.
        res.writeHead(303, { location: '../thank-you' }).end();
        return;
      }
      const html = pages[rest];
      if (req.method === 'GET' && html) {
        const headers: Record<string, string> = { 'content-type': 'text/html; charset=utf-8' };
        if (recorded.setCookie && !(req.headers.cookie ?? '').includes('mos_vid=')) {
          // A visitor id per browser context, so events a closed page still flushes cannot mix into the next test.
          headers['set-cookie'] = `mos_vid=visitor-from-server-${++visitorCount}; Path=/; SameSite=Lax`;
        }
        res.writeHead(200, headers).end(html);
        return;
      }
      res.writeHead(404).end('not found');
    })();
  });
  base = `${await listenLocally(server)}/f/pub`;
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
});

beforeEach(async () => {
  recorded.events = [];
  recorded.leads = [];
  recorded.failNextJsonLead = false;
  recorded.setCookie = true;
  await renderPages('none');
});

let visitor = '';
const allEvents = () =>
  recorded.events
    .filter((b) => b.visitorId === visitor)
    .flatMap((b) => b.events.map((e) => ({ ...e, batch: b })));
const leadsOf = () =>
  recorded.leads.filter(
    (l) => (l.body as { visitorId?: string }).visitorId === visitor || !('visitorId' in (l.body as object)),
  );
async function waitFor<T>(what: string, fn: () => T | undefined | false, timeoutMs = 10_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = fn();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function newPage(javaScriptEnabled = true): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled });
  // No third-party request leaves the machine (the video facade, if clicked, points at YouTube).
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
  return context.newPage();
}

/** Open a page and remember the visitor id the server gave this context. */
async function open(page: Page, url: string) {
  await page.goto(url);
  visitor = (await page.context().cookies()).find((c) => c.name === 'mos_vid')?.value ?? '';
}

describe('page script in Chromium', () => {
  it('sends page_view and funnel_enter once with the cookie visitor id, the session and the UTM of the entry URL', async () => {
    const page = await newPage();
    await open(
      page,
      `${base}/start?utm_source=meta&utm_campaign=spring&utm_medium=paid&fbclid=fb123&gclid=g456`,
    );
    expect(visitor).toMatch(/^visitor-from-server-\d+$/);
    const first = await waitFor('two events', () => (allEvents().length >= 2 ? allEvents() : false));
    expect(first.map((e) => e.type).sort()).toEqual(['funnel_enter', 'page_view']);
    for (const event of first) {
      expect(event.batch.visitorId).toBe(visitor);
      expect(event.batch.publicationId).toBe(PUBLICATION_ID);
      expect(event.pageId).toBe(PAGE_ID);
      expect(event.variantId).toBeNull();
      expect(event.utm).toEqual({ source: 'meta', campaign: 'spring', medium: 'paid' });
      expect(event.clickIds).toMatchObject({ fbclid: 'fb123', gclid: 'g456' });
      expect(event.clickIds.fbc).toMatch(/^fb\.1\.\d+\.fb123$/);
      expect(event.path).toBe('/f/pub/start');
      expect(event.consent).toBe('not_asked');
    }
    const sessionId = first[0]?.batch.sessionId;

    // Same session, a URL without UTM: the entry's attribution stays, funnel_enter is not sent again.
    recorded.events = [];
    await page.goto(`${base}/thank-you`);
    const second = await waitFor('page_view on page 2', () =>
      allEvents().find((e) => e.type === 'page_view'),
    );
    await new Promise((r) => setTimeout(r, 600));
    expect(allEvents().map((e) => e.type)).toEqual(['page_view']);
    expect(second.pageId).toBe(THANKS_ID);
    expect(second.batch.sessionId).toBe(sessionId);
    expect(second.utm).toEqual({ source: 'meta', campaign: 'spring', medium: 'paid' });
    expect(new Set(recorded.events.map((b) => b.batchId)).size).toBe(recorded.events.length);
    await page.context().close();
  }, 30_000);

  it('makes a visitor id when the server set none, and keeps it', async () => {
    recorded.setCookie = false;
    const page = await newPage();
    await open(page, `${base}/start`);
    const event = await waitFor('page_view', () => allEvents().find((e) => e.type === 'page_view'));
    const cookie = (await page.context().cookies()).find((c) => c.name === 'mos_vid');
    expect(cookie?.value).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(event.batch.visitorId).toBe(cookie?.value);
    await page.context().close();
  }, 30_000);

  it('submits the lead form as JSON, sends form_submit, and follows redirectTo', async () => {
    const page = await newPage();
    await open(page, `${base}/start?utm_source=google`);
    await page.fill('input[name=first_name]', 'Ada');
    await page.fill('input[name=email]', 'ada@example.com');
    await page.fill('input[name=page]', 'home');
    await page.check('input[name=consent]');
    await Promise.all([page.waitForURL(`${base}/thank-you`), page.click('button[type=submit]')]);
    expect(leadsOf()).toHaveLength(1);
    const lead = leadsOf()[0]?.body as PublicLeadSubmission;
    expect(leadsOf()[0]?.contentType).toMatch(/^application\/json/);
    expect(lead).toMatchObject({
      publicationId: PUBLICATION_ID,
      pageId: PAGE_ID,
      variantId: null,
      blockId: 'form',
      visitorId: visitor,
      fields: { first_name: 'Ada', email: 'ada@example.com', page: 'home' },
      consent: 'granted',
      utm: { source: 'google' },
    });
    const submit = await waitFor('form_submit', () => allEvents().find((e) => e.type === 'form_submit'));
    expect(submit.props).toEqual({ blockId: 'form' });
    expect(await page.textContent('body')).toContain('Thank you, we will be in touch.');
    await page.context().close();
  }, 30_000);

  it('falls back to the plain POST with the same submission id when the JSON request fails', async () => {
    recorded.failNextJsonLead = true;
    const page = await newPage();
    await open(page, `${base}/start`);
    await page.fill('input[name=first_name]', 'Grace');
    await page.fill('input[name=email]', 'grace@example.com');
    await page.check('input[name=consent]');
    await Promise.all([page.waitForURL(`${base}/thank-you`), page.click('button[type=submit]')]);
    expect(leadsOf()).toHaveLength(2);
    const [json, plain] = leadsOf();
    expect(plain?.contentType).toBe('application/x-www-form-urlencoded');
    expect(plain?.body).toMatchObject({
      publicationId: PUBLICATION_ID,
      pageId: PAGE_ID,
      variantId: '',
      blockId: 'form',
      first_name: 'Grace',
      email: 'grace@example.com',
      consent: 'granted',
      submissionId: (json?.body as PublicLeadSubmission | undefined)?.submissionId,
      visitorId: visitor,
    });
    await page.context().close();
  }, 30_000);

  it('posts the form without JavaScript and lands on the success page', async () => {
    const page = await newPage(false);
    await open(page, `${base}/start`);
    await page.fill('input[name=first_name]', 'Linus');
    await page.fill('input[name=email]', 'linus@example.com');
    await page.check('input[name=consent]');
    await Promise.all([page.waitForURL(`${base}/thank-you`), page.click('button[type=submit]')]);
    expect(leadsOf()).toEqual([
      {
        contentType: 'application/x-www-form-urlencoded',
        body: {
          publicationId: PUBLICATION_ID,
          pageId: PAGE_ID,
          variantId: '',
          blockId: 'form',
          first_name: 'Linus',
          email: 'linus@example.com',
          page: '',
          consent: 'granted',
        },
      },
    ]);
    expect(allEvents()).toEqual([]);
    await page.context().close();
  }, 30_000);

  it('records a CTA click before following the link', async () => {
    const page = await newPage();
    await open(page, `${base}/start`);
    await waitFor('page_view', () => allEvents().find((e) => e.type === 'page_view'));
    await Promise.all([page.waitForURL(`${base}/thank-you`), page.click('[data-mos-cta=hero]')]);
    const click = await waitFor('cta_click', () => allEvents().find((e) => e.type === 'cta_click'));
    expect(click.props).toEqual({ blockId: 'hero', label: 'Skip ahead', href: 'thank-you' });
    await page.context().close();
  }, 30_000);

  it('ticks the countdown and swaps the video facade for the privacy-friendly player on click', async () => {
    const page = await newPage();
    await open(page, `${base}/start`);
    await page.waitForFunction(() =>
      /^\d{2}:\d{2}:\d{2}$/.test(document.querySelector('[data-mos-countdown]')?.textContent ?? ''),
    );
    const [h] = ((await page.textContent('[data-mos-countdown]')) ?? '').split(':');
    expect(Number(h)).toBeGreaterThanOrEqual(2);
    await page.click('[data-mos-video]');
    expect(await page.getAttribute('[data-block-id=video] iframe', 'src')).toMatch(
      /^https:\/\/www\.youtube-nocookie\.com\/embed\/aqz-KE-bpKQ/,
    );
    await page.context().close();
  }, 30_000);

  it('asks for consent with the banner, remembers the answer and sends it with events', async () => {
    await renderPages('banner');
    const page = await newPage();
    await open(page, `${base}/start`);
    await page.waitForSelector('[data-mos-consent-banner]', { state: 'visible' });
    const first = await waitFor('page_view', () => allEvents().find((e) => e.type === 'page_view'));
    expect(first.consent).toBe('not_asked');
    await page.click('[data-mos-consent-choice=denied]');
    await page.waitForSelector('[data-mos-consent-banner]', { state: 'hidden' });
    expect((await page.context().cookies()).find((c) => c.name === 'mos_consent')?.value).toBe('denied');
    recorded.events = [];
    await page.goto(`${base}/thank-you`);
    const next = await waitFor('page_view', () => allEvents().find((e) => e.type === 'page_view'));
    expect(next.consent).toBe('denied');
    expect(await page.isVisible('[data-mos-consent-banner]')).toBe(false);
    await page.context().close();
  }, 30_000);

  it('loads the opt-in Meta pixel only after consent, with our event id for deduplication', async () => {
    await renderPages('banner', '1234567890');
    const page = await newPage();
    const pixelRequests: string[] = [];
    page.on('request', (r) => {
      if (r.url().startsWith('https://connect.facebook.net/')) pixelRequests.push(r.url());
    });
    await open(page, `${base}/start`);
    const view = await waitFor('page_view', () => allEvents().find((e) => e.type === 'page_view'));
    expect(await page.evaluate(() => typeof (window as { fbq?: unknown }).fbq)).toBe('undefined');
    expect(pixelRequests).toEqual([]);
    await page.click('[data-mos-consent-choice=granted]');
    const queued = await page.evaluate(() =>
      (window as unknown as { fbq: { queue: unknown[][] } }).fbq.queue.map((args) => [...args]),
    );
    expect(queued).toEqual([
      ['init', '1234567890'],
      ['track', 'PageView', {}, { eventID: view.eventId }],
    ]);
    await waitFor('the pixel script request', () => pixelRequests.length > 0);
    expect(pixelRequests).toEqual(['https://connect.facebook.net/en_US/fbevents.js']);
    await page.context().close();
  }, 30_000);

  it('publishes pages without serious accessibility problems (axe-core)', async () => {
    await renderPages('banner');
    const page = await newPage();
    for (const slug of Object.keys(pages).filter((k) => k === 'every-block' || k.startsWith('template-'))) {
      await open(page, `${base}/${slug}`);
      await page.addScriptTag({ content: axe.source });
      const violations = await page.evaluate(async () => {
        const result = await (window as unknown as { axe: typeof axe }).axe.run(document, {
          resultTypes: ['violations'],
        });
        return result.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      });
      expect(violations, slug).toEqual([]);
    }
    await page.context().close();
  }, 60_000);
});
