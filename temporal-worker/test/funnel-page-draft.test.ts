import {
  funnelPageVersions,
  getWorkflowRun,
  insertArtifactVersion,
  insertOffer,
  replacePricePoints,
} from '@mos/db';
import { artifactExamples } from '@mos/db/artifacts';
import { type FunnelPageDraftInput, QUERY_STATUS, type WorkflowStatusSnapshot } from '@mos/db/contracts';
import { PageDocument } from '@mos/funnel-blocks/schema';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { entryConversionRule, oneHeroRule } from '../src/activities/funnels/page-draft';
import {
  type FunnelTenant,
  funnelTenant,
  heroLeadPage,
  startRun,
  type TestFunnel,
  twoPageFunnel,
} from './support/funnels';
import { recordHistory } from './support/histories';
import { stackPerFile } from './support/stack-per-file';

const stack = stackPerFile({ api: false });

/** A tenant with an approved canon, an offer with two price points and a two-page funnel. */
async function setup() {
  const t = await funnelTenant(stack.db);
  const canon = { ...structuredClone(artifactExamples.client_canon), clientId: t.clientId };
  if (canon.research) canon.research.sourceArtifactIds = [];
  await insertArtifactVersion(stack.db, {
    orgId: t.orgId,
    clientId: t.clientId,
    campaignId: null,
    type: 'client_canon',
    data: canon,
    source: 'import',
    status: 'approved',
  });
  const offer = await insertOffer(stack.db, t.orgId, {
    clientId: t.clientId,
    name: 'Barrier Reset Serum',
    description: 'Fragrance-free serum with ceramides and niacinamide.',
    businessModel: 'one-off or subscribe & save',
    differentiationBullets: ['Made by a cosmetic chemist'],
    guaranteeText: '60-day guarantee',
  });
  await replacePricePoints(stack.db, t.orgId, offer.id, [
    { label: 'One bottle', amountCents: 3800, currency: 'USD' },
    { label: 'Subscribe & save', amountCents: 3040, currency: 'USD' },
  ]);
  const f = await twoPageFunnel(stack.db, t);
  return { t, f, offerId: offer.id };
}

/** Starts a draft of `f`'s entry page with no offer, experiment or instructions unless `input` says otherwise. */
function start(
  t: FunnelTenant,
  f: TestFunnel,
  input: Partial<
    Omit<FunnelPageDraftInput, 'runId' | 'orgId' | 'clientId' | 'campaignId' | 'startedBy'>
  > = {},
) {
  return startRun<FunnelPageDraftInput>(
    stack,
    t,
    'funnel_page_draft',
    `funnel-page-draft-${crypto.randomUUID()}`,
    {
      orgId: t.orgId,
      clientId: t.clientId,
      campaignId: null,
      startedBy: t.userId,
      funnelId: f.funnelId,
      pageId: f.entryPageId,
      variantId: null,
      offerId: null,
      experimentId: null,
      experimentVariantId: null,
      instructions: null,
      ...input,
    },
  );
}

async function versionsOf(runId: string) {
  return stack.db.select().from(funnelPageVersions).where(eq(funnelPageVersions.workflowRunId, runId));
}

/** A Hero block as the model answers it (every prop present, no image or call to action). */
const modelHero = (headline: string) => ({
  type: 'Hero',
  props: {
    eyebrow: '',
    headline,
    subheadline: '',
    image: null,
    ctaLabel: '',
    ctaTarget: null,
    align: 'left',
  },
});

describe('FunnelPageDraft', () => {
  it('drafts the entry page through the LLM step and saves it as a source=ai draft version', async () => {
    const { t, f, offerId } = await setup();
    const before = stack.llm.requests.length;
    const { runId, handle } = await start(t, f, { offerId, instructions: 'Lead with the 14-day promise.' });
    const result = (await handle.result()) as { versionId: string; created: boolean; blocks: number };
    await stack.waitForRunStatus(t.orgId, runId, 'completed');
    expect(result.created).toBe(true);

    const [version] = await versionsOf(runId);
    expect(version).toMatchObject({
      id: result.versionId,
      funnelId: f.funnelId,
      pageId: f.entryPageId,
      variantId: null,
      status: 'draft',
      source: 'ai',
      aiMetadata: {
        model: 'gpt-5.2',
        promptId: 'funnels/page_draft',
        promptVersion: 1,
        runId,
        role: 'entry',
        offerId,
      },
    });
    const doc = PageDocument.parse(version?.document);
    expect(doc.content.map((b) => b.props.id)).toEqual([
      'hero-1',
      'richtext-1',
      'testimonials-1',
      'faq-1',
      'leadform-1',
    ]);
    expect(doc.content.find((b) => b.type === 'LeadForm')?.props).toMatchObject({
      successTarget: { kind: 'next' },
    });
    expect(doc.root.props).toMatchObject({
      title: 'Calm, comfortable skin in 14 days',
      ogImage: null,
      favicon: null,
    });

    const request = stack.llm.requests.slice(before).find((r) => r.schemaName === 'FunnelPageDraft');
    if (!request) throw new Error('no FunnelPageDraft request');
    expect(request.status).toBe(200);
    // What the model is given: the canon, the offer's price points, the role, the operator's words, the page ids.
    expect(request.text).toContain('Page role: entry page');
    expect(request.text).toContain('"amountMinor": 3040');
    expect(request.text).toContain('Lead with the 14-day promise.');
    expect(request.text).toContain(entryConversionRule.statement);
    const schema = JSON.stringify(request.jsonSchema);
    expect(schema).toContain(f.thankYouPageId);
    expect(schema).not.toContain('"mediaId"');
    await recordHistory(handle, 'funnel-page-draft');
  }, 60_000);

  it('feeds rule breaks back to the model (two heroes, no form on an entry page) and keeps the corrected draft', async () => {
    const { t, f } = await setup();
    let calls = 0;
    const bad = {
      title: 'Two heroes',
      description: '',
      blocks: [modelHero('One'), modelHero('Two')],
    };
    stack.llm.setFixture('FunnelPageDraft', () => {
      calls += 1;
      return calls === 1
        ? bad
        : {
            ...bad,
            title: 'One hero',
            blocks: [
              bad.blocks[0],
              {
                type: 'Button',
                props: {
                  label: 'Continue',
                  target: { kind: 'page', pageId: f.thankYouPageId },
                  variant: 'primary',
                },
              },
            ],
          };
    });
    const before = stack.llm.requests.length;
    try {
      const { runId, handle } = await start(t, f);
      await handle.result();
      await stack.waitForRunStatus(t.orgId, runId, 'completed');
      const requests = stack.llm.requests.slice(before).filter((r) => r.schemaName === 'FunnelPageDraft');
      expect(requests).toHaveLength(2);
      expect(requests[1]?.text).toContain(oneHeroRule.statement);
      expect(requests[1]?.text).toContain(entryConversionRule.statement);
      const [version] = await versionsOf(runId);
      const doc = PageDocument.parse(version?.document);
      expect(doc.content.map((b) => b.type)).toEqual(['Hero', 'Button']);
      expect(doc.content[1]?.props).toMatchObject({ target: { kind: 'page', pageId: f.thankYouPageId } });
    } finally {
      stack.llm.setFixture('FunnelPageDraft', undefined);
    }
  }, 60_000);

  it('waits at step_failed when the answers stay invalid; an edit is validated as a page document and saved', async () => {
    const { t, f } = await setup();
    stack.llm.setFixture('FunnelPageDraft', {
      title: 'No way to convert',
      description: '',
      blocks: [{ type: 'RichText', props: { text: 'Just words.' } }],
    });
    try {
      const { runId, handle } = await start(t, f);
      const waiting = await stack.waitForStatus(t.orgId, runId, (s) => s.waitingFor === 'step_failed', {
        timeoutMs: 30_000,
      });
      expect(waiting.stepFailure).toMatchObject({
        step: 'draft_page',
        artifactType: null,
        documentType: 'funnel_page',
        kind: 'invalid_output',
      });
      expect(waiting.stepFailure?.problems.join('\n')).toContain(entryConversionRule.statement);
      expect(await versionsOf(runId)).toEqual([]);
      expect((await getWorkflowRun(stack.db, t.orgId, runId))?.status).toBe('waiting_for_approval');

      // An edit that is not a page document is refused, and the run keeps waiting.
      const send = (edited: unknown, draftKey: string) =>
        handle.signal('review', {
          gate: 'step_failed',
          decision: 'edit',
          draftKey,
          edited,
          feedback: null,
          approvedIds: [],
          rejectedIds: [],
          approvalId: crypto.randomUUID(),
        });
      await send({ root: { props: { title: '' } }, content: [] }, waiting.draftKey ?? '');
      const refused = await stack.waitForStatus(
        t.orgId,
        runId,
        (s) => s.waitingFor === 'step_failed' && (s.lastError ?? '').startsWith('edit refused'),
      );
      expect(refused.lastError).toContain('root.props.title');

      await send(heroLeadPage('Hand-written', 'Written by a person'), refused.draftKey ?? '');
      const result = (await handle.result()) as { versionId: string };
      const [version] = await versionsOf(runId);
      expect(version).toMatchObject({
        id: result.versionId,
        source: 'human',
        status: 'draft',
        pageId: f.entryPageId,
      });
      expect(PageDocument.parse(version?.document).root.props.title).toBe('Hand-written');
      await recordHistory(handle, 'funnel-page-draft-edited');
    } finally {
      stack.llm.setFixture('FunnelPageDraft', undefined);
    }
  }, 90_000);

  it('with arbitrary schema-valid answers, yields a valid draft or waits at step_failed — never fails', async () => {
    for (const seed of [3, 11, 29]) {
      const { t, f, offerId } = await setup();
      stack.llm.setMode({ kind: 'schema', seed });
      const before = stack.llm.requests.length;
      try {
        const { runId, handle } = await start(t, f, { pageId: f.thankYouPageId, offerId });
        const outcome = await stack.waitFor(
          async () => {
            const run = await getWorkflowRun(stack.db, t.orgId, runId);
            if (run?.status === 'failed') return 'failed';
            if (run?.status === 'completed') return 'completed';
            const s = await handle.query<WorkflowStatusSnapshot>(QUERY_STATUS).catch(() => null);
            return s?.waitingFor === 'step_failed' ? 'step_failed' : null;
          },
          { timeoutMs: 45_000, what: `run ${runId} to finish or wait (seed ${seed})` },
        );
        expect(outcome).not.toBe('failed');
        const answered = stack.llm.requests.slice(before).filter((r) => r.schemaName === 'FunnelPageDraft');
        expect(answered.length).toBeGreaterThan(0);
        expect(answered.every((r) => r.outcome === 'schema-driven')).toBe(true);
        const versions = await versionsOf(runId);
        if (outcome === 'completed') {
          expect(versions).toHaveLength(1);
          expect(PageDocument.safeParse(versions[0]?.document).success).toBe(true);
        } else {
          expect(versions).toEqual([]);
          await handle.signal('stop');
          await stack.waitForRunStatus(t.orgId, runId, 'cancelled');
        }
      } finally {
        stack.llm.setMode({ kind: 'fixtures' });
      }
    }
  }, 180_000);

  it('saves one version per run and page: the unique index holds', async () => {
    const { t, f } = await setup();
    const { runId, handle } = await start(t, f, { pageId: f.thankYouPageId });
    await handle.result();
    await expect(
      stack.db.insert(funnelPageVersions).values({
        orgId: t.orgId,
        funnelId: f.funnelId,
        pageId: f.thankYouPageId,
        status: 'draft',
        source: 'ai',
        document: heroLeadPage('x', 'y'),
        workflowRunId: runId,
      }),
    ).rejects.toThrow();
    const rows = await stack.db
      .select()
      .from(funnelPageVersions)
      .where(
        and(eq(funnelPageVersions.workflowRunId, runId), eq(funnelPageVersions.pageId, f.thankYouPageId)),
      );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.aiMetadata).toMatchObject({ role: 'thank_you' });
  }, 60_000);
});
