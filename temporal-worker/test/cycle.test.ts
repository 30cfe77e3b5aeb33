import {
  activityLogs,
  adConnectors,
  artifacts,
  assetPerformanceSnapshots,
  assets,
  experimentDecisions,
  experimentEffects,
  experimentFunnelVariants,
  experimentReadings,
  experiments,
  funnelPageVariants,
  funnelPublicationPages,
  funnelPublications,
  funnels,
  upsertAdConnector,
  users,
  workflowRuns,
} from '@mos/db';
import { ExperimentReport } from '@mos/db/artifacts';
import { AppliedChanges, ExperimentReading, type WorkflowStatusSnapshot } from '@mos/db/contracts';
import { and, asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createActivities } from '../src/activities/index';
import type { ExperimentCycleStart } from '../src/workflows/experiment-cycle';
import { CONTROL, funnelExperiment, funnelPlan, funnelTraffic, HOOKS, TREATMENT } from './support/cycle';
import { type FunnelTenant, startRun, type TestFunnel } from './support/funnels';
import { recordHistory } from './support/histories';
import { review, type Tenant } from './support/stack';
import { stackPerFile } from './support/stack-per-file';

const stack = stackPerFile();

/** An API tenant (tokens for review and the experiments procedures) with a client, as the funnel helpers want it. */
async function tenant(): Promise<{ t: Tenant; ft: FunnelTenant }> {
  const t = await stack.newTenant();
  const client = await t.createClient({ industry: 'Skincare' });
  return { t, ft: { orgId: t.orgId, userId: t.userId, clientId: client.id } };
}

/** A rationale the way a model writes one: words, and the ids of the lift facts it cites. */
function rationaleFixture() {
  stack.llm.setFixture('ExperimentDecisionRationale', (req: { text: string }) => {
    const ids = [...req.text.matchAll(/"id": "((?:lift|value):[^"]+)"/g)].map((m) => m[1]);
    return {
      rationale:
        'The treatment converted better than the control and the interval of the lift stays above zero.',
      citedFactIds: ids.length > 0 ? ids : ['rule'],
    };
  });
}

/** The tenant's operator (who decides at gates in these tests): signed in once, so its users row exists. */
async function operatorId(t: Tenant): Promise<string> {
  const [row] = await stack.db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.orgId, t.orgId), eq(users.role, 'operator')));
  if (!row) throw new Error('the operator has no users row yet');
  return row.id;
}

async function reportOf(runId: string) {
  const [row] = await stack.db
    .select()
    .from(artifacts)
    .where(and(eq(artifacts.workflowRunId, runId), eq(artifacts.type, 'experiment_report')));
  if (!row) throw new Error(`run ${runId} wrote no experiment report`);
  return { row, doc: ExperimentReport.parse(row.data) };
}

async function decisionsOf(experimentId: string) {
  return stack.db
    .select()
    .from(experimentDecisions)
    .where(eq(experimentDecisions.experimentId, experimentId))
    .orderBy(asc(experimentDecisions.createdAt));
}

async function readingsOf(experimentId: string) {
  const rows = await stack.db
    .select()
    .from(experimentReadings)
    .where(eq(experimentReadings.experimentId, experimentId))
    .orderBy(asc(experimentReadings.poll));
  return rows.map((r) => ({ poll: r.poll, data: ExperimentReading.parse(r.data) }));
}

const waitAtDecision = (t: Tenant, runId: string) =>
  stack.waitForStatus(t.orgId, runId, (s: WorkflowStatusSnapshot) => s.waitingFor === 'experiment_decision', {
    timeoutMs: 30_000,
  });

const reviewDecision = (
  t: Tenant,
  runId: string,
  decision: 'approve' | 'reject',
  feedback: string | null = null,
) =>
  review(stack, t.operator, {
    runId,
    gate: 'experiment_decision',
    decision,
    ...(feedback === null ? {} : { feedback }),
  });

async function variantWeight(variantId: string): Promise<number | undefined> {
  const [row] = await stack.db
    .select({ weight: funnelPageVariants.weight })
    .from(funnelPageVariants)
    .where(eq(funnelPageVariants.id, variantId));
  return row?.weight;
}

const activities = () => createActivities({ db: stack.db, llm: stack.llmClient, clock: () => new Date() });

/** The cycle's activities called directly: configure, then the first poll's read. */
async function readOnce(ft: FunnelTenant, experimentId: string) {
  const acts = activities();
  const config = await acts.configureExperimentCycle({ orgId: ft.orgId, experimentId });
  const read = await acts.readExperimentCycle({
    orgId: ft.orgId,
    runId: crypto.randomUUID(),
    config,
    poll: 1,
    previousFingerprint: null,
  });
  return { acts, config, read };
}

/** An ExperimentCycle started directly on the worker (no API), its cadence and limits in `opts`. */
const startCycle = (
  ft: FunnelTenant,
  campaignId: string,
  experimentId: string,
  opts: Pick<ExperimentCycleStart, 'pollSeconds' | 'maxPolls' | 'pollsPerRun'>,
) =>
  startRun<ExperimentCycleStart>(stack, ft, 'experiment_cycle', `experiment-cycle-${experimentId}`, {
    orgId: ft.orgId,
    clientId: ft.clientId,
    campaignId,
    startedBy: null,
    experimentId,
    ...opts,
  });

/** An approved Meta ad of each arm (control first), as the generated assets of the experiment. */
const armAds = (
  ft: FunnelTenant,
  experimentId: string,
  content: (arm: string) => Record<string, unknown> = () => ({}),
) =>
  stack.db
    .insert(assets)
    .values(
      [CONTROL, TREATMENT].map((arm) => ({
        orgId: ft.orgId,
        clientId: ft.clientId,
        experimentId,
        variantId: arm,
        sourceType: 'generated' as const,
        status: 'approved' as const,
        channelId: 'meta',
        format: 'single_image',
        content: content(arm),
      })),
    )
    .returning();

/**
 * The funnel published as the publish workflow writes it (entry page 50 / its variant 50, thank-you page alone)
 * and made active: visitors are routed by these rows, so an applied decision must change them too.
 */
async function publishArms(ft: FunnelTenant, f: TestFunnel): Promise<string> {
  const [publication] = await stack.db
    .insert(funnelPublications)
    .values({
      orgId: ft.orgId,
      funnelId: f.funnelId,
      number: 1,
      entryPageId: f.entryPageId,
      entrySlug: 'guide',
    })
    .returning({ id: funnelPublications.id });
  if (!publication) throw new Error('publication insert returned nothing');
  const rendering = (
    pageId: string,
    variantId: string | null,
    versionId: string,
    slug: string,
    weight: number,
  ) => ({
    orgId: ft.orgId,
    publicationId: publication.id,
    pageId,
    variantId,
    pageVersionId: versionId,
    slug,
    title: slug,
    weight,
    experimentId: slug === 'guide' ? HOOKS : null,
    html: `<p>${slug} ${variantId ?? 'page'}</p>`,
    contentHash: `${slug}-${variantId ?? 'page'}`,
    htmlBytes: 20,
  });
  await stack.db
    .insert(funnelPublicationPages)
    .values([
      rendering(f.entryPageId, null, f.versionIds.entry ?? '', 'guide', 50),
      rendering(f.entryPageId, f.variantId, f.versionIds.variant ?? '', 'guide', 50),
      rendering(f.thankYouPageId, null, f.versionIds.thanks ?? '', 'thank-you', 100),
    ]);
  await stack.db
    .update(funnels)
    .set({ activePublicationId: publication.id, status: 'published' })
    .where(eq(funnels.id, f.funnelId));
  return publication.id;
}

/** The live routing: the active publication's weights by (page, variant), and the funnel's routing version. */
async function liveRouting(f: TestFunnel) {
  const [funnel] = await stack.db
    .select({ publicationId: funnels.activePublicationId, routingVersion: funnels.routingVersion })
    .from(funnels)
    .where(eq(funnels.id, f.funnelId));
  const rows = await stack.db
    .select({
      pageId: funnelPublicationPages.pageId,
      variantId: funnelPublicationPages.variantId,
      weight: funnelPublicationPages.weight,
    })
    .from(funnelPublicationPages)
    .where(eq(funnelPublicationPages.publicationId, funnel?.publicationId ?? ''));
  const weights = Object.fromEntries(
    rows.map((r) => [
      `${r.pageId === f.entryPageId ? 'guide' : 'thank-you'}:${r.variantId === null ? 'page' : 'variant'}`,
      r.weight,
    ]),
  );
  return { weights, routingVersion: funnel?.routingVersion };
}

describe('ExperimentCycle on a locked plan (funnel arms)', () => {
  it('A/B: the better arm reaches a ship proposal, the gate approves, weights change, report and effects', async () => {
    rationaleFixture();
    const { t, ft } = await tenant();
    const { experimentId, f } = await funnelExperiment(stack.db, ft);
    const variantId = f.variantId ?? '';
    await publishArms(ft, f);
    // An ad of each arm: the loser's is set rejected when the decision is applied.
    const [controlAsset, treatmentAsset] = await armAds(ft, experimentId, (arm) => ({ headline: arm }));
    await funnelTraffic(stack.db, ft, f, null, 1500, 75);
    await funnelTraffic(stack.db, ft, f, variantId, 1500, 180);

    const started = await t.operator.experiments.startCycle.mutate({
      experimentId,
      pollSeconds: 1,
      stopRule: funnelPlan().stopRule,
    });
    const runId: string = started.runId;
    await waitAtDecision(t, runId);

    const [proposal] = await decisionsOf(experimentId);
    expect(proposal).toMatchObject({
      action: 'ship',
      reason: 'winner',
      winningArmId: TREATMENT,
      status: 'proposed',
      phase: 1,
    });
    // The numbers are code's: the treatment's conversion rate as MOS worded it, after the model's words.
    expect(proposal?.rationale).toContain('The treatment converted better');
    expect(proposal?.rationale).toContain(
      `${TREATMENT} (treatment): Conversion rate 12.00 % over 1500 units`,
    );
    const asked = stack.llm.requests.filter((r) => r.schemaName === 'ExperimentDecisionRationale').at(-1);
    expect(asked?.text).toContain('"action": "ship"');

    await reviewDecision(t, runId, 'approve');
    await stack.waitForRunStatus(t.orgId, runId, 'completed', { timeoutMs: 30_000 });

    const [applied] = await decisionsOf(experimentId);
    expect(applied?.status).toBe('applied');
    const operator = await operatorId(t);
    expect(applied?.decidedBy).toBe(operator);
    const changes = AppliedChanges.parse(applied?.applied);
    expect(changes.variantWeights).toEqual([{ variantId, armId: TREATMENT, from: 50, to: 100 }]);
    expect(changes.assetStatuses).toEqual([
      { assetId: controlAsset?.id, armId: CONTROL, from: 'approved', to: 'rejected' },
    ]);
    expect(await variantWeight(variantId)).toBe(100);
    // Live without a publish: the active publication routes everyone to the winner (the page itself gets
    // 100 − 100), the other page keeps its weight, and the runtime's page-index key moves on.
    expect(await liveRouting(f)).toEqual({
      weights: { 'guide:page': 0, 'guide:variant': 100, 'thank-you:page': 100 },
      routingVersion: 1,
    });
    const statuses = await stack.db
      .select({ id: assets.id, status: assets.status })
      .from(assets)
      .where(eq(assets.experimentId, experimentId));
    expect(Object.fromEntries(statuses.map((s) => [s.id, s.status]))).toEqual({
      [controlAsset?.id ?? '']: 'rejected',
      [treatmentAsset?.id ?? '']: 'approved',
    });

    const { row, doc } = await reportOf(runId);
    expect(applied?.reportArtifactId).toBe(row.id);
    const result = doc.results[0];
    expect(result).toMatchObject({ experimentId: HOOKS, decision: 'winner', winningVariantId: TREATMENT });
    expect(result?.readout).toMatchObject({
      phase: 1,
      metric: 'cvr',
      method: 'sequential',
      alpha: 0.05,
      action: 'ship',
      reason: 'winner',
      decisionId: applied?.id,
    });
    const cvr = (arm: string) =>
      result?.primaryMetrics.find((m) => m.metricId === 'cvr' && m.variantId === arm);
    expect(cvr(CONTROL)?.value).toBeCloseTo(0.05, 6);
    expect(cvr(TREATMENT)?.value).toBeCloseTo(0.12, 6);
    const lift = result?.primaryMetrics.find((m) => m.metricId === 'lift' && m.variantId === TREATMENT);
    expect(lift?.value).toBeCloseTo(1.4, 6);

    const [experiment] = await stack.db.select().from(experiments).where(eq(experiments.id, experimentId));
    expect(experiment).toMatchObject({ status: 'completed', decision: 'ship', winningArmId: TREATMENT });
    const effects = await stack.db
      .select()
      .from(experimentEffects)
      .where(eq(experimentEffects.experimentId, experimentId));
    expect(effects.map((e) => [e.armId, e.metric, e.phase])).toEqual([[TREATMENT, 'cvr', 1]]);
    expect((effects[0]?.lift as { lift: number } | undefined)?.lift).toBeCloseTo(1.4, 6);

    const readings = await readingsOf(experimentId);
    expect(readings.length).toBeGreaterThanOrEqual(1);
    expect(readings[0]?.data).toMatchObject({ metric: 'cvr', source: 'funnel', action: 'ship' });
    // The API serves the same readings and the decision with who approved it.
    const api = await t.member.experiments.readings.query({ id: experimentId });
    expect(api.items[0]).toMatchObject({
      poll: 1,
      phase: 1,
      data: { action: 'ship', winningArmId: TREATMENT },
    });
    const listed = await t.member.experiments.decisions.query({ id: experimentId });
    expect(listed.items).toHaveLength(1);
    expect(listed.items[0]).toMatchObject({
      status: 'applied',
      action: 'ship',
      decidedBy: { id: operator },
      reportArtifactId: row.id,
    });
    const handle = await stack.handleOf(t.orgId, runId);
    expect(await handle.result()).toMatchObject({
      decision: 'winner',
      winningVariantId: TREATMENT,
      decisionId: applied?.id,
      reportArtifactId: row.id,
    });
    await recordHistory(handle, 'experiment-cycle');
  }, 90_000);

  it('A/A: identical arms stay continue, nothing is proposed, the cycle ends inconclusive', async () => {
    const { t, ft } = await tenant();
    const { experimentId, campaignId, f } = await funnelExperiment(stack.db, ft);
    await funnelTraffic(stack.db, ft, f, null, 1200, 72);
    await funnelTraffic(stack.db, ft, f, f.variantId, 1200, 72);
    const { runId, handle } = await startCycle(ft, campaignId, experimentId, { pollSeconds: 1, maxPolls: 3 });
    expect(await handle.result()).toMatchObject({ decision: 'inconclusive', decisionId: null, polls: 3 });
    await stack.waitForRunStatus(t.orgId, runId, 'completed');
    expect(await decisionsOf(experimentId)).toHaveLength(0);
    // One reading: the data did not change between polls.
    const readings = await readingsOf(experimentId);
    expect(readings.map((r) => [r.data.action, r.data.reason])).toEqual([['continue', 'not_yet']]);
    expect(readings[0]?.data.arms.find((a) => a.armId === TREATMENT)?.lift).toBeCloseTo(0, 9);
    const { doc } = await reportOf(runId);
    expect(doc.results[0]).toMatchObject({ decision: 'inconclusive', winningVariantId: null });
    expect(doc.results[0]?.readout).toMatchObject({ action: 'continue', reason: 'not_yet', polls: 3 });
    expect(await variantWeight(f.variantId ?? '')).toBe(50);
  }, 60_000);

  it('pulls the client’s enabled ad connector before reading, at most every 15 minutes, and goes on when it fails', async () => {
    const { t, ft } = await tenant();
    const { experimentId, campaignId, f } = await funnelExperiment(stack.db, ft);
    await funnelTraffic(stack.db, ft, f, null, 300, 15);
    await funnelTraffic(stack.db, ft, f, f.variantId, 300, 15);
    const { row: connector } = await upsertAdConnector(stack.db, t.orgId, {
      clientId: ft.clientId,
      platform: 'meta',
      enabled: true,
      settings: {
        adAccountId: 'act_1234567890',
        tokenSecret: 'META_TOKEN_NOT_SET',
        attributionWindows: ['7d_click'],
        trailingDays: 3,
        apiVersion: 'v21.0',
      },
    });
    const { runId, handle } = await startCycle(ft, campaignId, experimentId, { pollSeconds: 1, maxPolls: 3 });
    expect(await handle.result()).toMatchObject({ decision: 'inconclusive', polls: 3 });
    const logs = await stack.db
      .select()
      .from(activityLogs)
      .where(eq(activityLogs.workflowRunId, runId))
      .orderBy(asc(activityLogs.createdAt));
    const steps = logs.map((l) => l.step);
    // One pull in three polls a second apart, before the first read; its failure did not stop the reading.
    expect(steps.filter((s) => s === 'pull_connector')).toHaveLength(1);
    expect(steps.indexOf('pull_connector')).toBeLessThan(steps.indexOf('read_results'));
    const pull = logs.find((l) => l.step === 'pull_connector');
    expect(pull?.payloadOut).toMatchObject({ errorReason: 'secret_missing', rows: 0 });
    const [after] = await stack.db.select().from(adConnectors).where(eq(adConnectors.id, connector.id));
    expect(after?.lastResult).toMatchObject({ errorReason: 'secret_missing' });
    expect((await readingsOf(experimentId)).length).toBe(1);
  }, 60_000);

  it('a sample ratio mismatch blocks the decision even with a large difference', async () => {
    const { ft } = await tenant();
    const { experimentId, campaignId, f } = await funnelExperiment(stack.db, ft);
    await funnelTraffic(stack.db, ft, f, null, 2400, 96);
    await funnelTraffic(stack.db, ft, f, f.variantId, 800, 120);
    const { handle } = await startCycle(ft, campaignId, experimentId, { pollSeconds: 1, maxPolls: 2 });
    expect(await handle.result()).toMatchObject({ decision: 'inconclusive', decisionId: null });
    const [reading] = await readingsOf(experimentId);
    expect(reading?.data).toMatchObject({ action: 'continue', reason: 'srm', srm: { mismatch: true } });
    expect(reading?.data.srm.pValue).toBeLessThan(0.001);
    expect(await decisionsOf(experimentId)).toHaveLength(0);
  }, 60_000);

  it('a guardrail breach stops: the proposal is a stop, approved it takes the treatment out', async () => {
    rationaleFixture();
    const { t, ft } = await tenant();
    const plan = funnelPlan({ guardrails: [{ metric: 'revenue_per_visitor', maxRelativeHarm: 0.1 }] });
    const { experimentId, f } = await funnelExperiment(stack.db, ft, plan);
    // More conversions on the treatment, but each worth a tenth: revenue per visitor falls by three quarters.
    await funnelTraffic(stack.db, ft, f, null, 1500, 75, 100);
    await funnelTraffic(stack.db, ft, f, f.variantId, 1500, 180, 10);
    const { runId } = await t.operator.experiments.startCycle.mutate({ experimentId, pollSeconds: 1 });
    await waitAtDecision(t, runId);
    const [proposal] = await decisionsOf(experimentId);
    expect(proposal).toMatchObject({ action: 'stop', reason: 'guardrail', status: 'proposed' });
    const reading = ExperimentReading.parse(proposal?.reading);
    expect(reading.guardrails).toEqual([
      expect.objectContaining({ metric: 'revenue_per_visitor', armId: TREATMENT, breached: true }),
    ]);
    await reviewDecision(t, runId, 'approve');
    await stack.waitForRunStatus(t.orgId, runId, 'completed', { timeoutMs: 30_000 });
    expect(await variantWeight(f.variantId ?? '')).toBe(0);
    const [experiment] = await stack.db.select().from(experiments).where(eq(experiments.id, experimentId));
    expect(experiment).toMatchObject({ status: 'completed', decision: 'stop', winningArmId: CONTROL });
    const { doc } = await reportOf(runId);
    expect(doc.results[0]?.readout).toMatchObject({ action: 'stop', reason: 'guardrail' });
  }, 90_000);

  it('reject with feedback keeps reading; new data brings a new proposal that carries the feedback', async () => {
    rationaleFixture();
    const { t, ft } = await tenant();
    const { experimentId, f } = await funnelExperiment(stack.db, ft);
    await funnelTraffic(stack.db, ft, f, null, 1500, 75);
    await funnelTraffic(stack.db, ft, f, f.variantId, 1500, 180);
    const { runId } = await t.operator.experiments.startCycle.mutate({ experimentId, pollSeconds: 1 });
    await waitAtDecision(t, runId);
    const feedback = 'Wait for a full weekend of traffic before shipping.';
    await reviewDecision(t, runId, 'reject', feedback);
    // It goes on reading, and proposes nothing new while the data stays the same.
    await stack.waitForStatus(t.orgId, runId, (s: WorkflowStatusSnapshot) => s.step.startsWith('wait:poll'), {
      timeoutMs: 15_000,
    });
    await new Promise((r) => setTimeout(r, 2500));
    const afterReject = await decisionsOf(experimentId);
    expect(afterReject).toHaveLength(1);
    expect(afterReject[0]).toMatchObject({ status: 'rejected', feedback, decidedBy: await operatorId(t) });

    await funnelTraffic(stack.db, ft, f, null, 300, 15);
    await funnelTraffic(stack.db, ft, f, f.variantId, 300, 36);
    await stack.waitFor(async () => (await decisionsOf(experimentId)).length === 2, {
      what: 'a second proposal',
      timeoutMs: 30_000,
    });
    await waitAtDecision(t, runId);
    const asked = stack.llm.requests.filter((r) => r.schemaName === 'ExperimentDecisionRationale').at(-1);
    expect(asked?.text).toContain(feedback);
    await reviewDecision(t, runId, 'approve');
    await stack.waitForRunStatus(t.orgId, runId, 'completed', { timeoutMs: 30_000 });
    const all = await decisionsOf(experimentId);
    expect(all.map((d) => d.status)).toEqual(['rejected', 'applied']);
    expect(ExperimentReading.parse(all[1]?.reading).arms.find((a) => a.armId === TREATMENT)?.units).toBe(
      1800,
    );
  }, 90_000);

  it('a stop signal still writes the report (decision stopped, with its readout) and cancels the experiment', async () => {
    const { t, ft } = await tenant();
    const { experimentId, f } = await funnelExperiment(stack.db, ft);
    const { runId } = await t.operator.experiments.startCycle.mutate({ experimentId });
    // Default cadence: one read at once, then the next in 60 s.
    await stack.waitForStatus(t.orgId, runId, (s: WorkflowStatusSnapshot) =>
      s.step.startsWith('wait:poll 2/'),
    );
    await funnelTraffic(stack.db, ft, f, null, 300, 12);
    await funnelTraffic(stack.db, ft, f, f.variantId, 280, 15);
    await t.operator.workflows.stop.mutate({ runId });
    await stack.waitForRunStatus(t.orgId, runId, 'cancelled', { timeoutMs: 30_000 });
    const { doc } = await reportOf(runId);
    expect(doc.results[0]).toMatchObject({
      experimentId: HOOKS,
      decision: 'stopped',
      winningVariantId: null,
    });
    expect(doc.results[0]?.readout).toMatchObject({ phase: 1, metric: 'cvr', method: 'sequential' });
    // The data read at the stop is in the report.
    const units = doc.results[0]?.secondaryMetrics.find(
      (m) => m.metricId === 'units' && m.variantId === TREATMENT,
    );
    expect(units?.value).toBe(280);
    const [row] = await stack.db.select().from(experiments).where(eq(experiments.id, experimentId));
    expect(row?.status).toBe('cancelled');
    const handle = await stack.handleOf(t.orgId, runId);
    expect(await handle.result()).toEqual({ stopped: true });
    await recordHistory(handle, 'experiment-cycle-stopped');
  }, 60_000);

  it('with a model that writes anything its schema admits, the rationale still carries the numbers by code', async () => {
    const { t, ft } = await tenant();
    const { experimentId, f } = await funnelExperiment(stack.db, ft);
    await funnelTraffic(stack.db, ft, f, null, 1500, 75);
    await funnelTraffic(stack.db, ft, f, f.variantId, 1500, 180);
    stack.llm.setMode({ kind: 'schema', seed: 11 });
    try {
      const { runId } = await t.operator.experiments.startCycle.mutate({ experimentId, pollSeconds: 1 });
      await waitAtDecision(t, runId);
      const [proposal] = await decisionsOf(experimentId);
      expect(proposal).toMatchObject({ action: 'ship', winningArmId: TREATMENT });
      const asked = stack.llm.requests.filter((r) => r.schemaName === 'ExperimentDecisionRationale').at(-1);
      expect(asked?.outcome).toBe('schema-driven');
      // Whatever the words, what follows them is MOS's wording of facts the model could only cite by id.
      const [, numbers] = (proposal?.rationale ?? '').split('\n\nNumbers (computed by MOS):\n');
      // At least one cited fact (the schema asks for one), each line a fact in MOS's wording.
      expect(numbers).toMatch(/^- /);
      for (const line of numbers?.split('\n') ?? [])
        expect(line).toMatch(/^- (\S+ \(|\S+ vs |\S+: chance|sample ratio|rule:)/);
      await reviewDecision(t, runId, 'approve');
      await stack.waitForRunStatus(t.orgId, runId, 'completed', { timeoutMs: 30_000 });
      const { doc } = await reportOf(runId);
      expect(doc.results[0]).toMatchObject({ decision: 'winner', winningVariantId: TREATMENT });
    } finally {
      stack.llm.setMode({ kind: 'fixtures' });
    }
  }, 90_000);

  it('continues as new every few polls carrying its state, and proposes once data arrives', async () => {
    rationaleFixture();
    const { t, ft } = await tenant();
    const { experimentId, campaignId, f } = await funnelExperiment(stack.db, ft);
    const { runId, handle } = await startCycle(ft, campaignId, experimentId, {
      pollSeconds: 1,
      pollsPerRun: 2,
      maxPolls: 60,
    });
    // The run row holds the first execution's id, as the API records it.
    const [runRow] = await stack.db.select().from(workflowRuns).where(eq(workflowRuns.id, runId));
    const first = runRow?.temporalRunId ?? '';
    await stack.waitFor(
      async () => (await stack.client.workflow.getHandle(handle.workflowId).describe()).runId !== first,
      { what: 'continue-as-new', timeoutMs: 15_000 },
    );
    await funnelTraffic(stack.db, ft, f, null, 1500, 75);
    await funnelTraffic(stack.db, ft, f, f.variantId, 1500, 180);
    // The row, not the status query: the run recorded on it is the first one, which has continued as new.
    await stack.waitFor(
      async () => {
        const [row] = await stack.db.select().from(workflowRuns).where(eq(workflowRuns.id, runId));
        return row?.waitingGate === 'experiment_decision';
      },
      { what: 'the decision gate', timeoutMs: 30_000 },
    );
    await reviewDecision(t, runId, 'approve');
    await stack.waitForRunStatus(t.orgId, runId, 'completed', { timeoutMs: 30_000 });
    const result = (await stack.client.workflow.getHandle(handle.workflowId).result()) as {
      decision: string;
      polls: number;
    };
    expect(result.decision).toBe('winner');
    expect(result.polls).toBeGreaterThanOrEqual(3);
    const history = await stack.client.workflow.getHandle(handle.workflowId, first).fetchHistory();
    expect(history.events?.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.workflowType?.name).toBe(
      'ExperimentCycle',
    );
    // Configured once, in the first run; readings keep their poll numbers across runs.
    const logs = await stack.db.select().from(activityLogs).where(eq(activityLogs.workflowRunId, runId));
    expect(logs.filter((l) => l.step === 'configure' && l.status === 'completed')).toHaveLength(1);
    const readings = await readingsOf(experimentId);
    expect(readings.at(-1)?.poll).toBe(result.polls);
  }, 90_000);

  it('a row from before plans runs on a plan computed from its spec (phase 1)', async () => {
    const { ft } = await tenant();
    const { experimentId } = await funnelExperiment(stack.db, ft, null);
    const acts = activities();
    const config = await acts.configureExperimentCycle({ orgId: ft.orgId, experimentId });
    expect(config).toMatchObject({ planSource: 'derived', phase: 1 });
    // The spec's first metric id is `cac`: the test is decided on CPA, the metric it names.
    expect(config.plan).toMatchObject({
      primaryMetric: 'cpa',
      arms: [CONTROL, TREATMENT],
      controlArmId: CONTROL,
      weights: [50, 50],
      stopRule: { kind: 'sequential', alpha: 0.05, minPerArm: 100 },
    });
    // Another org's experiment id reads as missing.
    const other = await stack.newTenant();
    await expect(acts.configureExperimentCycle({ orgId: other.orgId, experimentId })).rejects.toThrow(
      /not found/,
    );
  });

  it('reads ad arms from the day’s snapshots for an ads metric (CTR), without an SRM check on platform delivery', async () => {
    const { t, ft } = await tenant();
    const plan = funnelPlan({ primaryMetric: 'ctr', baseline: { metric: 'ctr', value: 0.01 } });
    const { experimentId } = await funnelExperiment(stack.db, ft, plan);
    const ads = await armAds(ft, experimentId);
    const now = new Date();
    const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
    // A skewed delivery (the platform's choice, not a broken split): 30,000 vs 10,000 impressions.
    const counts: Record<string, [number, number]> = { [CONTROL]: [30_000, 300], [TREATMENT]: [10_000, 200] };
    await stack.db.insert(assetPerformanceSnapshots).values(
      ads.map((a) => ({
        orgId: t.orgId,
        assetId: a.id,
        timeFrom: today,
        timeTo: new Date(today.getTime() + 86_400_000),
        metrics: { impressions: counts[a.variantId ?? '']?.[0], clicks: counts[a.variantId ?? '']?.[1] },
        segments: {},
        source: 'csv' as const,
      })),
    );
    const { read } = await readOnce(ft, experimentId);
    expect(read.reading).toMatchObject({ source: 'ads', metric: 'ctr', srm: { mismatch: false } });
    expect(read.reading.arms.map((a) => [a.armId, a.units, a.value])).toEqual([
      [CONTROL, 30_000, 0.01],
      [TREATMENT, 10_000, 0.02],
    ]);
    expect(read.reading).toMatchObject({ action: 'ship', winningArmId: TREATMENT });
  });

  it('a spec experiment id two clients share ties each experiment to its own client’s funnel only', async () => {
    const { t, ft } = await tenant();
    const other = await t.createClient({ industry: 'Skincare' });
    const ft2: FunnelTenant = { ...ft, clientId: other.id };
    // Both experiments come from the same spec (same experiment id, HOOKS), on two clients' funnels.
    const a = await funnelExperiment(stack.db, ft);
    const b = await funnelExperiment(stack.db, ft2);
    await funnelTraffic(stack.db, ft, a.f, null, 300, 15);
    await funnelTraffic(stack.db, ft, a.f, a.f.variantId, 300, 15);
    await funnelTraffic(stack.db, ft2, b.f, b.f.variantId, 900, 90);
    const variants = await experimentFunnelVariants(stack.db, ft.orgId, [HOOKS, a.experimentId]);
    expect(variants.map((v) => v.id)).toEqual([a.f.variantId]);
    const { read } = await readOnce(ft, a.experimentId);
    expect(read.reading.arms.map((arm) => [arm.armId, arm.units])).toEqual([
      [CONTROL, 300],
      [TREATMENT, 300],
    ]);
  });

  it('with the bandit on, a continuing poll sets the variant weights by Thompson sampling with the floor', async () => {
    const { ft } = await tenant();
    const plan = funnelPlan({ bandit: { enabled: true, floor: 0.2 } });
    const { experimentId, f } = await funnelExperiment(stack.db, ft, plan);
    await publishArms(ft, f);
    await funnelTraffic(stack.db, ft, f, null, 150, 6);
    await funnelTraffic(stack.db, ft, f, f.variantId, 150, 12);
    const { acts, config, read } = await readOnce(ft, experimentId);
    expect(read.reading.action).toBe('continue');
    expect(read.banditWeights).toHaveLength(1);
    const weight = read.banditWeights[0]?.weight ?? -1;
    expect(weight).toBeGreaterThanOrEqual(20);
    expect(weight).toBeLessThanOrEqual(80);
    expect(await variantWeight(f.variantId ?? '')).toBe(weight);
    const live = await liveRouting(f);
    expect(live.weights).toEqual({
      'guide:page': 100 - weight,
      'guide:variant': weight,
      'thank-you:page': 100,
    });
    // 50/50 was published; a Thompson draw of exactly 50 changes nothing a runtime caches.
    expect(live.routingVersion).toBe(weight === 50 ? 0 : 1);
    // Seeded by experiment and poll: the same poll sets the same weight again.
    const again = await acts.readExperimentCycle({
      orgId: ft.orgId,
      runId: crypto.randomUUID(),
      config,
      poll: 1,
      previousFingerprint: read.fingerprint,
    });
    expect(again.banditWeights).toEqual(read.banditWeights);
    expect(again.stored).toBe(false);
    // The same split again does not bump the routing version.
    expect((await liveRouting(f)).routingVersion).toBe(live.routingVersion);
  });
});

describe('experiments API for the cycle', () => {
  it('refuses a stop rule other than the locked one, and answers NOT_FOUND for another org’s experiment', async () => {
    const { t, ft } = await tenant();
    const { experimentId } = await funnelExperiment(stack.db, ft);
    const failure = async (p: Promise<unknown>) => {
      try {
        await p;
      } catch (err) {
        return err as { data?: { code?: string }; message: string };
      }
      throw new Error('expected the call to fail');
    };
    const wrong = await failure(
      t.operator.experiments.startCycle.mutate({
        experimentId,
        stopRule: { kind: 'fixed', alpha: 0.05, samplePerArm: 8000 },
      }),
    );
    expect(wrong.data?.code).toBe('PRECONDITION_FAILED');
    expect(wrong.message).toMatch(/stopRule.*changePlan/);
    const [row] = await stack.db.select().from(experiments).where(eq(experiments.id, experimentId));
    expect(row?.status).toBe('planned');

    const other = await stack.newTenant();
    for (const call of [
      () => other.operator.experiments.startCycle.mutate({ experimentId }),
      () => other.member.experiments.readings.query({ id: experimentId }),
      () => other.member.experiments.decisions.query({ id: experimentId }),
    ]) {
      expect((await failure(call())).data?.code).toBe('NOT_FOUND');
    }
    const logs = await stack.db.select().from(activityLogs).where(eq(activityLogs.orgId, t.orgId));
    expect(logs).toHaveLength(0);
  });
});
