import {
  type Db,
  funnelOfPage,
  getApprovalDecider,
  getOffer,
  insertRunPageVersion,
  loadPageDraftContext,
  type PageDraftContext,
  pageVersionOfRun,
} from '@mos/db';
import { defineRule } from '@mos/db/artifacts';
import { type FunnelPageDraftInput, STEP_FAILED_FAILURE_TYPE } from '@mos/db/contracts';
import {
  ButtonProps,
  CountdownProps,
  FaqProps,
  FooterProps,
  HeroProps,
  LeadFormProps,
  OfferPricingProps,
  PageDocument,
  RichTextProps,
  TestimonialsProps,
  VideoEmbedProps,
} from '@mos/funnel-blocks/schema';
import { ApplicationFailure } from '@temporalio/common';
import { z } from 'zod';
import type { Completion, SchemaIssue } from '../../llm/types';
import { type ActivityDeps, NotFoundError } from '../deps';
import { approvedDoc, loadCanonFor } from '../shared/documents';
import { generateStep, stepFailureOf } from '../shared/llm-step';
import { json, renderFrom, truncate } from '../shared/prompts';

/** The step name at the gate and on llm_calls. */
export const PAGE_DRAFT_STEP = 'draft_page';
const PROMPT = 'funnels/page_draft';

export const entryConversionRule = defineRule({
  id: 'funnel_page.entry-conversion',
  statement:
    "An entry page has a lead form or a call to action (a button, a hero call to action or an offer's call to action).",
  prompts: [PROMPT],
});
export const oneHeroRule = defineRule({
  id: 'funnel_page.one-hero',
  statement: "A page has at most one Hero block: it holds the page's only H1.",
  prompts: [PROMPT],
});
export const offerPricesRule = defineRule({
  id: 'funnel_page.offer-prices',
  statement:
    "An offer block shows exactly the chosen offer's price points (label, amount in minor units, currency), and there is no offer block when no offer is given.",
  prompts: [PROMPT],
});

/** Where a link of the draft may lead: the funnel's pages by id (an enum in the schema sent), a URL, the next page. */
function linkTarget(pageIds: readonly [string, ...string[]]) {
  return z.union([
    z.object({ kind: z.literal('page'), pageId: z.enum(pageIds) }),
    z.object({ kind: z.literal('url'), url: z.string().max(2000) }),
    z.object({ kind: z.literal('next') }),
  ]);
}

/**
 * The model-output schema of a page draft, derived from the block library's `PageDocument`: the blocks without
 * the ids code fills, images left out (null: images are not invented, so the Image block is not offered), the
 * offer id filled by code, internal links as an enum of the funnel's page ids.
 */
export function pageDraftOutput(pageIds: readonly [string, ...string[]]) {
  const target = linkTarget(pageIds);
  const block = z.union([
    z.object({
      type: z.literal('Hero'),
      props: HeroProps.omit({ id: true, image: true, ctaTarget: true }).extend({
        image: z.null(),
        ctaTarget: target.nullable(),
      }),
    }),
    z.object({ type: z.literal('RichText'), props: RichTextProps.omit({ id: true }) }),
    z.object({ type: z.literal('VideoEmbed'), props: VideoEmbedProps.omit({ id: true }) }),
    z.object({
      type: z.literal('Button'),
      props: ButtonProps.omit({ id: true, target: true }).extend({ target }),
    }),
    z.object({
      type: z.literal('LeadForm'),
      props: LeadFormProps.omit({ id: true, successTarget: true }).extend({
        successTarget: target.nullable(),
      }),
    }),
    z.object({
      type: z.literal('OfferPricing'),
      props: OfferPricingProps.omit({ id: true, offerId: true, ctaTarget: true }).extend({
        ctaTarget: target,
      }),
    }),
    z.object({ type: z.literal('Testimonials'), props: TestimonialsProps.omit({ id: true }) }),
    z.object({ type: z.literal('Faq'), props: FaqProps.omit({ id: true }) }),
    z.object({ type: z.literal('Countdown'), props: CountdownProps.omit({ id: true }) }),
    z.object({ type: z.literal('Footer'), props: FooterProps.omit({ id: true }) }),
  ]);
  return z.object({
    title: z.string().max(120),
    description: z.string().max(300),
    blocks: z.array(block).min(1).max(40),
  });
}
export type PageDraftAnswer = z.infer<ReturnType<typeof pageDraftOutput>>;

export type PageRole = 'entry' | 'thank_you' | 'step';

export interface DraftRules {
  role: PageRole;
  offer: { id: string; pricePoints: { label: string; amountMinor: number; currency: string }[] } | null;
}

/** The stored document of an answer: ids by code (`hero-1`, `leadform-1`…), no images, the offer's id. */
export function documentOfAnswer(answer: PageDraftAnswer, offerId: string | null): unknown {
  const seen = new Map<string, number>();
  const content = answer.blocks.map((b) => {
    const n = (seen.get(b.type) ?? 0) + 1;
    seen.set(b.type, n);
    const id = `${b.type.toLowerCase()}-${n}`;
    if (b.type === 'OfferPricing') return { type: b.type, props: { ...b.props, id, offerId } };
    return { type: b.type, props: { ...b.props, id } };
  });
  return {
    root: { props: { title: answer.title, description: answer.description, ogImage: null, favicon: null } },
    content,
    zones: {},
  };
}

/** The rules JSON Schema cannot say, checked on the document (fed back to the model like schema errors). */
export function pageRuleIssues(doc: PageDocument, rules: DraftRules): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  const blocks = doc.content;
  if (rules.role === 'entry') {
    const converts = blocks.some(
      (b) =>
        b.type === 'LeadForm' ||
        b.type === 'Button' ||
        b.type === 'OfferPricing' ||
        (b.type === 'Hero' && b.props.ctaTarget !== null && b.props.ctaLabel.trim() !== ''),
    );
    if (!converts) issues.push({ path: 'blocks', message: `Rule: ${entryConversionRule.statement}` });
  }
  const heroes = blocks.flatMap((b, i) => (b.type === 'Hero' ? [i] : []));
  for (const i of heroes.slice(1))
    issues.push({ path: `blocks.${i}`, message: `Rule: ${oneHeroRule.statement}` });
  blocks.forEach((b, i) => {
    if (b.type !== 'OfferPricing') return;
    if (!rules.offer) {
      issues.push({ path: `blocks.${i}`, message: `no offer is given. Rule: ${offerPricesRule.statement}` });
      return;
    }
    const key = (p: { label: string; amountMinor: number; currency: string }) =>
      `${p.label.trim()}|${p.amountMinor}|${p.currency}`;
    const want = rules.offer.pricePoints.map(key).sort();
    const got = b.props.pricePoints.map(key).sort();
    if (want.join('\n') !== got.join('\n')) {
      issues.push({
        path: `blocks.${i}.props.pricePoints`,
        message: `expected exactly ${want.join('; ')}. Rule: ${offerPricesRule.statement}`,
      });
    }
  });
  return issues;
}

/** The completion of an answer: the PageDocument it makes, or its schema and rule issues (paths as the model wrote). */
export function completeDraft(answer: PageDraftAnswer, rules: DraftRules): Completion<PageDocument> {
  const parsed = PageDocument.safeParse(documentOfAnswer(answer, rules.offer?.id ?? null));
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => {
        const path = i.path.map(String);
        // content.N.props… is blocks.N.props… in the answer; root.props.title is title.
        const mapped =
          path[0] === 'content' ? ['blocks', ...path.slice(1)] : path[0] === 'root' ? path.slice(2) : path;
        return { path: mapped.join('.') || '(root)', message: i.message };
      }),
    };
  }
  const issues = pageRuleIssues(parsed.data, rules);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, data: parsed.data };
}

function roleOf(ctx: PageDraftContext): PageRole {
  const entry = ctx.funnel.entryPageId ?? ctx.pages[0]?.id ?? null;
  if (ctx.page.id === entry) return 'entry';
  return ctx.page.nextPageId === null ? 'thank_you' : 'step';
}

const ROLE_TEXT: Record<PageRole, string> = {
  entry: 'entry page (the first page a visitor from the ad sees; it captures the lead or sends them on)',
  thank_you: 'thank-you page (after the lead form: confirm, set expectations, offer the next step)',
  step: 'middle step (between the entry page and the thank-you page)',
};

/** The run's input without who started it, plus a reviewer's feedback on the last draft. */
export type PageDraftInput = Omit<FunnelPageDraftInput, 'campaignId' | 'startedBy'> & {
  feedback: string | null;
};

export function pageDraftActivities(deps: ActivityDeps) {
  const { db, llm } = deps;

  async function draft(
    input: PageDraftInput,
  ): Promise<{ versionId: string; created: boolean; blocks: number }> {
    // A retry after a crash, or the step run again after a person's edit at step_failed: the run's version stands.
    const done = await pageVersionOfRun(db, input.orgId, input.runId, input.pageId);
    if (done) return { versionId: done.id, created: false, blocks: 0 };
    const ctx = await loadPageDraftContext(db, input.orgId, input.funnelId, input.pageId, input.variantId);
    if (!ctx) throw new NotFoundError(`page ${input.pageId} of funnel ${input.funnelId}`);
    const canon = await loadCanonFor(db, {
      orgId: input.orgId,
      clientId: ctx.funnel.clientId,
      canonArtifactId: null,
    });
    const offerId = input.offerId ?? ctx.funnel.offerId;
    const offer = offerId ? await getOffer(db, input.orgId, offerId) : undefined;
    if (offerId && !offer) throw new NotFoundError(`offer ${offerId}`);
    const arm = await experimentArm(input, ctx);
    const rules: DraftRules = {
      role: roleOf(ctx),
      offer: offer
        ? {
            id: offer.id,
            pricePoints: offer.pricePoints.map((p) => ({
              label: p.label,
              amountMinor: p.amountCents,
              currency: p.currency,
            })),
          }
        : null,
    };
    const c = canon?.data;
    const prompt = renderFrom('funnels/page_draft', {
      CLIENT_ID: ctx.funnel.clientId,
      FUNNEL_NAME: ctx.funnel.name,
      PAGE_NAME: ctx.variant ? `${ctx.page.name} — variant '${ctx.variant.name}'` : ctx.page.name,
      PAGE_ROLE: ROLE_TEXT[rules.role],
      PAGE_IDS_JSON: json(
        ctx.pages.map((p) => ({
          pageId: p.id,
          name: p.name,
          slug: p.slug,
          isThisPage: p.id === ctx.page.id,
          isNextPage: p.id === ctx.page.nextPageId,
        })),
      ),
      CANON_JSON: c
        ? truncate(
            json({
              brand: { story: c.brand.story, values: c.brand.values, toneOfVoice: c.brand.toneOfVoice },
              offers: c.offers,
              voiceOfCustomer: c.voiceOfCustomer,
              proof: c.proof,
              claims: c.claims,
              constraints: c.constraints,
            }),
            40_000,
          )
        : 'null (no canon yet: write from the offer and the instructions only)',
      OFFER_JSON: offer
        ? json({
            name: offer.name,
            description: offer.description,
            differentiation: offer.differentiationBullets,
            guarantee: offer.guaranteeText,
            pricePoints: rules.offer?.pricePoints ?? [],
          })
        : 'null',
      EXPERIMENT_ARM_JSON: arm ? json(arm) : 'null',
      INSTRUCTIONS: input.instructions,
      FEEDBACK: input.feedback,
    });
    const pageIds = ctx.pages.map((p) => p.id) as [string, ...string[]];
    const { data, result } = await generateStep(llm, {
      orgId: input.orgId,
      runId: input.runId,
      step: PAGE_DRAFT_STEP,
      schemaName: 'FunnelPageDraft',
      output: pageDraftOutput(pageIds),
      prompt,
      feedback: input.feedback,
      complete: (answer) => completeDraft(answer, rules),
    });
    const saved = await insertRunPageVersion(db, {
      orgId: input.orgId,
      funnelId: input.funnelId,
      pageId: input.pageId,
      variantId: input.variantId,
      source: 'ai',
      document: data,
      aiMetadata: {
        model: result.model,
        promptId: prompt.id,
        promptVersion: prompt.version,
        promptSha256: result.promptSha256,
        runId: input.runId,
        attempts: result.attempts,
        role: rules.role,
        offerId: rules.offer?.id ?? null,
        experimentId: arm?.experimentId ?? null,
        experimentVariantId: arm?.variantId ?? null,
      },
      workflowRunId: input.runId,
      createdBy: null,
    });
    return { versionId: saved.id, created: saved.created, blocks: data.content.length };
  }

  /** The test arm the page is drafted for: the approved spec's tested variable, this arm and what stays constant. */
  async function experimentArm(input: PageDraftInput, ctx: PageDraftContext) {
    const experimentId = input.experimentId ?? ctx.variant?.experimentId ?? null;
    const variantId = input.experimentVariantId ?? ctx.variant?.experimentVariantId ?? null;
    if (!experimentId || !variantId || !ctx.funnel.campaignId) return null;
    const specs = await approvedDoc(db, input.orgId, {
      clientId: ctx.funnel.clientId,
      campaignId: ctx.funnel.campaignId,
      type: 'experiment_spec',
    });
    const spec = specs?.data.experimentSpecs.find((e) => e.id === experimentId);
    const variant = spec?.variants.find((v) => v.id === variantId);
    if (!spec || !variant)
      return { experimentId, variantId, note: 'the approved experiment specs do not list this arm' };
    return {
      experimentId,
      variantId,
      hypothesis: spec.hypothesis,
      testedVariable: spec.testedVariable,
      thisArm: { name: variant.name, description: variant.description, guardrails: variant.guardrails },
      isControl: spec.controlVariantId === variant.id,
      constants: spec.constants,
    };
  }

  return {
    /**
     * Drafts the page (or variant) through the one LLM-step pipeline and saves it as a `source=ai` draft version,
     * once per run. A failure only a person can get past leaves as `StepFailed` with `documentType: funnel_page`,
     * so an edit at the gate is validated as a page document.
     */
    async draftFunnelPage(input: PageDraftInput) {
      try {
        return await draft(input);
      } catch (err) {
        const failure = stepFailureOf(err, { step: PAGE_DRAFT_STEP, artifactType: null, at: deps.clock() });
        if (!failure) throw err;
        throw ApplicationFailure.create({
          type: STEP_FAILED_FAILURE_TYPE,
          nonRetryable: true,
          message: `${failure.step}: ${failure.problems[0] ?? 'the step failed'}`,
          details: [{ ...failure, documentType: 'funnel_page' }],
          cause: err instanceof Error ? err : undefined,
        });
      }
    },
  };
}

/** The key the page draft step saves under: `funnel_page:<pageId>:<variantId or empty>`. */
export const pageDraftStepKey = (pageId: string, variantId: string | null) =>
  `funnel_page:${pageId}:${variantId ?? ''}`;

/**
 * A person's page document at the `step_failed` gate of a page draft: validated by `PageDocument` and saved as the
 * run's `source=human` draft version of the page (the step, run again, finds it). A refusal names the paths.
 */
export async function savePageDraftEdit(
  db: Db,
  input: { orgId: string; runId: string; stepKey: string; edited: unknown; approvalId: string },
): Promise<{ ok: true; artifactId: string } | { ok: false; reason: string }> {
  const [, pageId, variantPart] = input.stepKey.split(':');
  if (!pageId) return { ok: false, reason: `step key ${input.stepKey} names no page` };
  const funnelId = await funnelOfPage(db, input.orgId, pageId);
  if (!funnelId) return { ok: false, reason: `page ${pageId} not found` };
  const parsed = PageDocument.safeParse(input.edited);
  if (!parsed.success) {
    return {
      ok: false,
      reason: parsed.error.issues
        .slice(0, 8)
        .map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`)
        .join('; '),
    };
  }
  const saved = await insertRunPageVersion(db, {
    orgId: input.orgId,
    funnelId,
    pageId,
    variantId: variantPart ? variantPart : null,
    source: 'human',
    document: parsed.data,
    aiMetadata: null,
    workflowRunId: input.runId,
    createdBy: await getApprovalDecider(db, input.orgId, input.approvalId),
  });
  return { ok: true, artifactId: saved.id };
}
