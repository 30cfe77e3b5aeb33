import {
  artifacts,
  campaigns,
  experiments,
  funnelEvents,
  funnelLeads,
  funnelPageVariants,
  insertArtifactVersion,
  insertExperiment,
} from '@mos/db';
import { artifactExamples, ExperimentReport, type ExperimentSpecSet } from '@mos/db/artifacts';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createActivities } from '../src/activities/index';
import type { ExperimentCycleStart } from '../src/workflows/experiment-cycle';
import { type FunnelTenant, funnelTenant, startRun, twoPageFunnel } from './support/funnels';
import { stackPerFile } from './support/stack-per-file';

const stack = stackPerFile({ api: false });

const SPEC = 'hook-barrier-vs-ingredients';

/** A campaign whose hook experiment is tested on a funnel: the page itself is the control, a variant the other arm. */
async function funnelExperiment(t: FunnelTenant) {
  const [campaign] = await stack.db
    .insert(campaigns)
    .values({ orgId: t.orgId, clientId: t.clientId, name: 'Barrier funnel test' })
    .returning();
  if (!campaign) throw new Error('campaign insert returned nothing');
  const specSet: ExperimentSpecSet = {
    ...structuredClone(artifactExamples.experiment_spec),
    clientId: t.clientId,
    campaignId: campaign.id,
  };
  // A funnel test reads visitors, not ad clicks: the default minimum sample (100 per arm) applies.
  for (const s of specSet.experimentSpecs) s.sampleSizeEstimate = null;
  const spec = await insertArtifactVersion(stack.db, {
    orgId: t.orgId,
    clientId: t.clientId,
    campaignId: campaign.id,
    type: 'experiment_spec',
    data: specSet,
    source: 'import',
    status: 'approved',
  });
  const row = await insertExperiment(stack.db, t.orgId, {
    clientId: t.clientId,
    campaignId: campaign.id,
    name: 'Hook test on the funnel',
    experimentSpecArtifactId: spec.id,
    specId: SPEC,
  });
  const f = await twoPageFunnel(stack.db, t, { variant: true });
  await stack.db
    .update(funnelPageVariants)
    .set({ experimentId: SPEC, experimentVariantId: 'ingredient-proof' })
    .where(eq(funnelPageVariants.id, f.variantId ?? ''));
  return { campaignId: campaign.id, experimentRowId: row.id, f };
}

/** `views` visitors on the page (or variant), `leads` of whom submit the form; plus noise the read must ignore. */
async function traffic(
  t: FunnelTenant,
  f: { funnelId: string; entryPageId: string },
  variantId: string | null,
  views: number,
  leads: number,
) {
  const publicationId = crypto.randomUUID();
  const at = new Date();
  const visitors = Array.from(
    { length: views },
    (_, i) => `v-${variantId ?? 'base'}-${i}-${crypto.randomUUID().slice(0, 6)}`,
  );
  // Where every event and lead of this traffic was recorded.
  const place = {
    orgId: t.orgId,
    clientId: t.clientId,
    funnelId: f.funnelId,
    publicationId,
    pageId: f.entryPageId,
    variantId,
  };
  const events = visitors.flatMap((visitorId) => [
    // Two views by the same visitor count once.
    ...[0, 1].map(() => ({
      ...place,
      eventId: crypto.randomUUID(),
      batchId: crypto.randomUUID(),
      type: 'page_view' as const,
      visitorId,
      sessionId: `s-${visitorId}`,
      occurredAt: at,
      forwarding: {},
    })),
  ]);
  for (let i = 0; i < events.length; i += 500)
    await stack.db.insert(funnelEvents).values(events.slice(i, i + 500));
  if (leads > 0) {
    await stack.db.insert(funnelLeads).values(
      visitors.slice(0, leads).map((visitorId) => ({
        ...place,
        blockId: 'form-1',
        submissionId: crypto.randomUUID(),
        visitorId,
        fields: { email: `${visitorId}@example.com` },
        email: `${visitorId}@example.com`,
        createdAt: at,
      })),
    );
  }
}

describe('ExperimentCycle on funnel variants', () => {
  it('reads views and leads per arm from the funnel instead of performance snapshots', async () => {
    const t = await funnelTenant(stack.db);
    const { experimentRowId, f } = await funnelExperiment(t);
    await traffic(t, f, null, 150, 9);
    await traffic(t, f, f.variantId, 160, 32);
    const acts = createActivities({ db: stack.db, llm: stack.llmClient, clock: () => new Date() });
    const config = await acts.configureExperimentCycle({ orgId: t.orgId, experimentId: experimentRowId });
    const reading = await acts.readExperimentResults({ orgId: t.orgId, config });
    const totals = Object.fromEntries(reading.totals.map((v) => [v.variantId, [v.clicks, v.conversions]]));
    expect(totals).toEqual({ 'barrier-story': [150, 9], 'ingredient-proof': [160, 32] });
    expect(reading.stats.winnerVariantId).toBe('ingredient-proof');
    expect(reading.stats.minSampleReached).toBe(true);
  }, 60_000);

  it('runs the cycle to a winner on funnel results and writes the report', async () => {
    const t = await funnelTenant(stack.db);
    const { campaignId, experimentRowId, f } = await funnelExperiment(t);
    await traffic(t, f, null, 140, 7);
    await traffic(t, f, f.variantId, 140, 35);
    const { runId } = await startRun<ExperimentCycleStart>(
      stack,
      t,
      'experiment_cycle',
      `experiment-cycle-${experimentRowId}`,
      {
        orgId: t.orgId,
        clientId: t.clientId,
        campaignId,
        startedBy: null,
        experimentId: experimentRowId,
        pollSeconds: 1,
        maxPolls: 3,
      },
    );
    await stack.waitForRunStatus(t.orgId, runId, 'completed', { timeoutMs: 45_000 });
    const [report] = await stack.db
      .select()
      .from(artifacts)
      .where(and(eq(artifacts.workflowRunId, runId), eq(artifacts.type, 'experiment_report')));
    const doc = ExperimentReport.parse(report?.data);
    expect(doc.results[0]).toMatchObject({ decision: 'winner', winningVariantId: 'ingredient-proof' });
    const conversions = doc.results[0]?.secondaryMetrics.filter((m) => m.metricId === 'conversions');
    expect(conversions?.map((m) => [m.variantId, m.value]).sort()).toEqual([
      ['barrier-story', 7],
      ['ingredient-proof', 35],
    ]);
    const [row] = await stack.db.select().from(experiments).where(eq(experiments.id, experimentRowId));
    expect(row?.status).toBe('completed');
  }, 90_000);
});
