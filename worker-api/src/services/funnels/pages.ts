import {
  appendPageVersion,
  deleteFunnelPage,
  funnelPageLinks,
  getClient,
  getFunnelPage,
  insertFunnelPage,
  insertSlugRedirect,
  latestPageVersion,
  listPageVersions,
  lockFunnel,
  lockFunnelPage,
  nextPageOrdering,
  type PageVersionRow,
  pageIsPublished,
  updateFunnel,
  updateFunnelPage,
  usedSlugs,
  writeAudit,
} from '@mos/db';
import { nextPageProblem } from '@mos/funnel-blocks/publish-rules';
import { emptyPageDocument } from '@mos/funnel-blocks/schema';
import { DomainError } from '../../errors';
import { toJson } from '../../lib/json';
import type { PageById, PageCreate, PageRef, PageSave, PageUpdate } from '../../schemas/funnels';
import { resolveDesignTokens } from '../clients/design-tokens';
import type { ServiceCtx } from '../context';
import {
  parseDocument,
  RESERVED_SLUGS,
  requireFunnel,
  requirePage,
  requireVariantOf,
  slugify,
  uniqueSlug,
} from './shared';
import { templateDocument } from './templates';

/** A version without its document (what lists and mutations answer). */
const summary = ({ document: _d, ...rest }: PageVersionRow) => rest;

/** An explicitly typed slug: slugified, refused when nothing is left or it is reserved. */
function typedSlug(raw: string): string {
  const slug = slugify(raw);
  if (!slug) throw DomainError.field(['slug'], 'needs at least one letter or digit');
  if (RESERVED_SLUGS.has(slug))
    throw DomainError.field(['slug'], `"${slug}" is reserved (the page's own paths live under it)`);
  return slug;
}

const NEXT_PAGE_MESSAGES = {
  self: 'cannot be the page itself',
  other_funnel: 'is not a page of this funnel',
  cycle: 'would make the pages lead round in a loop',
} as const;

/**
 * Adds a page: its slug from `slug` or the name, made unique in the funnel (`-2`, `-3`…), its first draft from a
 * template or empty. The funnel's first page becomes its entry page.
 */
export async function createPage({ ctx, input }: { ctx: ServiceCtx; input: PageCreate }) {
  const orgId = ctx.member.orgId;
  await requireFunnel(ctx, input.funnelId);
  let document = emptyPageDocument(input.name);
  if (input.templateId) {
    const fromTemplate = templateDocument(input.templateId, input.name);
    if (fromTemplate === null)
      throw DomainError.field(['templateId'], 'is not a template of the block library');
    document = parseDocument(fromTemplate, ['templateId']);
  }
  const base = input.slug !== undefined ? typedSlug(input.slug) : slugify(input.name);
  return ctx.db.transaction(async (tx) => {
    const funnel = await lockFunnel(tx, orgId, input.funnelId);
    if (!funnel) throw DomainError.notFound('funnel');
    if (input.nextPageId) {
      const next = await getFunnelPage(tx, orgId, input.nextPageId);
      if (!next || next.funnelId !== funnel.id)
        throw DomainError.field(['nextPageId'], NEXT_PAGE_MESSAGES.other_funnel);
    }
    const slug = uniqueSlug(base, await usedSlugs(tx, orgId, funnel.id));
    const page = await insertFunnelPage(tx, orgId, {
      funnelId: funnel.id,
      name: input.name,
      slug,
      nextPageId: input.nextPageId ?? null,
      templateId: input.templateId ?? null,
      ordering: await nextPageOrdering(tx, orgId, funnel.id),
    });
    const draft = await appendPageVersion(tx, orgId, {
      funnelId: funnel.id,
      pageId: page.id,
      variantId: null,
      status: 'draft',
      source: 'human',
      document: {
        ...document,
        root: { props: { ...document.root.props, title: document.root.props.title || input.name } },
      },
      createdBy: ctx.member.userId,
    });
    if (!funnel.entryPageId) await updateFunnel(tx, orgId, funnel.id, { entryPageId: page.id });
    return toJson({ page, draftVersion: draft });
  });
}

/** A page (or one of its variants) for the editor: latest draft and approved versions, history, design tokens. */
export async function getPage({ ctx, input }: { ctx: ServiceCtx; input: PageRef }) {
  const orgId = ctx.member.orgId;
  const page = await requirePage(ctx, input.pageId);
  const variant = input.variantId ? await requireVariantOf(ctx, page.id, input.variantId) : null;
  const funnel = await requireFunnel(ctx, page.funnelId);
  const variantId = variant?.id ?? null;
  const client = await getClient(ctx.db, orgId, funnel.clientId);
  if (!client) throw DomainError.notFound('client');
  const [latestDraft, latestApproved, versions, tokens] = await Promise.all([
    latestPageVersion(ctx.db, orgId, page.id, variantId, 'draft'),
    latestPageVersion(ctx.db, orgId, page.id, variantId, 'approved'),
    listPageVersions(ctx.db, orgId, page.id, variantId, 30),
    resolveDesignTokens(ctx, client),
  ]);
  return toJson({
    funnel: {
      id: funnel.id,
      name: funnel.name,
      publicId: funnel.publicId,
      clientId: funnel.clientId,
      offerId: funnel.offerId,
    },
    page,
    variant,
    latestDraft: latestDraft ?? null,
    latestApproved: latestApproved ?? null,
    /** The newest version is a draft: there are changes to approve. */
    hasUnapprovedChanges: versions[0]?.status === 'draft',
    versions,
    designTokens: tokens.tokens,
    designTokensSource: tokens.source,
  });
}

/** Saves the editor's document as a new draft version of the page or variant (validated by the block library). */
export async function savePage({ ctx, input }: { ctx: ServiceCtx; input: PageSave }) {
  const orgId = ctx.member.orgId;
  const document = parseDocument(input.document);
  return ctx.db.transaction(async (tx) => {
    const page = await lockFunnelPage(tx, orgId, input.pageId);
    if (!page) throw DomainError.notFound('page');
    if (input.variantId) await requireVariantOf({ ...ctx, db: tx }, page.id, input.variantId);
    const version = await appendPageVersion(tx, orgId, {
      funnelId: page.funnelId,
      pageId: page.id,
      variantId: input.variantId ?? null,
      status: 'draft',
      source: 'human',
      document,
      createdBy: ctx.member.userId,
    });
    return toJson(summary(version));
  });
}

/**
 * Renames, reorders, re-slugs (the old slug then answers 301 to the new: a redirect row in the same transaction)
 * and rewires a page's next page (never itself, a page of another funnel or a loop).
 */
export async function updatePage({ ctx, input }: { ctx: ServiceCtx; input: PageUpdate }) {
  const orgId = ctx.member.orgId;
  const slug = input.slug !== undefined ? typedSlug(input.slug) : undefined;
  return ctx.db.transaction(async (tx) => {
    const page = await getFunnelPage(tx, orgId, input.pageId);
    if (!page) throw DomainError.notFound('page');
    // Slug and wiring checks read the funnel's other pages: one editor at a time per funnel.
    await lockFunnel(tx, orgId, page.funnelId);
    const pages = await funnelPageLinks(tx, orgId, page.funnelId);
    if (input.nextPageId !== undefined) {
      const problem = nextPageProblem(pages, page.id, input.nextPageId);
      if (problem) {
        throw new DomainError('VALIDATION', `nextPageId: ${NEXT_PAGE_MESSAGES[problem]}`, {
          issues: [{ path: ['nextPageId'], message: NEXT_PAGE_MESSAGES[problem], reason: problem }],
        });
      }
    }
    if (slug !== undefined && slug !== page.slug) {
      if (pages.some((p) => p.id !== page.id && p.slug === slug)) {
        throw DomainError.field(['slug'], `"${slug}" is the slug of another page of this funnel`);
      }
    }
    const patch: Parameters<typeof updateFunnelPage>[3] = {};
    if (input.name !== undefined) patch.name = input.name;
    if (input.ordering !== undefined) patch.ordering = input.ordering;
    if (input.nextPageId !== undefined) patch.nextPageId = input.nextPageId;
    if (slug !== undefined && slug !== page.slug) patch.slug = slug;
    const row = Object.keys(patch).length > 0 ? await updateFunnelPage(tx, orgId, page.id, patch) : page;
    if (!row) throw DomainError.notFound('page');
    if (patch.slug) {
      await insertSlugRedirect(tx, orgId, {
        funnelId: page.funnelId,
        pageId: page.id,
        fromSlug: page.slug,
        toSlug: patch.slug,
      });
    }
    return toJson(row);
  });
}

/** Deletes a page that is neither the entry page nor part of a publication (publications never change). */
export async function deletePage({ ctx, input }: { ctx: ServiceCtx; input: PageById }) {
  const orgId = ctx.member.orgId;
  return ctx.db.transaction(async (tx) => {
    const page = await getFunnelPage(tx, orgId, input.pageId);
    if (!page) throw DomainError.notFound('page');
    const funnel = await lockFunnel(tx, orgId, page.funnelId);
    if (!funnel) throw DomainError.notFound('funnel');
    if (funnel.entryPageId === page.id) {
      throw new DomainError('CONFLICT', 'pageId: this is the entry page; choose another entry page first', {
        issues: [{ path: ['pageId'], message: 'is the entry page', reason: 'entry_page' }],
      });
    }
    if (await pageIsPublished(tx, orgId, page.id)) {
      throw new DomainError('CONFLICT', 'pageId: the page is part of a publication, which never changes', {
        issues: [{ path: ['pageId'], message: 'is part of a publication', reason: 'published' }],
      });
    }
    await deleteFunnelPage(tx, orgId, page.id);
    await writeAudit(tx, {
      orgId,
      actorUserId: ctx.member.userId,
      action: 'funnel_page.delete',
      targetType: 'funnel_page',
      targetId: page.id,
      data: { funnelId: page.funnelId, slug: page.slug, name: page.name },
    });
    return { id: page.id, deleted: true as const };
  });
}

/**
 * Approves the latest draft of a page or variant: a new `approved` version copying it. CONFLICT when there is no
 * draft, or the newest version is already an approved one (nothing new to approve).
 */
export async function approvePage({ ctx, input }: { ctx: ServiceCtx; input: PageRef }) {
  const orgId = ctx.member.orgId;
  return ctx.db.transaction(async (tx) => {
    const page = await lockFunnelPage(tx, orgId, input.pageId);
    if (!page) throw DomainError.notFound('page');
    const variantId = input.variantId ?? null;
    if (variantId) await requireVariantOf({ ...ctx, db: tx }, page.id, variantId);
    const latest = await latestPageVersion(tx, orgId, page.id, variantId);
    if (!latest) {
      throw new DomainError('CONFLICT', 'pageId: there is no draft to approve', {
        issues: [{ path: [variantId ? 'variantId' : 'pageId'], message: 'has no draft', reason: 'no_draft' }],
      });
    }
    if (latest.status === 'approved') {
      throw new DomainError('CONFLICT', 'pageId: the latest draft is already approved', {
        issues: [
          {
            path: [variantId ? 'variantId' : 'pageId'],
            message: 'is already approved',
            reason: 'already_approved',
          },
        ],
      });
    }
    const approved = await appendPageVersion(tx, orgId, {
      funnelId: page.funnelId,
      pageId: page.id,
      variantId,
      status: 'approved',
      source: latest.source,
      document: latest.document,
      aiMetadata: latest.aiMetadata,
      createdBy: ctx.member.userId,
    });
    await writeAudit(tx, {
      orgId,
      actorUserId: ctx.member.userId,
      action: 'funnel_page.approve',
      targetType: 'funnel_page_version',
      targetId: approved.id,
      data: { pageId: page.id, variantId, draftVersionId: latest.id },
    });
    return toJson(summary(approved));
  });
}
