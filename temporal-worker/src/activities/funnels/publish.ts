import {
  activateNewPublication,
  loadPageVersions,
  loadPublishSource,
  type NewPublicationPage,
  type PublishSource,
  publicationOfRun,
  storePublication,
} from '@mos/db';
import { FunnelSettings } from '@mos/db/contracts';
import {
  checkPublishRules,
  type PublishCandidatePage,
  type PublishProblem,
} from '@mos/funnel-blocks/publish-rules';
import { DEFAULT_DESIGN_TOKENS, DesignTokens, PageDocument } from '@mos/funnel-blocks/schema';
import { ApplicationFailure } from '@temporalio/common';
import { type ActivityDeps, NotFoundError } from '../deps';
import { withHeartbeat } from '../shared/heartbeat';
import { loadRenderPublishedPage, type RenderPublishedPage } from './render';

/** The ApplicationFailure type of a publish the rules refuse (details: the problems, each naming its page). */
export const FUNNEL_PUBLISH_REFUSED = 'FunnelPublishRefused';

/** One page or variant version the check approved: exactly what the publication renders. */
export interface PublishVersion {
  pageId: string;
  variantId: string | null;
  versionId: string;
}

export interface PublishCheckResult {
  versions: PublishVersion[];
  pages: number;
  variants: number;
}

interface Scope {
  orgId: string;
  funnelId: string;
}

type Documents = Map<string, PageDocument>;

/**
 * The publish rules' candidate from the stored funnel. A stored document the block library no longer accepts
 * counts as not approved, with its own problem naming the page.
 */
function candidateOf(
  source: PublishSource,
  only: Set<string> | null,
): { pages: PublishCandidatePage[]; documents: Documents; problems: PublishProblem[] } {
  const documents: Documents = new Map();
  const problems: PublishProblem[] = [];
  const parsed = (
    page: { id: string; name: string },
    label: string,
    version: { versionId: string; document: unknown } | null,
  ) => {
    if (!version || (only && !only.has(version.versionId))) return null;
    const doc = PageDocument.safeParse(version.document);
    if (!doc.success) {
      const issue = doc.error.issues[0];
      problems.push({
        reason: 'page_not_approved',
        pageId: page.id,
        message: `Page '${page.name}': the approved version of ${label} is not a valid page document (${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}).`,
      });
      return null;
    }
    documents.set(version.versionId, doc.data);
    return { versionId: version.versionId, document: doc.data };
  };
  const pages = source.pages.map((p) => ({
    id: p.id,
    name: p.name,
    slug: p.slug,
    nextPageId: p.nextPageId,
    approved: parsed(p, 'the page', p.approved),
    variants: p.variants.map((v) => ({
      id: v.id,
      name: v.name,
      weight: v.weight,
      approved: parsed(p, `variant '${v.name}'`, v.approved),
    })),
  }));
  return { pages, documents, problems };
}

function refuse(funnelName: string, problems: PublishProblem[]): never {
  const lines = problems.map((p) => `- ${p.message}${p.pageId ? ` [page ${p.pageId}]` : ''}`);
  throw ApplicationFailure.create({
    type: FUNNEL_PUBLISH_REFUSED,
    nonRetryable: true,
    message: `Funnel '${funnelName}' cannot be published:\n${lines.join('\n')}`,
    details: [problems],
  });
}

/** The base page's share beside its variants (weights are relative; no variants: the page alone). */
export function baseWeight(variantWeights: number[]): number {
  if (variantWeights.length === 0) return 100;
  return Math.max(0, 100 - variantWeights.reduce((a, b) => a + b, 0));
}

export function funnelPublishActivities(deps: ActivityDeps) {
  const { db } = deps;
  let renderer: RenderPublishedPage | null = deps.renderPublishedPage ?? null;
  const render = async (): Promise<RenderPublishedPage> => {
    renderer ??= await loadRenderPublishedPage();
    return renderer;
  };

  async function source(input: Scope): Promise<PublishSource> {
    const found = await loadPublishSource(db, input.orgId, input.funnelId);
    if (!found) throw new NotFoundError(`funnel ${input.funnelId}`);
    return found;
  }

  return {
    /**
     * Checks the publish rules on the funnel as stored now (the API checked them before starting the run; this is
     * the guard against a page unapproved in between). A refusal fails the run, non-retryably, listing each
     * problem with its page; otherwise the versions to render.
     */
    async checkFunnelPublish(input: Scope): Promise<PublishCheckResult> {
      const found = await source(input);
      const { pages, problems } = candidateOf(found, null);
      const check = checkPublishRules({
        status: found.funnel.status,
        entryPageId: found.funnel.entryPageId,
        pages,
      });
      const all = [...problems, ...(check.ok ? [] : check.problems)];
      if (all.length > 0) refuse(found.funnel.name, all);
      const versions: PublishVersion[] = [];
      for (const p of pages) {
        if (p.approved) versions.push({ pageId: p.id, variantId: null, versionId: p.approved.versionId });
        for (const v of p.variants) {
          if (v.approved) versions.push({ pageId: p.id, variantId: v.id, versionId: v.approved.versionId });
        }
      }
      return {
        versions,
        pages: pages.length,
        variants: pages.reduce((n, p) => n + p.variants.length, 0),
      };
    },

    /**
     * Renders every page and variant version the check chose (immutable rows, so what was checked is what is
     * published) and stores the publication with its pages and links in one transaction. Rendering and storing
     * are one activity so the HTML never travels through the workflow's history. Idempotent per run: a retry
     * after a crash finds the stored publication and renders nothing.
     */
    async storeFunnelPublication(
      input: Scope & {
        runId: string;
        publicationId: string;
        createdBy: string | null;
        versions: PublishVersion[];
      },
    ): Promise<{
      publicationId: string;
      number: number;
      created: boolean;
      pages: number;
      htmlBytes: number;
    }> {
      const done = await publicationOfRun(db, input.orgId, input.runId);
      if (done) {
        return { publicationId: done.id, number: done.number, created: false, pages: 0, htmlBytes: 0 };
      }
      const found = await source(input);
      const rows = await loadPageVersions(
        db,
        input.orgId,
        input.funnelId,
        input.versions.map((v) => v.versionId),
      );
      // The candidate of exactly the chosen versions: the links stored are the ones these documents make.
      const chosen = new Set(input.versions.map((v) => v.versionId));
      for (const p of found.pages) {
        const pin = (variantId: string | null) =>
          input.versions.find((v) => v.pageId === p.id && v.variantId === variantId);
        const base = pin(null);
        const baseRow = base ? rows.get(base.versionId) : undefined;
        p.approved = baseRow ? { versionId: baseRow.id, document: baseRow.document } : null;
        for (const v of p.variants) {
          const mine = pin(v.id);
          const row = mine ? rows.get(mine.versionId) : undefined;
          v.approved = row ? { versionId: row.id, document: row.document } : null;
        }
      }
      const { pages, documents, problems } = candidateOf(found, chosen);
      const check = checkPublishRules({
        status: found.funnel.status,
        entryPageId: found.funnel.entryPageId,
        pages,
      });
      if (problems.length > 0 || !check.ok)
        refuse(found.funnel.name, [...problems, ...(check.ok ? [] : check.problems)]);
      const entry = found.pages.find((p) => p.id === found.funnel.entryPageId);
      if (!entry) refuse(found.funnel.name, []);

      const settings = FunnelSettings.parse(found.funnel.settings ?? {});
      const tokensParsed = DesignTokens.safeParse(found.designTokens);
      const tokens = tokensParsed.success ? tokensParsed.data : DEFAULT_DESIGN_TOKENS;
      const slugs = Object.fromEntries(found.pages.map((p) => [p.id, p.slug]));
      const renderPage = await render();
      const out: NewPublicationPage[] = [];
      await withHeartbeat(async () => {
        for (const p of found.pages) {
          const targets = [
            {
              variantId: null as string | null,
              version: p.approved,
              weight: baseWeight(p.variants.map((v) => v.weight)),
              experimentId: null as string | null,
              experimentVariantId: null as string | null,
            },
            ...p.variants.map((v) => ({
              variantId: v.id,
              version: v.approved,
              weight: v.weight,
              experimentId: v.experimentId,
              experimentVariantId: v.experimentVariantId,
            })),
          ];
          for (const t of targets) {
            const document = t.version ? documents.get(t.version.versionId) : undefined;
            if (!t.version || !document) continue;
            const rendered = await renderPage({
              document,
              tokens,
              settings,
              publicationId: input.publicationId,
              pageId: p.id,
              variantId: t.variantId,
              slugs,
              nextPageId: p.nextPageId,
            });
            out.push({
              pageId: p.id,
              variantId: t.variantId,
              pageVersionId: t.version.versionId,
              slug: p.slug,
              title: document.root.props.title,
              description: document.root.props.description || null,
              weight: t.weight,
              experimentId: t.experimentId,
              experimentVariantId: t.experimentVariantId,
              html: rendered.html,
              contentHash: rendered.contentHash,
              htmlBytes: rendered.bytes,
            });
          }
        }
      });
      const stored = await storePublication(db, {
        orgId: input.orgId,
        funnelId: input.funnelId,
        publicationId: input.publicationId,
        workflowRunId: input.runId,
        entryPageId: entry.id,
        entrySlug: entry.slug,
        createdBy: input.createdBy,
        pages: out,
        links: check.links.map((l) => ({ ...l, meta: { ...l.meta } })),
      });
      return {
        publicationId: stored.id,
        number: stored.number,
        created: stored.created,
        pages: out.length,
        htmlBytes: out.reduce((n, p) => n + p.htmlBytes, 0),
      };
    },

    /** Switches the funnel's active publication (and status to published), with an audit row; idempotent. */
    async activateFunnelPublication(
      input: Scope & { runId: string; publicationId: string; actorUserId: string | null },
    ): Promise<{ switched: boolean; previousPublicationId: string | null }> {
      return activateNewPublication(db, {
        orgId: input.orgId,
        funnelId: input.funnelId,
        publicationId: input.publicationId,
        actorUserId: input.actorUserId,
        workflowRunId: input.runId,
      });
    },
  };
}
