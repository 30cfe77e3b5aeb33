import { createHash } from 'node:crypto';
import {
  auditLog,
  funnelPages,
  funnelPublicationLinks,
  funnelPublicationPages,
  funnelPublications,
  funnels,
  getWorkflowRun,
  workflowRuns,
} from '@mos/db';
import type { FunnelPublishInput, WorkflowStatusSnapshot } from '@mos/db/contracts';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createActivities } from '../src/activities/index';
import { funnelTenant, startRun, twoPageFunnel } from './support/funnels';
import { recordHistory } from './support/histories';
import { stackPerFile } from './support/stack-per-file';

const stack = stackPerFile({ api: false });

async function publish(t: { orgId: string; userId: string; clientId: string }, funnelId: string) {
  return startRun<FunnelPublishInput>(stack, t, 'funnel_publish', `funnel-publish-${crypto.randomUUID()}`, {
    orgId: t.orgId,
    clientId: t.clientId,
    campaignId: null,
    startedBy: t.userId,
    funnelId,
    deploy: null,
  });
}

describe('FunnelPublish', () => {
  it('renders every page and variant once, stores the publication and switches the active one', async () => {
    const t = await funnelTenant(stack.db);
    const f = await twoPageFunnel(stack.db, t, { variant: true });
    const { runId, handle } = await publish(t, f.funnelId);
    const result = (await handle.result()) as { publicationId: string; number: number; pages: number };
    await stack.waitForRunStatus(t.orgId, runId, 'completed');
    expect(result.number).toBe(1);
    expect(result.pages).toBe(3);

    const [publication] = await stack.db
      .select()
      .from(funnelPublications)
      .where(eq(funnelPublications.id, result.publicationId));
    expect(publication).toMatchObject({
      orgId: t.orgId,
      funnelId: f.funnelId,
      number: 1,
      entryPageId: f.entryPageId,
      entrySlug: 'guide',
      workflowRunId: runId,
      createdBy: t.userId,
    });
    const pages = await stack.db
      .select()
      .from(funnelPublicationPages)
      .where(eq(funnelPublicationPages.publicationId, result.publicationId));
    const byKey = new Map(pages.map((p) => [`${p.pageId}:${p.variantId ?? ''}`, p]));
    expect([...byKey.keys()].sort()).toEqual(
      [`${f.entryPageId}:`, `${f.entryPageId}:${f.variantId}`, `${f.thankYouPageId}:`].sort(),
    );
    const variant = byKey.get(`${f.entryPageId}:${f.variantId}`);
    const base = byKey.get(`${f.entryPageId}:`);
    expect(variant).toMatchObject({
      pageVersionId: f.versionIds.variant,
      slug: 'guide',
      weight: 50,
      experimentId: 'exp-hook',
      experimentVariantId: 'ingredient-proof',
      title: 'Barrier guide',
    });
    expect(base).toMatchObject({ pageVersionId: f.versionIds.entry, weight: 50, experimentId: null });
    for (const p of pages) {
      // The HTML carries the publication id chosen before rendering, and its hash is the stored one.
      expect(p.html).toContain(`data-publication="${result.publicationId}"`);
      expect(p.contentHash).toBe(createHash('sha256').update(p.html).digest('hex'));
      expect(p.htmlBytes).toBe(Buffer.byteLength(p.html));
    }
    expect(variant?.html).toContain('Ceramides, proven');
    expect(variant?.html).toContain(`data-variant="${f.variantId}"`);
    expect(base?.html).toContain('Calm skin in 14 days');
    expect(base?.html).toContain(`data-page="${f.entryPageId}"`);
    // Static HTML from the block components: the lead form posts relative to the page, no framework bundle.
    expect(base?.html).toMatch(/^<!doctype html>/i);
    expect(base?.html).toMatch(/<form[^>]+action="api\/leads"/);
    expect(base?.html).not.toMatch(/react-dom|__NEXT_DATA__|data-reactroot|<script[^>]+src=/i);
    expect(byKey.get(`${f.thankYouPageId}:`)?.html).toContain('Check your inbox.');

    const links = await stack.db
      .select()
      .from(funnelPublicationLinks)
      .where(eq(funnelPublicationLinks.publicationId, result.publicationId));
    // next-page wiring, and the lead form of the page and of its variant (both lead to the next page).
    expect(links.map((l) => `${l.kind}:${l.fromPageId}->${l.toPageId}`).sort()).toEqual(
      [
        `auto:${f.entryPageId}->${f.thankYouPageId}`,
        `form:${f.entryPageId}->${f.thankYouPageId}`,
        `form:${f.entryPageId}->${f.thankYouPageId}`,
      ].sort(),
    );

    const [funnel] = await stack.db.select().from(funnels).where(eq(funnels.id, f.funnelId));
    expect(funnel).toMatchObject({ activePublicationId: result.publicationId, status: 'published' });
    const audits = await stack.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, t.orgId), eq(auditLog.targetId, f.funnelId)));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ action: 'funnel.publish', actorUserId: t.userId });

    const status = await handle.query<WorkflowStatusSnapshot>('status');
    expect(status.completedSteps).toEqual(['check', 'render_and_store', 'activate']);
    expect(status.step).toBe('done');
    await recordHistory(handle, 'funnel-publish');

    // A second publish is number 2 and becomes the active one; the first stays as it was.
    const again = await publish(t, f.funnelId);
    const second = (await again.handle.result()) as { publicationId: string; number: number };
    expect(second.number).toBe(2);
    const [after] = await stack.db.select().from(funnels).where(eq(funnels.id, f.funnelId));
    expect(after?.activePublicationId).toBe(second.publicationId);
    const firstPages = await stack.db
      .select({ html: funnelPublicationPages.html })
      .from(funnelPublicationPages)
      .where(eq(funnelPublicationPages.publicationId, result.publicationId));
    expect(firstPages.map((p) => p.html).sort()).toEqual(pages.map((p) => p.html).sort());
  }, 60_000);

  it('fails, naming the page, when a page lost its approval between the API check and the run', async () => {
    const t = await funnelTenant(stack.db);
    const f = await twoPageFunnel(stack.db, t);
    // A page added (unapproved) after the API checked the funnel.
    const [upsell] = await stack.db
      .insert(funnelPages)
      .values({ orgId: t.orgId, funnelId: f.funnelId, name: 'Upsell', slug: 'upsell', ordering: 2 })
      .returning();
    const { runId, handle } = await publish(t, f.funnelId);
    await expect(handle.result()).rejects.toThrow();
    await stack.waitForRunStatus(t.orgId, runId, 'failed');
    const run = await getWorkflowRun(stack.db, t.orgId, runId);
    expect(run?.error).toContain("Page 'Upsell' is not approved.");
    expect(run?.error).toContain(`[page ${upsell?.id}]`);
    const stored = await stack.db
      .select()
      .from(funnelPublications)
      .where(eq(funnelPublications.funnelId, f.funnelId));
    expect(stored).toEqual([]);
    const [funnel] = await stack.db.select().from(funnels).where(eq(funnels.id, f.funnelId));
    expect(funnel).toMatchObject({ activePublicationId: null, status: 'draft' });
    await recordHistory(handle, 'funnel-publish-refused');
  }, 60_000);

  it('stores one publication per run when the store step runs again (a retry after a crash)', async () => {
    const t = await funnelTenant(stack.db);
    const f = await twoPageFunnel(stack.db, t);
    const acts = createActivities({ db: stack.db, llm: stack.llmClient, clock: () => new Date() });
    const check = await acts.checkFunnelPublish({ orgId: t.orgId, funnelId: f.funnelId });
    const runId = crypto.randomUUID();
    await stack.db.insert(workflowRuns).values({
      id: runId,
      orgId: t.orgId,
      clientId: t.clientId,
      kind: 'funnel_publish',
      temporalWorkflowId: `funnel-publish-${runId}`,
      temporalRunId: runId,
      input: {},
    });
    const input = {
      orgId: t.orgId,
      funnelId: f.funnelId,
      runId,
      createdBy: null,
      versions: check.versions,
    };
    const first = await acts.storeFunnelPublication({ ...input, publicationId: crypto.randomUUID() });
    const retried = await acts.storeFunnelPublication({ ...input, publicationId: crypto.randomUUID() });
    expect(first.created).toBe(true);
    expect(retried).toMatchObject({ publicationId: first.publicationId, number: 1, created: false });
    const rows = await stack.db
      .select()
      .from(funnelPublications)
      .where(eq(funnelPublications.funnelId, f.funnelId));
    expect(rows).toHaveLength(1);
    const activated = await acts.activateFunnelPublication({
      orgId: t.orgId,
      funnelId: f.funnelId,
      runId,
      publicationId: first.publicationId,
      actorUserId: null,
    });
    const again = await acts.activateFunnelPublication({
      orgId: t.orgId,
      funnelId: f.funnelId,
      runId,
      publicationId: first.publicationId,
      actorUserId: null,
    });
    expect(activated.switched).toBe(true);
    expect(again.switched).toBe(false);
    const audits = await stack.db.select().from(auditLog).where(eq(auditLog.targetId, f.funnelId));
    expect(audits).toHaveLength(1);
  }, 60_000);

  it('keeps a publication immutable: the database refuses to change its HTML', async () => {
    const t = await funnelTenant(stack.db);
    const f = await twoPageFunnel(stack.db, t);
    const { handle } = await publish(t, f.funnelId);
    const { publicationId } = (await handle.result()) as { publicationId: string };
    await expect(
      stack.db
        .update(funnelPublicationPages)
        .set({ html: '<p>changed</p>' })
        .where(eq(funnelPublicationPages.publicationId, publicationId)),
    ).rejects.toThrow();
    await expect(
      stack.db.update(funnelPublications).set({ number: 9 }).where(eq(funnelPublications.id, publicationId)),
    ).rejects.toThrow();
  }, 60_000);
});
