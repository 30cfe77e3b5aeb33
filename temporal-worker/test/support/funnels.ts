/** Funnel fixtures for the worker's funnel workflow tests: a tenant, a funnel with approved pages, a run row. */
import {
  clients,
  createWorkflowRun,
  type Db,
  funnelPages,
  funnelPageVariants,
  funnelPageVersions,
  funnels,
  orgs,
  users,
} from '@mos/db';
import { type RunInput, WORKFLOW_TYPE_NAMES, type WorkflowKind } from '@mos/db/contracts';
import type { PageDocument } from '@mos/funnel-blocks/schema';
import type { WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { eq } from 'drizzle-orm';
import type { Stack } from './stack';

export interface FunnelTenant {
  orgId: string;
  userId: string;
  clientId: string;
}

/** An org, an operator and a client, with random ids (every test owns its tenant). */
export async function funnelTenant(db: Db, designTokens: unknown = null): Promise<FunnelTenant> {
  const tag = crypto.randomUUID().slice(0, 8);
  const [org] = await db
    .insert(orgs)
    .values({ name: `Funnel Agency ${tag}`, externalId: `org_fn_${tag}` })
    .returning();
  if (!org) throw new Error('org insert returned nothing');
  const [user] = await db
    .insert(users)
    .values({ orgId: org.id, clerkUserId: `user_${tag}`, email: `op-${tag}@agency.test`, role: 'operator' })
    .returning();
  const [client] = await db
    .insert(clients)
    .values({ orgId: org.id, name: `Lumen & Moss ${tag}`, industry: 'DTC skincare', designTokens })
    .returning();
  if (!user || !client) throw new Error('tenant insert returned nothing');
  return { orgId: org.id, userId: user.id, clientId: client.id };
}

export const heroLeadPage = (title: string, headline: string): PageDocument => ({
  root: { props: { title, description: `${title} description`, ogImage: null, favicon: null } },
  content: [
    {
      type: 'Hero',
      props: {
        id: 'hero-1',
        eyebrow: 'New',
        headline,
        subheadline: 'Fragrance-free care for reactive skin.',
        image: null,
        ctaLabel: '',
        ctaTarget: null,
        align: 'center',
      },
    },
    {
      type: 'LeadForm',
      props: {
        id: 'form-1',
        heading: 'Get the guide',
        fields: [{ name: 'email', label: 'Email', type: 'email', required: true }],
        submitLabel: 'Send it to me',
        consentText: '',
        consentRequired: false,
        successTarget: { kind: 'next' },
      },
    },
  ],
  zones: {},
});

export const thankYouPage = (): PageDocument => ({
  root: { props: { title: 'Thank you', description: '', ogImage: null, favicon: null } },
  content: [{ type: 'RichText', props: { id: 'text-1', text: 'Thanks! **Check your inbox.**' } }],
  zones: {},
});

export interface TestFunnel {
  funnelId: string;
  entryPageId: string;
  thankYouPageId: string;
  variantId: string | null;
  versionIds: Record<string, string>;
}

/** A two-page funnel (hero + lead form → thank-you), both approved; optionally a variant of the entry page. */
export async function twoPageFunnel(
  db: Db,
  t: FunnelTenant,
  opts: { variant?: boolean; settings?: Record<string, unknown> } = {},
): Promise<TestFunnel> {
  const [funnel] = await db
    .insert(funnels)
    .values({ orgId: t.orgId, clientId: t.clientId, name: 'Barrier guide', settings: opts.settings ?? {} })
    .returning();
  if (!funnel) throw new Error('funnel insert returned nothing');
  const [thanks] = await db
    .insert(funnelPages)
    .values({ orgId: t.orgId, funnelId: funnel.id, name: 'Thank you', slug: 'thank-you', ordering: 1 })
    .returning();
  if (!thanks) throw new Error('page insert returned nothing');
  const [entry] = await db
    .insert(funnelPages)
    .values({
      orgId: t.orgId,
      funnelId: funnel.id,
      name: 'Guide',
      slug: 'guide',
      ordering: 0,
      nextPageId: thanks.id,
    })
    .returning();
  if (!entry) throw new Error('page insert returned nothing');
  await db.update(funnels).set({ entryPageId: entry.id }).where(eqId(funnel.id));
  const versionIds: Record<string, string> = {};
  const approve = async (pageId: string, variantId: string | null, document: PageDocument, key: string) => {
    for (const status of ['draft', 'approved'] as const) {
      const [row] = await db
        .insert(funnelPageVersions)
        .values({
          orgId: t.orgId,
          funnelId: funnel.id,
          pageId,
          variantId,
          status,
          source: 'human',
          document,
          createdBy: t.userId,
        })
        .returning();
      if (row && status === 'approved') versionIds[key] = row.id;
    }
  };
  await approve(entry.id, null, heroLeadPage('Barrier guide', 'Calm skin in 14 days'), 'entry');
  await approve(thanks.id, null, thankYouPage(), 'thanks');
  let variantId: string | null = null;
  if (opts.variant) {
    const [variant] = await db
      .insert(funnelPageVariants)
      .values({
        orgId: t.orgId,
        funnelId: funnel.id,
        pageId: entry.id,
        name: 'Ingredient angle',
        experimentId: 'exp-hook',
        experimentVariantId: 'ingredient-proof',
        weight: 50,
      })
      .returning();
    if (!variant) throw new Error('variant insert returned nothing');
    variantId = variant.id;
    await approve(entry.id, variant.id, heroLeadPage('Barrier guide', 'Ceramides, proven'), 'variant');
  }
  return { funnelId: funnel.id, entryPageId: entry.id, thankYouPageId: thanks.id, variantId, versionIds };
}

const eqId = (id: string) => eq(funnels.id, id);

/**
 * A run row and a workflow started directly on Temporal (as worker-api's startWorkflowRun would). The row is the
 * tenant's client's, with the input's campaign and starter.
 */
export async function startRun<I extends RunInput>(
  stack: Stack,
  t: FunnelTenant,
  kind: WorkflowKind,
  workflowId: string,
  input: Omit<I, 'runId'>,
): Promise<{ runId: string; handle: WorkflowHandleWithFirstExecutionRunId }> {
  const runId = crypto.randomUUID();
  const full = { ...input, runId } as I;
  // Started first, as startWorkflowRun does: the worker's status writes retry until the row is there.
  const handle = await stack.client.workflow.start(WORKFLOW_TYPE_NAMES[kind], {
    taskQueue: stack.taskQueue,
    workflowId,
    args: [full],
  });
  await createWorkflowRun(stack.db, {
    id: runId,
    orgId: t.orgId,
    clientId: t.clientId,
    campaignId: input.campaignId,
    kind,
    temporalWorkflowId: workflowId,
    temporalRunId: handle.firstExecutionRunId,
    input: full,
    startedBy: input.startedBy,
  });
  return { runId, handle };
}
