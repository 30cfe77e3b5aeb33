import {
  campaigns,
  experimentDecisions,
  experiments,
  insertExperimentDecision,
  insertExperimentReading,
  users,
  workflowRuns,
} from '@mos/db';
import { artifactExamples } from '@mos/db/artifacts';
import type { ExperimentReading } from '@mos/db/contracts';
import { planFixture, readingFixture, TREATMENT_ARM } from '@mos/db/testing/experiment-values';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, failure, fieldPaths, newTenant, type TestApp } from './support/harness';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const SPEC_ID = artifactExamples.experiment_spec.experimentSpecs[0]?.id ?? 'missing';

const PLAN = planFixture({
  weights: [1, 1],
  traffic: { source: 'funnel', unitsPerDay: 1200, from: null, to: null },
});

/** An org with an experiment (planned), its plan locked unless `locked` is false. */
async function setup(locked = true) {
  const tenant = await newTenant(t);
  const admin = t.client(tenant.admin);
  const me = await admin.me.get.query();
  const client = await admin.clients.create.mutate({
    name: 'Lumen',
    primaryMarkets: ['US'],
    primaryLanguages: ['en'],
  });
  const [campaign] = await t.database.db
    .insert(campaigns)
    .values({ orgId: me.org.id, clientId: client.id, name: 'Q3' })
    .returning();
  const campaignId = campaign?.id ?? '';
  const spec = await admin.artifacts.createVersion.mutate({
    clientId: client.id,
    campaignId,
    type: 'experiment_spec',
    data: { ...structuredClone(artifactExamples.experiment_spec), clientId: client.id, campaignId },
  });
  const member = t.client(tenant.member);
  const e = await member.experiments.create.mutate({
    campaignId,
    experimentSpecArtifactId: spec.id,
    specId: SPEC_ID,
    name: 'Hook test',
  });
  if (locked)
    await t.database.db
      .update(experiments)
      .set({ plan: PLAN, planLockedAt: new Date() })
      .where(eq(experiments.id, e.id));
  return { orgId: me.org.id, experimentId: e.id, member, operator: t.client(tenant.operator), admin };
}

/** Poll `poll` as the cycle stores it (no arms: the API serves what is stored, it does not read them). */
function reading(poll: number, action: ExperimentReading['action'] = 'continue'): ExperimentReading {
  return readingFixture({
    arms: [],
    minDataReached: poll > 1,
    action,
    reason: action === 'continue' ? 'not_yet' : 'winner',
    winningArmId: action === 'ship' ? TREATMENT_ARM : null,
    skipped: poll,
  });
}

describe('experiments.startCycle with the plan', () => {
  it('passes the poll interval and accepts the locked stop rule', async () => {
    const s = await setup();
    const res = await s.operator.experiments.startCycle.mutate({
      experimentId: s.experimentId,
      pollSeconds: 30,
      stopRule: PLAN.stopRule,
    });
    const start = t.gateway.calls.find((c) => c.op === 'start' && c.req.workflowId === res.workflowId);
    if (start?.op !== 'start') throw new Error('no start call');
    expect(start.req.args[0]).toMatchObject({ experimentId: s.experimentId, pollSeconds: 30 });
  });

  it('refuses another stop rule with PRECONDITION_FAILED naming stopRule and changePlan; nothing starts', async () => {
    const s = await setup();
    const starts = t.gateway.calls.filter((c) => c.op === 'start').length;
    for (const stopRule of [
      { kind: 'fixed' as const, alpha: 0.05, samplePerArm: 8000 },
      { ...PLAN.stopRule, plannedPerArm: 4000 },
    ]) {
      const f = await failure(
        s.operator.experiments.startCycle.mutate({ experimentId: s.experimentId, stopRule }),
      );
      expect(f.code).toBe('PRECONDITION_FAILED');
      expect(f.message).toMatch(/^stopRule: .*changePlan/);
    }
    const unlocked = await setup(false);
    const none = await failure(
      unlocked.operator.experiments.startCycle.mutate({
        experimentId: unlocked.experimentId,
        stopRule: PLAN.stopRule,
      }),
    );
    expect(none.code).toBe('PRECONDITION_FAILED');
    expect(t.gateway.calls.filter((c) => c.op === 'start').length).toBe(starts);
    const [row] = await t.database.db.select().from(experiments).where(eq(experiments.id, s.experimentId));
    expect(row?.status).toBe('planned');
  });

  it('refuses a poll interval outside 1 s to a day, naming the field', async () => {
    const s = await setup();
    for (const pollSeconds of [0, 86_401, 1.5]) {
      const f = await failure(
        s.operator.experiments.startCycle.mutate({ experimentId: s.experimentId, pollSeconds }),
      );
      expect(f.code).toBe('BAD_REQUEST');
      expect(fieldPaths(f)).toContain('pollSeconds');
    }
  });
});

describe('experiments.readings / decisions', () => {
  it('lists readings in time order, by phase, thinned evenly to 500 keeping the first and the last', async () => {
    const s = await setup();
    const runId = crypto.randomUUID();
    const t0 = Date.parse('2026-12-01T00:00:00Z');
    for (let poll = 1; poll <= 1200; poll += 200) {
      const rows = Array.from({ length: 200 }, (_, i) => poll + i);
      await Promise.all(
        rows.map((p) =>
          insertExperimentReading(t.database.db, s.orgId, {
            experimentId: s.experimentId,
            phase: p > 1100 ? 2 : 1,
            poll: p,
            workflowRunId: runId,
            readAt: new Date(t0 + p * 60_000),
            data: reading(p),
          }),
        ),
      );
    }
    const all = await s.member.experiments.readings.query({ id: s.experimentId });
    expect(all.items).toHaveLength(500);
    const polls = all.items.map((r: { poll: number }) => r.poll);
    expect(polls[0]).toBe(1);
    expect(polls.at(-1)).toBe(1200);
    expect([...polls].sort((a, b) => a - b)).toEqual(polls);
    // Evenly spaced: no gap is more than one step wider than the average.
    const gaps = polls.slice(1).map((p: number, i: number) => p - (polls[i] ?? 0));
    expect(Math.max(...gaps)).toBeLessThanOrEqual(Math.ceil(1199 / 499) + 1);
    const phase2 = await s.member.experiments.readings.query({ id: s.experimentId, phase: 2 });
    expect(phase2.items.map((r: { poll: number }) => r.poll)).toEqual(
      Array.from({ length: 100 }, (_, i) => 1101 + i),
    );
    expect(phase2.items[0]).toMatchObject({ phase: 2, data: { skipped: 1101 } });
    expect(typeof phase2.items[0]?.readAt).toBe('string');
  });

  it('lists decisions with who decided them', async () => {
    const s = await setup();
    const id = crypto.randomUUID();
    const runId = crypto.randomUUID();
    await insertExperimentDecision(t.database.db, s.orgId, {
      id,
      experimentId: s.experimentId,
      phase: 1,
      workflowRunId: runId,
      action: 'ship',
      reason: 'winner',
      winningArmId: 'ingredient-proof',
      reading: reading(3, 'ship'),
      rationale: 'It converts better.',
    });
    const [user] = await t.database.db.select().from(users).where(eq(users.orgId, s.orgId)).limit(1);
    await t.database.db
      .update(experimentDecisions)
      .set({ status: 'rejected', decidedBy: user?.id, decidedAt: new Date(), feedback: 'Too early' })
      .where(eq(experimentDecisions.id, id));
    const { items } = await s.member.experiments.decisions.query({ id: s.experimentId });
    expect(items).toEqual([
      expect.objectContaining({
        id,
        action: 'ship',
        reason: 'winner',
        winningArmId: 'ingredient-proof',
        rationale: 'It converts better.',
        status: 'rejected',
        // The web links the decision to its run's page, where the inbox item and the approval are.
        workflowRunId: runId,
        feedback: 'Too early',
        decidedBy: { id: user?.id, name: user?.name || user?.email },
        applied: null,
      }),
    ]);
  });

  it('answers NOT_FOUND for another org’s experiment and for a missing one', async () => {
    const a = await setup();
    const b = await setup();
    await insertExperimentReading(t.database.db, a.orgId, {
      experimentId: a.experimentId,
      phase: 1,
      poll: 1,
      workflowRunId: crypto.randomUUID(),
      readAt: new Date(),
      data: reading(1),
    });
    for (const call of [
      () => b.member.experiments.readings.query({ id: a.experimentId }),
      () => b.member.experiments.decisions.query({ id: a.experimentId }),
      () => b.operator.experiments.startCycle.mutate({ experimentId: a.experimentId, pollSeconds: 5 }),
      () => b.member.experiments.readings.query({ id: crypto.randomUUID() }),
    ]) {
      expect((await failure(call())).code).toBe('NOT_FOUND');
    }
    expect(
      await t.database.db.select().from(workflowRuns).where(eq(workflowRuns.orgId, a.orgId)),
    ).toHaveLength(0);
  });
});
