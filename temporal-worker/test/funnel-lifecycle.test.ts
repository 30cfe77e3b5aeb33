/**
 * A funnel's whole life through public surfaces only, on the real stack (Temporal dev server, the real worker,
 * PostgreSQL, worker-api as its own process): authoring over tRPC with a local operator token, the FunnelPublish
 * workflow, and the visitor's side over plain HTTP on `/f/<publicId>/…` (pages, ETag/304, JSON and no-JS leads),
 * then a second publish, a rollback, disable/enable, a refused publish and another org's view.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, failure, type Tenant } from './support/stack';
import { stackPerFile } from './support/stack-per-file';

const stack = stackPerFile();

// biome-ignore lint/suspicious/noExplicitAny: documents travel as JSON through the untyped tRPC client
type Doc = any;

/** The entry page's document with its hero headline replaced (what an operator does in the editor). */
function withHeadline(document: Doc, headline: string): Doc {
  const copy = structuredClone(document);
  const hero = copy.content.find((b: { type: string }) => b.type === 'Hero');
  if (!hero) throw new Error('the lead capture template has no Hero block');
  hero.props.headline = headline;
  return copy;
}

/** Publishes through the API and waits, through `workflows.get`, until the run completed. */
async function publishAndWait(api: ApiClient, funnelId: string): Promise<string> {
  const { runId } = await api.funnels.publish.mutate({ funnelId });
  let last = '';
  await stack.waitFor(
    async () => {
      const detail = await api.workflows.get.query({ runId });
      last = detail.run.status;
      if (last === 'failed') throw new Error(`publish run failed: ${detail.run.error}`);
      return last === 'completed';
    },
    { timeoutMs: 60_000, intervalMs: 200, what: `publish run ${runId} to complete (last: ${last})` },
  );
  return runId;
}

/** The value of a hidden input of the page's lead form. */
function hiddenInput(html: string, name: string): string {
  const m = new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(html)?.[0];
  const value = m ? /value="([^"]*)"/.exec(m)?.[1] : undefined;
  if (value === undefined) throw new Error(`the lead form has no hidden input ${name}`);
  return value;
}

/** Polls a public URL until `accept` holds (the API trusts a public id's active publication for ~2 s). */
async function eventually(path: string, accept: (res: Response, body: string) => boolean, what: string) {
  const started = Date.now();
  const res = await stack.waitFor(
    async () => {
      const r = await stack.request(path, { redirect: 'manual' });
      const body = await r.text();
      return accept(r, body) ? { status: r.status, body, headers: r.headers } : null;
    },
    { timeoutMs: 10_000, intervalMs: 100, what },
  );
  return { ...res, ms: Date.now() - started };
}

describe('a funnel from authoring to the visitor and back', () => {
  let t: Tenant;
  let operator: ApiClient;
  beforeAll(async () => {
    t = await stack.newTenant('Funnel Lifecycle Agency');
    operator = stack.api(await t.token('operator'));
  }, 30_000);

  it('creates, publishes, serves, takes leads, republishes, rolls back, disables and enables', async () => {
    const client = await t.createClient();
    const funnel = await operator.funnels.create.mutate({ clientId: client.id, name: 'Barrier guide' });
    expect(funnel.publicId).toEqual(expect.any(String));

    // Two pages from the block library's templates; the first becomes the entry page.
    const lead = await operator.funnels.createPage.mutate({
      funnelId: funnel.id,
      name: 'Free guide',
      slug: 'guide',
      templateId: 'lead_capture',
    });
    const thanks = await operator.funnels.createPage.mutate({
      funnelId: funnel.id,
      name: 'Thanks',
      slug: 'thank-you',
      templateId: 'thank_you',
    });
    await operator.funnels.updatePage.mutate({ pageId: lead.page.id, nextPageId: thanks.page.id });

    // A draft with a change, saved as the editor saves it.
    const draft = await operator.funnels.getPage.query({ pageId: lead.page.id });
    const firstHeadline = 'Calm skin in 14 days';
    await operator.funnels.savePage.mutate({
      pageId: lead.page.id,
      document: withHeadline(draft.latestDraft.document, firstHeadline),
    });

    // Nothing approved yet: the publish is refused, naming each unapproved page.
    const refused = await failure(operator.funnels.publish.mutate({ funnelId: funnel.id }));
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toContain("'Free guide'");
    expect(refused.message).toContain("'Thanks'");
    await operator.funnels.approvePage.mutate({ pageId: lead.page.id });
    const stillRefused = await failure(operator.funnels.publish.mutate({ funnelId: funnel.id }));
    expect(stillRefused.message).toContain("'Thanks'");
    expect(stillRefused.message).not.toContain("'Free guide'");
    await operator.funnels.approvePage.mutate({ pageId: thanks.page.id });
    expect((await operator.funnels.get.query({ id: funnel.id })).canPublish).toBe(true);

    await publishAndWait(operator, funnel.id);
    const [first] = await operator.funnels.publications.query({ funnelId: funnel.id });
    expect(first).toMatchObject({ number: 1 });

    // The visitor: /f/<publicId> → the entry slug.
    const base = `/f/${funnel.publicId}`;
    const entry = await stack.request(`${base}?utm_source=meta`, { redirect: 'manual' });
    expect(entry.status).toBe(302);
    expect(entry.headers.get('location')).toBe(`${base}/guide?utm_source=meta`);

    const page = await stack.request(`${base}/guide`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('x-robots-tag')).toBe('noindex, nofollow');
    const etag = page.headers.get('etag');
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    const visitorCookie = /mos_vid=[^;]+/.exec(page.headers.get('set-cookie') ?? '')?.[0];
    expect(visitorCookie).toMatch(/^mos_vid=[0-9a-f-]{36}$/);
    const html = await page.text();
    expect(html).toContain(firstHeadline);
    expect(html).not.toMatch(/react-dom|__NEXT_DATA__|data-reactroot|<script[^>]+src=/i);
    expect(html).toMatch(/<form[^>]+action="api\/leads"/);

    // Revalidation by a returning visitor: 304, no body.
    const revalidated = await stack.request(`${base}/guide`, {
      headers: { 'if-none-match': etag ?? '', cookie: visitorCookie ?? '' },
    });
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe('');

    // Leads: the page script's JSON post, then a plain form post without JavaScript (303 to the next page).
    const form = {
      publicationId: hiddenInput(html, 'publicationId'),
      pageId: hiddenInput(html, 'pageId'),
      blockId: hiddenInput(html, 'blockId'),
    };
    expect(form.publicationId).toBe(first.id);
    expect(form.pageId).toBe(lead.page.id);
    const leadsUrl = new URL('api/leads', `${stack.apiUrl}${base}/guide`).pathname;
    const jsonLead = await stack.request(leadsUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: visitorCookie ?? '' },
      body: JSON.stringify({
        submissionId: crypto.randomUUID(),
        ...form,
        variantId: null,
        visitorId: (visitorCookie ?? '').split('=')[1],
        fields: { email: 'ada@example.com' },
        utm: { source: 'meta', campaign: 'spring' },
        clickIds: { fbclid: 'fb.1.abc' },
      }),
    });
    expect(jsonLead.status).toBe(200);
    expect(await jsonLead.json()).toEqual({ ok: true, redirectTo: `${base}/thank-you` });

    const plain = await stack.request(leadsUrl, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        referer: `${stack.apiUrl}${base}/guide?utm_source=google&utm_medium=cpc&gclid=g-123`,
      },
      body: new URLSearchParams({ ...form, email: 'grace@example.com' }).toString(),
    });
    expect(plain.status).toBe(303);
    expect(plain.headers.get('location')).toBe(`${base}/thank-you`);
    const thankYou = await stack.request(`${base}/thank-you`);
    expect(thankYou.status).toBe(200);
    expect(await thankYou.text()).toContain('Thank you! Check your inbox');

    const leads = await operator.funnels.leads.query({ funnelId: funnel.id });
    const byEmail = new Map(leads.items.map((l: { email: string }) => [l.email, l]));
    expect(byEmail.get('ada@example.com')).toMatchObject({
      publicationId: first.id,
      pageId: lead.page.id,
      fields: { email: 'ada@example.com' },
      utm: { source: 'meta', campaign: 'spring' },
      clickIds: { fbclid: 'fb.1.abc' },
    });
    expect(byEmail.get('grace@example.com')).toMatchObject({
      publicationId: first.id,
      utm: { source: 'google', medium: 'cpc' },
      clickIds: { gclid: 'g-123' },
    });
    expect(leads.items).toHaveLength(2);

    // Edit, approve, publish again: the public URL serves the new text within the active-publication TTL.
    const secondHeadline = 'Reactive skin, calmer by Friday';
    const current = await operator.funnels.getPage.query({ pageId: lead.page.id });
    await operator.funnels.savePage.mutate({
      pageId: lead.page.id,
      document: withHeadline(current.latestApproved.document, secondHeadline),
    });
    await operator.funnels.approvePage.mutate({ pageId: lead.page.id });
    await publishAndWait(operator, funnel.id);
    const republished = await eventually(
      `${base}/guide`,
      (r, body) => r.status === 200 && body.includes(secondHeadline),
      'the second publication on the public URL',
    );
    expect(republished.body).not.toContain(firstHeadline);
    expect(republished.ms).toBeLessThan(3_000);
    const publications = await operator.funnels.publications.query({ funnelId: funnel.id });
    expect(publications.map((p: { number: number }) => p.number)).toEqual([2, 1]);

    // Rollback to publication 1: the stored HTML of the first publish again, nothing rendered anew.
    const rolledBack = await operator.funnels.rollback.mutate({
      funnelId: funnel.id,
      publicationId: first.id,
    });
    expect(rolledBack).toMatchObject({ activePublicationId: first.id, number: 1 });
    const old = await eventually(
      `${base}/guide`,
      (r, body) => r.status === 200 && body.includes(firstHeadline),
      'publication 1 after the rollback',
    );
    expect(old.body).not.toContain(secondHeadline);
    expect(old.body).toBe(html);

    // Disabled: 410 for pages and the entry; enabled again: 200.
    await operator.funnels.disable.mutate({ id: funnel.id });
    await eventually(`${base}/guide`, (r) => r.status === 410, 'the disabled funnel to answer 410');
    expect((await stack.request(base, { redirect: 'manual' })).status).toBe(410);
    await operator.funnels.enable.mutate({ id: funnel.id });
    const enabled = await eventually(`${base}/guide`, (r) => r.status === 200, 'the enabled funnel again');
    expect(enabled.body).toContain(firstHeadline);

    // Another org sees none of it.
    const other = await stack.newTenant('Other Agency');
    const stranger = stack.api(await other.token('operator'));
    expect((await failure(stranger.funnels.get.query({ id: funnel.id }))).code).toBe('NOT_FOUND');
    expect((await failure(stranger.funnels.publications.query({ funnelId: funnel.id }))).code).toBe(
      'NOT_FOUND',
    );
    expect(
      (await failure(stranger.funnels.rollback.mutate({ funnelId: funnel.id, publicationId: first.id })))
        .code,
    ).toBe('NOT_FOUND');
    expect((await failure(stranger.funnels.publish.mutate({ funnelId: funnel.id }))).code).toBe('NOT_FOUND');
    expect((await failure(stranger.funnels.leads.query({ funnelId: funnel.id }))).code).toBe('NOT_FOUND');
    // …nor can its own funnel roll back to this org's publication.
    const theirClient = await other.createClient();
    const theirs = await stranger.funnels.create.mutate({ clientId: theirClient.id, name: 'Theirs' });
    expect(
      (await failure(stranger.funnels.rollback.mutate({ funnelId: theirs.id, publicationId: first.id })))
        .code,
    ).toBe('NOT_FOUND');
  }, 180_000);
});
