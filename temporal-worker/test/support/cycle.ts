import {
  campaigns,
  type Db,
  experimentPhases,
  experiments,
  funnelEvents,
  funnelPageVariants,
  insertArtifactVersion,
  insertExperiment,
} from '@mos/db';
import { artifactExamples, type ExperimentSpecSet } from '@mos/db/artifacts';
import type { ExperimentPlan } from '@mos/db/contracts';
import { CONTROL_ARM, planFixture, TREATMENT_ARM } from '@mos/db/testing/experiment-values';
import { and, eq } from 'drizzle-orm';
import { type FunnelTenant, type TestFunnel, twoPageFunnel } from './funnels';

export const HOOKS = 'hook-barrier-vs-ingredients';
export const CONTROL = CONTROL_ARM;
export const TREATMENT = TREATMENT_ARM;

/** A locked plan for the hook test on the funnel: conversion rate, sequential at 5 %, an even split. */
export const funnelPlan = planFixture;

/**
 * A campaign whose hook experiment runs on a funnel: the entry page itself is the control arm, its variant the
 * treatment. The experiment's plan is locked (phase 1) unless `plan` is null (a row from before plans).
 */
export async function funnelExperiment(db: Db, t: FunnelTenant, plan: ExperimentPlan | null = funnelPlan()) {
  const [campaign] = await db
    .insert(campaigns)
    .values({ orgId: t.orgId, clientId: t.clientId, name: 'Barrier funnel test' })
    .returning();
  if (!campaign) throw new Error('campaign insert returned nothing');
  const specSet: ExperimentSpecSet = {
    ...structuredClone(artifactExamples.experiment_spec),
    clientId: t.clientId,
    campaignId: campaign.id,
  };
  const spec = await insertArtifactVersion(db, {
    orgId: t.orgId,
    clientId: t.clientId,
    campaignId: campaign.id,
    type: 'experiment_spec',
    data: specSet,
    source: 'import',
    status: 'approved',
  });
  const row = await insertExperiment(db, t.orgId, {
    clientId: t.clientId,
    campaignId: campaign.id,
    name: 'Hook test on the funnel',
    experimentSpecArtifactId: spec.id,
    specId: HOOKS,
  });
  if (plan) {
    await db
      .update(experiments)
      .set({ plan, phase: plan.phase, planLockedAt: new Date() })
      .where(eq(experiments.id, row.id));
    await db.insert(experimentPhases).values({
      orgId: t.orgId,
      experimentId: row.id,
      phase: plan.phase,
      plan,
      reason: 'approved design',
    });
  }
  const f = await twoPageFunnel(db, t, { variant: true });
  await db
    .update(funnelPageVariants)
    .set({ experimentId: HOOKS, experimentVariantId: TREATMENT })
    .where(and(eq(funnelPageVariants.orgId, t.orgId), eq(funnelPageVariants.id, f.variantId ?? '')));
  return { campaignId: campaign.id, experimentId: row.id, f };
}

/**
 * `visitors` visitors who viewed the entry page (or its variant), `converted` of whom submitted the form, each
 * submit worth `value` (revenue per visitor and AOV read it). Every visitor views twice: one visitor, one unit.
 */
export async function funnelTraffic(
  db: Db,
  t: FunnelTenant,
  f: TestFunnel,
  variantId: string | null,
  visitors: number,
  converted: number,
  value: number | null = null,
): Promise<void> {
  const publicationId = crypto.randomUUID();
  const at = new Date();
  const tag = crypto.randomUUID().slice(0, 6);
  const place = {
    orgId: t.orgId,
    clientId: t.clientId,
    funnelId: f.funnelId,
    publicationId,
    pageId: f.entryPageId,
    variantId,
    occurredAt: at,
    forwarding: {},
  };
  const rows: (typeof funnelEvents.$inferInsert)[] = [];
  for (let i = 0; i < visitors; i++) {
    const visitorId = `v-${tag}-${i}`;
    const common = { ...place, visitorId, sessionId: `s-${visitorId}`, batchId: crypto.randomUUID() };
    rows.push({ ...common, eventId: crypto.randomUUID(), type: 'page_view' });
    rows.push({ ...common, eventId: crypto.randomUUID(), type: 'page_view' });
    if (i < converted) {
      rows.push({
        ...common,
        eventId: crypto.randomUUID(),
        type: 'form_submit',
        props: value === null ? {} : { value },
      });
    }
  }
  for (let i = 0; i < rows.length; i += 2000) await db.insert(funnelEvents).values(rows.slice(i, i + 2000));
}
