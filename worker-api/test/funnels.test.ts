import { funnelSlugRedirects, funnels, listAudit, workflowRuns } from '@mos/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ARM_IDS,
  approvedVersionId,
  button,
  EXPERIMENT_ID,
  type FunnelTenant,
  funnelTenant,
  hero,
  insertPublication,
  pageDoc,
  publishableFunnel,
  variantB,
} from './support/funnels';
import { createTestApp, failure, fieldPaths, type TestApp } from './support/harness';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const issueReasons = (f: { fieldErrors: unknown }) =>
  (Array.isArray(f.fieldErrors) ? (f.fieldErrors as { reason?: string; path: unknown[] }[]) : []).map(
    (e) => ({
      reason: e.reason,
      path: e.path.join('.'),
    }),
  );

async function newFunnel(f: FunnelTenant, over: Record<string, unknown> = {}) {
  return f.operator.funnels.create.mutate({ clientId: f.clientId, name: 'Serum launch', ...over });
}

/** A new tenant's funnel (created with what `over` picks of the tenant's ids) and its first page, "Landing". */
async function landingPage(over: (f: FunnelTenant) => Record<string, unknown> = () => ({})) {
  const f = await funnelTenant(t);
  const funnel = await newFunnel(f, over(f));
  const { page } = await f.operator.funnels.createPage.mutate({ funnelId: funnel.id, name: 'Landing' });
  return { f, funnel, page };
}

describe('funnels: create, list, get, update', () => {
  it('creates a draft funnel for a client, campaign, experiment and offer, and lists it with filters', async () => {
    const f = await funnelTenant(t);
    const funnel = await newFunnel(f, {
      campaignId: f.campaignId,
      experimentId: EXPERIMENT_ID,
      offerId: f.offerId,
    });
    expect(funnel).toMatchObject({
      clientId: f.clientId,
      campaignId: f.campaignId,
      experimentId: EXPERIMENT_ID,
      offerId: f.offerId,
      status: 'draft',
      publicPath: `/f/${funnel.publicId}`,
    });
    expect(funnel.publicId).not.toBe(funnel.id);
    expect(funnel.settings.robots).toBe('noindex, nofollow');
    const other = await newFunnel(f, { name: 'No campaign' });
    const byCampaign = await f.member.funnels.list.query({ campaignId: f.campaignId });
    expect(byCampaign.items.map((x) => x.id)).toEqual([funnel.id]);
    const byExperiment = await f.member.funnels.list.query({ experimentId: EXPERIMENT_ID });
    expect(byExperiment.items.map((x) => x.id)).toEqual([funnel.id]);
    const withoutCampaign = await f.member.funnels.list.query({ campaignId: null });
    expect(withoutCampaign.items.map((x) => x.id)).toEqual([other.id]);
    const firstPage = await f.member.funnels.list.query({ clientId: f.clientId, limit: 1 });
    expect(firstPage.items).toHaveLength(1);
    expect(firstPage.nextCursor).not.toBeNull();
    const secondPage = await f.member.funnels.list.query({
      clientId: f.clientId,
      limit: 1,
      cursor: firstPage.nextCursor,
    });
    expect([...firstPage.items, ...secondPage.items].map((x) => x.id).sort()).toEqual(
      [funnel.id, other.id].sort(),
    );
    expect(secondPage.nextCursor).toBeNull();
  });

  it('refuses a campaign of another client, an experiment outside the approved spec set and another client’s offer', async () => {
    const f = await funnelTenant(t);
    const otherClient = await f.admin.clients.create.mutate({
      name: 'Other',
      primaryMarkets: [],
      primaryLanguages: [],
    });
    const campaignOfOther = await failure(
      newFunnel(f, { clientId: otherClient.id, campaignId: f.campaignId }),
    );
    expect(campaignOfOther.code).toBe('BAD_REQUEST');
    expect(fieldPaths(campaignOfOther)).toEqual(['campaignId']);
    const unknownExperiment = await failure(
      newFunnel(f, { campaignId: f.campaignId, experimentId: 'not-in-the-spec' }),
    );
    expect(fieldPaths(unknownExperiment)).toEqual(['experimentId']);
    const noCampaign = await failure(newFunnel(f, { experimentId: EXPERIMENT_ID }));
    expect(fieldPaths(noCampaign)).toEqual(['experimentId']);
    const offerOfOther = await failure(newFunnel(f, { clientId: otherClient.id, offerId: f.offerId }));
    expect(fieldPaths(offerOfOther)).toEqual(['offerId']);
    const badName = await failure(newFunnel(f, { name: '  ' }));
    expect(badName.code).toBe('BAD_REQUEST');
    expect(fieldPaths(badName)).toEqual(['name']);
  });

  it('updates name, settings and the entry page (which must be a page of the funnel)', async () => {
    const f = await funnelTenant(t);
    const funnel = await newFunnel(f);
    const page = await f.operator.funnels.createPage.mutate({ funnelId: funnel.id, name: 'Landing' });
    const other = await newFunnel(f, { name: 'Other' });
    const otherPage = await f.operator.funnels.createPage.mutate({
      funnelId: other.id,
      name: 'Other landing',
    });
    const updated = await f.operator.funnels.update.mutate({
      id: funnel.id,
      name: 'Renamed',
      entryPageId: page.page.id,
      settings: {
        robots: 'index, follow',
        consent: 'line',
        metaPixelId: null,
        metaCapiTokenSecret: 'META_CAPI_TOKEN',
        ga4MeasurementId: 'G-ABC123',
        ga4ApiSecretSecret: null,
        clientSidePixel: false,
        leadWebhookUrl: 'https://crm.example.com/hook',
        leadWebhookSecret: 'LEAD_WEBHOOK_KEY',
      },
    });
    expect(updated).toMatchObject({ name: 'Renamed', entryPageId: page.page.id });
    expect(updated.settings).toMatchObject({ robots: 'index, follow', ga4MeasurementId: 'G-ABC123' });
    const wrongEntry = await failure(
      f.operator.funnels.update.mutate({ id: funnel.id, entryPageId: otherPage.page.id }),
    );
    expect(wrongEntry.code).toBe('BAD_REQUEST');
    expect(fieldPaths(wrongEntry)).toEqual(['entryPageId']);
    const badSettings = await failure(
      f.operator.funnels.update.mutate({
        id: funnel.id,
        settings: { ga4MeasurementId: 'UA-1' } as never,
      }),
    );
    expect(fieldPaths(badSettings)).toEqual(['settings.ga4MeasurementId']);
    const badSecretName = await failure(
      f.operator.funnels.update.mutate({
        id: funnel.id,
        settings: { ...updated.settings, leadWebhookSecret: 'my key' },
      }),
    );
    expect(fieldPaths(badSecretName)).toEqual(['settings.leadWebhookSecret']);
    const got = await f.member.funnels.get.query({ id: funnel.id });
    expect(got.funnel.name).toBe('Renamed');
    expect(got.entryPage).toEqual({ id: page.page.id, name: 'Landing', slug: 'landing' });
  });

  it('disables and enables: draft without a publication, published with one', async () => {
    const f = await funnelTenant(t);
    const { funnel, landing } = await publishableFunnel(f);
    expect((await f.operator.funnels.disable.mutate({ id: funnel.id })).status).toBe('disabled');
    expect((await f.operator.funnels.enable.mutate({ id: funnel.id })).status).toBe('draft');
    const approvedId = await approvedVersionId(f, landing.id);
    const pub = await insertPublication(t, f, funnel.id, 1, landing, approvedId);
    await t.database.db.update(funnels).set({ activePublicationId: pub.id }).where(eq(funnels.id, funnel.id));
    await f.operator.funnels.disable.mutate({ id: funnel.id });
    expect((await f.operator.funnels.enable.mutate({ id: funnel.id })).status).toBe('published');
  });
});

describe('funnels: pages', () => {
  it('creates pages with unique slugs (-2, -3), refuses reserved slugs, and starts each with a draft', async () => {
    const f = await funnelTenant(t);
    const funnel = await newFunnel(f);
    const a = await f.operator.funnels.createPage.mutate({ funnelId: funnel.id, name: 'Sign up!' });
    const b = await f.operator.funnels.createPage.mutate({ funnelId: funnel.id, name: 'Sign Up' });
    const c = await f.operator.funnels.createPage.mutate({ funnelId: funnel.id, name: 'x', slug: 'Sign up' });
    expect([a.page.slug, b.page.slug, c.page.slug]).toEqual(['sign-up', 'sign-up-2', 'sign-up-3']);
    expect(a.draftVersion).toMatchObject({ status: 'draft', source: 'human', variantId: null });
    const reserved = await failure(
      f.operator.funnels.createPage.mutate({ funnelId: funnel.id, name: 'x', slug: 'API' }),
    );
    expect(reserved.code).toBe('BAD_REQUEST');
    expect(fieldPaths(reserved)).toEqual(['slug']);
    // A name that slugifies to a reserved word is moved aside rather than refused.
    const fromName = await f.operator.funnels.createPage.mutate({ funnelId: funnel.id, name: 'Media' });
    expect(fromName.page.slug).toBe('media-2');
    const got = await f.member.funnels.get.query({ id: funnel.id });
    expect(got.pages.map((p) => p.slug)).toEqual(['sign-up', 'sign-up-2', 'sign-up-3', 'media-2']);
    // The funnel's first page became its entry page.
    expect(got.funnel.entryPageId).toBe(a.page.id);
    expect(got.pages[0]).toMatchObject({
      latestDraftVersionId: a.draftVersion.id,
      latestApprovedVersionId: null,
    });
  });

  it('lists the block library’s templates and starts a page from one; an unknown template names the field', async () => {
    const f = await funnelTenant(t);
    const templates = await f.member.funnels.templates.query();
    expect(templates.map((x) => x.id)).toContain('lead_capture');
    for (const tpl of templates) expect(tpl.document.root.props.title.length).toBeGreaterThan(0);
    const funnel = await newFunnel(f);
    const created = await f.operator.funnels.createPage.mutate({
      funnelId: funnel.id,
      name: 'Free guide',
      templateId: 'lead_capture',
    });
    expect(created.page.templateId).toBe('lead_capture');
    const page = await f.member.funnels.getPage.query({ pageId: created.page.id });
    const doc = page.latestDraft?.document as {
      root: { props: { title: string } };
      content: Array<{ type: string }>;
    };
    expect(doc.root.props.title).toBe('Free guide');
    expect(doc.content.map((b) => b.type)).toEqual(
      (templates.find((x) => x.id === 'lead_capture')?.document.content ?? []).map((b) => b.type),
    );
    expect(doc.content.map((b) => b.type)).toContain('LeadForm');
    const unknown = await failure(
      f.operator.funnels.createPage.mutate({
        funnelId: funnel.id,
        name: 'x',
        templateId: 'no-such-template',
      }),
    );
    expect(fieldPaths(unknown)).toEqual(['templateId']);
  });

  it('saves drafts validated by the block library, naming the path of a problem', async () => {
    const { f, page } = await landingPage();
    const saved = await f.operator.funnels.savePage.mutate({
      pageId: page.id,
      document: pageDoc('Landing', [hero('h1', 'Calm skin')]),
    });
    expect(saved).toMatchObject({ status: 'draft', source: 'human', pageId: page.id });
    const bad = await failure(
      f.operator.funnels.savePage.mutate({ pageId: page.id, document: pageDoc('Landing', [hero('h1', '')]) }),
    );
    expect(bad.code).toBe('BAD_REQUEST');
    expect(fieldPaths(bad)).toEqual(['document.content.0.props.headline']);
    const got = await f.member.funnels.getPage.query({ pageId: page.id });
    expect(got.latestDraft?.id).toBe(saved.id);
    expect((got.latestDraft?.document as { content?: unknown[] } | undefined)?.content).toHaveLength(1);
    expect(got.designTokens.colors.primary).toMatch(/^#[0-9a-f]{6}$/i);
    expect(got.hasUnapprovedChanges).toBe(true);
  });

  it('approves the latest draft into a new approved version; CONFLICT when there is nothing new to approve', async () => {
    const { f, page } = await landingPage();
    const draft = await f.operator.funnels.savePage.mutate({
      pageId: page.id,
      document: pageDoc('v2', [hero('h')]),
    });
    const approved = await f.operator.funnels.approvePage.mutate({ pageId: page.id });
    expect(approved).toMatchObject({ status: 'approved', pageId: page.id });
    expect(approved.id).not.toBe(draft.id);
    const again = await failure(f.operator.funnels.approvePage.mutate({ pageId: page.id }));
    expect(again.code).toBe('CONFLICT');
    expect(issueReasons(again)).toEqual([{ reason: 'already_approved', path: 'pageId' }]);
    const got = await f.member.funnels.getPage.query({ pageId: page.id });
    expect(got.latestApproved?.id).toBe(approved.id);
    expect(got.latestApproved?.document).toEqual(got.latestDraft?.document);
    expect(got.hasUnapprovedChanges).toBe(false);
    const audit = await listAudit(t.database.db, f.orgId, { targetId: approved.id });
    expect(audit.map((a) => a.action)).toEqual(['funnel_page.approve']);
  });

  it('answers CONFLICT to approving a variant that has no draft', async () => {
    const { f, page } = await landingPage((own) => ({ campaignId: own.campaignId }));
    const variant = await variantB(f, page.id);
    // Versions are append-only: a variant without versions is made by removing them the only way there is.
    const { funnelPageVersions } = await import('@mos/db');
    await t.database.db
      .delete(funnelPageVersions)
      .where(eq(funnelPageVersions.variantId, variant.variant.id));
    const none = await failure(
      f.operator.funnels.approvePage.mutate({ pageId: page.id, variantId: variant.variant.id }),
    );
    expect(none.code).toBe('CONFLICT');
    expect(issueReasons(none)).toEqual([{ reason: 'no_draft', path: 'variantId' }]);
  });

  it('changing a slug writes a redirect row in the same transaction; a taken slug is refused', async () => {
    const { f, funnel, page } = await landingPage();
    const other = await f.operator.funnels.createPage.mutate({ funnelId: funnel.id, name: 'Offer' });
    const renamed = await f.operator.funnels.updatePage.mutate({
      pageId: page.id,
      slug: 'Start Here',
      name: 'Start',
    });
    expect(renamed).toMatchObject({ slug: 'start-here', name: 'Start' });
    await f.operator.funnels.updatePage.mutate({ pageId: page.id, slug: 'go' });
    const redirects = await t.database.db
      .select({ from: funnelSlugRedirects.fromSlug, to: funnelSlugRedirects.toSlug })
      .from(funnelSlugRedirects)
      .where(eq(funnelSlugRedirects.funnelId, funnel.id));
    // Both old slugs lead straight to the current one (no chain of 301s).
    expect(redirects.sort((a, b) => a.from.localeCompare(b.from))).toEqual([
      { from: 'landing', to: 'go' },
      { from: 'start-here', to: 'go' },
    ]);
    const taken = await failure(
      f.operator.funnels.updatePage.mutate({ pageId: page.id, slug: other.page.slug }),
    );
    expect(fieldPaths(taken)).toEqual(['slug']);
    const reserved = await failure(f.operator.funnels.updatePage.mutate({ pageId: page.id, slug: 'media' }));
    expect(fieldPaths(reserved)).toEqual(['slug']);
    // A new page does not take a slug that still redirects.
    const again = await f.operator.funnels.createPage.mutate({ funnelId: funnel.id, name: 'Landing' });
    expect(again.page.slug).toBe('landing-2');
  });

  it('wires next pages and refuses itself, another funnel’s page and a loop', async () => {
    const f = await funnelTenant(t);
    const funnel = await newFunnel(f);
    const a = (await f.operator.funnels.createPage.mutate({ funnelId: funnel.id, name: 'A' })).page;
    const b = (await f.operator.funnels.createPage.mutate({ funnelId: funnel.id, name: 'B' })).page;
    const c = (await f.operator.funnels.createPage.mutate({ funnelId: funnel.id, name: 'C' })).page;
    const foreign = (
      await f.operator.funnels.createPage.mutate({ funnelId: (await newFunnel(f)).id, name: 'X' })
    ).page;
    await f.operator.funnels.updatePage.mutate({ pageId: a.id, nextPageId: b.id });
    await f.operator.funnels.updatePage.mutate({ pageId: b.id, nextPageId: c.id });
    const self = await failure(f.operator.funnels.updatePage.mutate({ pageId: a.id, nextPageId: a.id }));
    expect(issueReasons(self)).toEqual([{ reason: 'self', path: 'nextPageId' }]);
    const other = await failure(
      f.operator.funnels.updatePage.mutate({ pageId: a.id, nextPageId: foreign.id }),
    );
    expect(issueReasons(other)).toEqual([{ reason: 'other_funnel', path: 'nextPageId' }]);
    const loop = await failure(f.operator.funnels.updatePage.mutate({ pageId: c.id, nextPageId: a.id }));
    expect(loop.code).toBe('BAD_REQUEST');
    expect(issueReasons(loop)).toEqual([{ reason: 'cycle', path: 'nextPageId' }]);
    const cleared = await f.operator.funnels.updatePage.mutate({ pageId: b.id, nextPageId: null });
    expect(cleared.nextPageId).toBeNull();
    // With B → C cut, C → A is no loop any more.
    expect((await f.operator.funnels.updatePage.mutate({ pageId: c.id, nextPageId: a.id })).nextPageId).toBe(
      a.id,
    );
  });

  it('deletes a page but not the entry page', async () => {
    const f = await funnelTenant(t);
    const funnel = await newFunnel(f);
    const entry = (await f.operator.funnels.createPage.mutate({ funnelId: funnel.id, name: 'Entry' })).page;
    const extra = (await f.operator.funnels.createPage.mutate({ funnelId: funnel.id, name: 'Extra' })).page;
    const refused = await failure(f.operator.funnels.deletePage.mutate({ pageId: entry.id }));
    expect(refused.code).toBe('CONFLICT');
    expect(issueReasons(refused)).toEqual([{ reason: 'entry_page', path: 'pageId' }]);
    expect(await f.operator.funnels.deletePage.mutate({ pageId: extra.id })).toEqual({
      id: extra.id,
      deleted: true,
    });
    const got = await f.member.funnels.get.query({ id: funnel.id });
    expect(got.pages.map((p) => p.id)).toEqual([entry.id]);
  });
});

describe('funnels: variants', () => {
  it('creates a variant for an arm of the approved spec, with a first draft copied from the page', async () => {
    const { f, funnel, page } = await landingPage((own) => ({
      campaignId: own.campaignId,
      experimentId: EXPERIMENT_ID,
    }));
    const doc = pageDoc('Landing', [hero('h', 'Original')]);
    await f.operator.funnels.savePage.mutate({ pageId: page.id, document: doc });
    const created = await f.operator.funnels.createVariant.mutate({
      pageId: page.id,
      name: 'Ingredient proof',
      experimentId: EXPERIMENT_ID,
      experimentVariantId: ARM_IDS[1] ?? '',
      weight: 30,
    });
    expect(created.variant).toMatchObject({ pageId: page.id, weight: 30, experimentVariantId: ARM_IDS[1] });
    const variantPage = await f.member.funnels.getPage.query({
      pageId: page.id,
      variantId: created.variant.id,
    });
    expect(variantPage.latestDraft?.document).toEqual(doc);
    expect(variantPage.latestDraft?.variantId).toBe(created.variant.id);
    // Variant versions go through savePage / approvePage with the variant's id; the page's own stay apart.
    await f.operator.funnels.savePage.mutate({
      pageId: page.id,
      variantId: created.variant.id,
      document: pageDoc('Landing', [hero('h', 'Variant B')]),
    });
    const approved = await f.operator.funnels.approvePage.mutate({
      pageId: page.id,
      variantId: created.variant.id,
    });
    expect(approved.variantId).toBe(created.variant.id);
    const pageItself = await f.member.funnels.getPage.query({ pageId: page.id });
    expect(pageItself.latestApproved).toBeNull();
    const got = await f.member.funnels.get.query({ id: funnel.id });
    expect(got.pages[0]?.variants.map((v) => v.latestApprovedVersionId)).toEqual([approved.id]);

    const updated = await f.operator.funnels.updateVariant.mutate({
      variantId: created.variant.id,
      weight: 0,
    });
    expect(updated.weight).toBe(0);
    const tooHeavy = await failure(
      f.operator.funnels.updateVariant.mutate({ variantId: created.variant.id, weight: 101 }),
    );
    expect(fieldPaths(tooHeavy)).toEqual(['weight']);
    expect(await f.operator.funnels.deleteVariant.mutate({ variantId: created.variant.id })).toEqual({
      id: created.variant.id,
      deleted: true,
    });
  });

  it('refuses an experiment or arm that is not in the spec, naming the field', async () => {
    const { f, page } = await landingPage((own) => ({ campaignId: own.campaignId }));
    const base = {
      pageId: page.id,
      name: 'B',
      experimentId: EXPERIMENT_ID,
      experimentVariantId: ARM_IDS[0] ?? '',
    };
    const badExperiment = await failure(
      f.operator.funnels.createVariant.mutate({ ...base, experimentId: 'nope' }),
    );
    expect(fieldPaths(badExperiment)).toEqual(['experimentId']);
    const badArm = await failure(
      f.operator.funnels.createVariant.mutate({ ...base, experimentVariantId: 'nope' }),
    );
    expect(fieldPaths(badArm)).toEqual(['experimentVariantId']);
    const noCampaign = await newFunnel(f);
    const loose = (await f.operator.funnels.createPage.mutate({ funnelId: noCampaign.id, name: 'L' })).page;
    const needsCampaign = await failure(
      f.operator.funnels.createVariant.mutate({ ...base, pageId: loose.id }),
    );
    expect(fieldPaths(needsCampaign)).toEqual(['experimentId']);
  });
});

describe('funnels.get canPublish and funnels.publish', () => {
  it('reports every publish problem naming its page, and publish refuses with the same list', async () => {
    const f = await funnelTenant(t);
    const funnel = await newFunnel(f);
    const empty = await f.member.funnels.get.query({ id: funnel.id });
    expect(empty.canPublish).toBe(false);
    expect(empty.publishProblems.map((p) => p.reason).sort()).toEqual(['no_entry_page', 'no_pages']);

    const a = (await f.operator.funnels.createPage.mutate({ funnelId: funnel.id, name: 'A' })).page;
    const b = (await f.operator.funnels.createPage.mutate({ funnelId: funnel.id, name: 'B' })).page;
    const elsewhere = (
      await f.operator.funnels.createPage.mutate({ funnelId: (await newFunnel(f)).id, name: 'Z' })
    ).page;
    await f.operator.funnels.savePage.mutate({
      pageId: a.id,
      document: pageDoc('A', [
        button('out', { kind: 'page', pageId: elsewhere.id }),
        button('nx', { kind: 'next' }),
      ]),
    });
    await f.operator.funnels.approvePage.mutate({ pageId: a.id });
    const got = await f.member.funnels.get.query({ id: funnel.id });
    expect(got.canPublish).toBe(false);
    expect(
      got.publishProblems
        .map((p) => ({ reason: p.reason, pageId: p.pageId }))
        .sort((x, y) => x.reason.localeCompare(y.reason)),
    ).toEqual([
      { reason: 'link_outside_funnel', pageId: a.id },
      { reason: 'link_without_next_page', pageId: a.id },
      { reason: 'page_not_approved', pageId: b.id },
    ]);
    const refused = await failure(f.operator.funnels.publish.mutate({ funnelId: funnel.id }));
    expect(refused.code).toBe('CONFLICT');
    expect(issueReasons(refused).sort((x, y) => x.reason?.localeCompare(y.reason ?? '') ?? 0)).toEqual([
      { reason: 'link_outside_funnel', path: `pages.${a.id}` },
      { reason: 'link_without_next_page', path: `pages.${a.id}` },
      { reason: 'page_not_approved', path: `pages.${b.id}` },
    ]);
    expect(refused.message).toContain("Page 'B' is not approved.");
    expect(
      t.gateway.calls.filter(
        (c) =>
          c.op === 'start' &&
          c.req.args[0] &&
          (c.req.args[0] as { funnelId?: string }).funnelId === funnel.id,
      ),
    ).toHaveLength(0);
  });

  it('refuses a disabled funnel, an unapproved variant and a funnel without entry page', async () => {
    const f = await funnelTenant(t);
    const { funnel, landing } = await publishableFunnel(f);
    await f.operator.funnels.disable.mutate({ id: funnel.id });
    const disabled = await failure(f.operator.funnels.publish.mutate({ funnelId: funnel.id }));
    expect(issueReasons(disabled)).toEqual([{ reason: 'funnel_disabled', path: 'funnelId' }]);
    await f.operator.funnels.enable.mutate({ id: funnel.id });
    const variant = await variantB(f, landing.id);
    const unapproved = await failure(f.operator.funnels.publish.mutate({ funnelId: funnel.id }));
    expect(issueReasons(unapproved)).toEqual([
      { reason: 'variant_not_approved', path: `pages.${landing.id}` },
    ]);
    expect(unapproved.message).toContain("variant 'B' is not approved");
    await f.operator.funnels.deleteVariant.mutate({ variantId: variant.variant.id });
    await f.operator.funnels.update.mutate({ id: funnel.id, entryPageId: null });
    const noEntry = await failure(f.operator.funnels.publish.mutate({ funnelId: funnel.id }));
    expect(issueReasons(noEntry)).toEqual([{ reason: 'no_entry_page', path: 'funnelId' }]);
  });

  it('starts exactly one FunnelPublish run with the funnel’s id; a second publish while it runs is CONFLICT', async () => {
    const f = await funnelTenant(t);
    const { funnel } = await publishableFunnel(f);
    const got = await f.member.funnels.get.query({ id: funnel.id });
    expect(got.canPublish).toBe(true);
    expect(got.publishProblems).toEqual([]);
    const before = t.gateway.calls.length;
    const started = await f.operator.funnels.publish.mutate({ funnelId: funnel.id });
    const starts = t.gateway.calls.slice(before).filter((c) => c.op === 'start');
    expect(starts).toHaveLength(1);
    const start = starts[0];
    if (start?.op !== 'start') throw new Error('no start recorded');
    expect(start.req.workflowType).toBe('FunnelPublish');
    expect(start.req.workflowId).toMatch(new RegExp(`^funnel-publish-${funnel.id}-`));
    expect(start.req.args[0]).toMatchObject({
      funnelId: funnel.id,
      deploy: null,
      orgId: f.orgId,
      clientId: f.clientId,
      campaignId: f.campaignId,
      runId: started.runId,
    });
    const [run] = await t.database.db.select().from(workflowRuns).where(eq(workflowRuns.id, started.runId));
    expect(run).toMatchObject({ kind: 'funnel_publish', status: 'running', orgId: f.orgId });
    const twice = await failure(f.operator.funnels.publish.mutate({ funnelId: funnel.id }));
    expect(twice.code).toBe('CONFLICT');
    expect(issueReasons(twice)).toEqual([{ reason: 'publish_running', path: 'funnelId' }]);
    expect(t.gateway.calls.slice(before).filter((c) => c.op === 'start')).toHaveLength(1);
  });

  it('rolls back to an earlier publication in one step, with an audit record', async () => {
    const f = await funnelTenant(t);
    const { funnel, landing } = await publishableFunnel(f);
    const approvedId = await approvedVersionId(f, landing.id);
    const first = await insertPublication(t, f, funnel.id, 1, landing, approvedId);
    const second = await insertPublication(t, f, funnel.id, 2, landing, approvedId);
    await t.database.db
      .update(funnels)
      .set({ activePublicationId: second.id, status: 'published' })
      .where(eq(funnels.id, funnel.id));
    const listed = await f.member.funnels.publications.query({ funnelId: funnel.id });
    expect(listed.map((p) => ({ number: p.number, active: p.active }))).toEqual([
      { number: 2, active: true },
      { number: 1, active: false },
    ]);
    expect(listed[0]?.pages).toEqual([
      expect.objectContaining({
        pageId: landing.id,
        slug: landing.slug,
        variantId: null,
        htmlBytes: expect.any(Number),
      }),
    ]);
    expect(listed[0]?.createdByEmail).toContain('admin-');
    const rolled = await f.operator.funnels.rollback.mutate({ funnelId: funnel.id, publicationId: first.id });
    expect(rolled).toMatchObject({ activePublicationId: first.id, status: 'published', number: 1 });
    const after = await f.member.funnels.publications.query({ funnelId: funnel.id });
    expect(after.map((p) => ({ number: p.number, active: p.active }))).toEqual([
      { number: 2, active: false },
      { number: 1, active: true },
    ]);
    const audit = await listAudit(t.database.db, f.orgId, { targetId: funnel.id });
    expect(audit[0]).toMatchObject({
      action: 'funnel.rollback',
      data: { fromPublicationId: second.id, toPublicationId: first.id, toNumber: 1 },
    });
    // A publication of another funnel of the same org is not this funnel's to roll back to.
    const other = await publishableFunnel(f, 'Other');
    const otherApproved = await approvedVersionId(f, other.landing.id);
    const foreign = await insertPublication(t, f, other.funnel.id, 1, other.landing, otherApproved);
    const refused = await failure(
      f.operator.funnels.rollback.mutate({ funnelId: funnel.id, publicationId: foreign.id }),
    );
    expect(refused.code).toBe('NOT_FOUND');
    const [row] = await t.database.db.select().from(funnels).where(eq(funnels.id, funnel.id));
    expect(row?.activePublicationId).toBe(first.id);
  });

  it('refuses to delete a published page (publications never change)', async () => {
    const f = await funnelTenant(t);
    const { funnel, landing, thanks } = await publishableFunnel(f);
    const approvedId = await approvedVersionId(f, thanks.id);
    await insertPublication(t, f, funnel.id, 1, thanks, approvedId);
    expect(landing.id).not.toBe(thanks.id);
    const refused = await failure(f.operator.funnels.deletePage.mutate({ pageId: thanks.id }));
    expect(refused.code).toBe('CONFLICT');
    expect(issueReasons(refused)).toEqual([{ reason: 'published', path: 'pageId' }]);
  });
});

describe('funnels.duplicate', () => {
  it('copies pages, wiring, variants and the latest approved versions (source=duplicate) under a new public id', async () => {
    const f = await funnelTenant(t);
    const { funnel, landing, thanks } = await publishableFunnel(f);
    await f.operator.funnels.savePage.mutate({
      pageId: landing.id,
      document: pageDoc('Landing', [hero('h'), button('to-thanks', { kind: 'page', pageId: thanks.id })]),
    });
    await f.operator.funnels.approvePage.mutate({ pageId: landing.id });
    const copy = await f.operator.funnels.duplicate.mutate({ id: funnel.id });
    expect(copy.publicId).not.toBe(funnel.publicId);
    expect(copy.name).toBe('Serum launch (copy)');
    expect(copy.status).toBe('draft');
    const got = await f.member.funnels.get.query({ id: copy.id });
    expect(got.pages.map((p) => p.slug)).toEqual([landing.slug, thanks.slug]);
    const [newLanding, newThanks] = got.pages;
    expect(newLanding?.id).not.toBe(landing.id);
    expect(got.funnel.entryPageId).toBe(newLanding?.id);
    expect(newLanding?.nextPageId).toBe(newThanks?.id);
    expect(got.canPublish).toBe(true);
    const page = await f.member.funnels.getPage.query({ pageId: newLanding?.id ?? '' });
    expect(page.latestApproved?.source).toBe('duplicate');
    // The link to the thank-you page now points at the copy's thank-you page.
    expect(JSON.stringify(page.latestApproved?.document)).toContain(newThanks?.id ?? 'missing');
    expect(JSON.stringify(page.latestApproved?.document)).not.toContain(thanks.id);
    const originals = await f.member.funnels.get.query({ id: funnel.id });
    expect(originals.pages.map((p) => p.id)).toEqual([landing.id, thanks.id]);
  });
});

describe('funnels.generatePage', () => {
  it('starts FunnelPageDraft for a page and a variant’s arm, rate-limited like other AI starts', async () => {
    const { f, funnel, page } = await landingPage((own) => ({
      campaignId: own.campaignId,
      offerId: own.offerId,
    }));
    const variant = await variantB(f, page.id);
    const before = t.gateway.calls.length;
    const run = await f.operator.funnels.generatePage.mutate({
      pageId: page.id,
      variantId: variant.variant.id,
      instructions: 'Lead with the barrier story.',
    });
    const start = t.gateway.calls.slice(before).find((c) => c.op === 'start');
    if (start?.op !== 'start') throw new Error('no start recorded');
    expect(start.req.workflowType).toBe('FunnelPageDraft');
    expect(start.req.args[0]).toMatchObject({
      runId: run.runId,
      funnelId: funnel.id,
      pageId: page.id,
      variantId: variant.variant.id,
      offerId: f.offerId,
      experimentId: EXPERIMENT_ID,
      experimentVariantId: ARM_IDS[1],
      instructions: 'Lead with the barrier story.',
    });
    const half = await failure(
      f.operator.funnels.generatePage.mutate({ pageId: page.id, experimentId: EXPERIMENT_ID }),
    );
    expect(fieldPaths(half)).toEqual(['experimentVariantId']);
  });

  it('answers TOO_MANY_REQUESTS past the limit and starts nothing', async () => {
    const { createMemoryLlmStartLimiters } = await import('../src/rate-limit');
    const limited = await createTestApp({
      llmStartLimiters: createMemoryLlmStartLimiters({
        user: { limit: 1, periodSeconds: 60 },
        org: { limit: 10, periodSeconds: 60 },
      }),
    });
    try {
      const f = await funnelTenant(limited);
      const funnel = await f.operator.funnels.create.mutate({ clientId: f.clientId, name: 'Limited' });
      const { page } = await f.operator.funnels.createPage.mutate({ funnelId: funnel.id, name: 'Landing' });
      await f.operator.funnels.generatePage.mutate({ pageId: page.id });
      const starts = limited.gateway.calls.filter((c) => c.op === 'start').length;
      const refused = await failure(f.operator.funnels.generatePage.mutate({ pageId: page.id }));
      expect(refused.code).toBe('TOO_MANY_REQUESTS');
      expect(limited.gateway.calls.filter((c) => c.op === 'start')).toHaveLength(starts);
    } finally {
      await limited.close();
    }
  });
});

describe('design tokens', () => {
  it('derives tokens from the approved canon’s palette, else defaults; set and reset by an operator', async () => {
    const f = await funnelTenant(t);
    const derived = await f.member.clients.designTokens.query({ clientId: f.clientId });
    expect(derived.source).toBe('default');
    const { artifactExamples } = await import('@mos/db/artifacts');
    const { approveArtifact } = await import('@mos/db');
    const canon = await f.admin.artifacts.createVersion.mutate({
      clientId: f.clientId,
      type: 'client_canon',
      data: { ...structuredClone(artifactExamples.client_canon), clientId: f.clientId },
    });
    await approveArtifact(t.database.db, f.orgId, canon.id, null);
    const fromCanon = await f.member.clients.designTokens.query({ clientId: f.clientId });
    expect(fromCanon.source).toBe('canon');
    // The example palette is #2F4A3A, #E9E4D8, #C9A66B, #1C1C1C.
    expect(fromCanon.tokens.colors).toMatchObject({
      primary: '#2f4a3a',
      accent: '#c9a66b',
      text: '#1c1c1c',
      background: '#e9e4d8',
      primaryText: '#ffffff',
    });
    const tokens = { ...fromCanon.tokens, radius: 0 };
    const set = await f.operator.clients.setDesignTokens.mutate({ clientId: f.clientId, tokens });
    expect(set).toEqual({ tokens, source: 'client' });
    const bad = await failure(
      f.operator.clients.setDesignTokens.mutate({
        clientId: f.clientId,
        tokens: { ...tokens, colors: { ...tokens.colors, primary: 'blue' } },
      }),
    );
    expect(fieldPaths(bad)).toEqual(['tokens.colors.primary']);
    const reset = await f.operator.clients.setDesignTokens.mutate({ clientId: f.clientId, tokens: null });
    expect(reset.source).toBe('canon');
    const forbidden = await failure(
      f.member.clients.setDesignTokens.mutate({ clientId: f.clientId, tokens: null }),
    );
    expect(forbidden.code).toBe('FORBIDDEN');
  });
});

describe('redirect rows are scoped', () => {
  it('keeps redirects per funnel', async () => {
    const f = await funnelTenant(t);
    const one = await newFunnel(f);
    const two = await newFunnel(f);
    const p1 = (await f.operator.funnels.createPage.mutate({ funnelId: one.id, name: 'Landing' })).page;
    await f.operator.funnels.updatePage.mutate({ pageId: p1.id, slug: 'new' });
    const p2 = await f.operator.funnels.createPage.mutate({ funnelId: two.id, name: 'Landing' });
    expect(p2.page.slug).toBe('landing');
    const rows = await t.database.db
      .select()
      .from(funnelSlugRedirects)
      .where(and(eq(funnelSlugRedirects.orgId, f.orgId), eq(funnelSlugRedirects.funnelId, two.id)));
    expect(rows).toEqual([]);
  });
});
