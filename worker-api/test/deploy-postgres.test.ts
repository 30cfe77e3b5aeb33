import { deployPlans } from '@mos/db';
import { deployWorkflowId } from '@mos/db/contracts';
import { testPostgresUrl } from '@mos/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployTenant, projectWithPlan, validPlan } from './support/deploy';
import { createTestApp, type TestApp } from './support/harness';

/**
 * The deploy API on PostgreSQL, where requests really run at once: concurrent applies of one project get distinct
 * queue positions (the project row lock), concurrent saves distinct versions, and a stored version cannot change.
 */
const KEY = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ databaseUrl: testPostgresUrl(), env: { MOS_SECRETS_KEY: KEY } });
});
afterAll(async () => {
  await t.close();
});

describe('deploy on PostgreSQL', () => {
  it('gives concurrent applies of one project the positions 0..n-1, each signalling the same workflow', async () => {
    const f = await deployTenant(t, `v-${crypto.randomUUID()}`);
    const { project } = await projectWithPlan(f);
    const before = t.gateway.calls.length;
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => f.admin.deploy.applyPlan.mutate({ projectId: project.id })),
    );
    expect(answers.map((a) => a.position).sort()).toEqual([0, 1, 2, 3, 4]);
    expect(answers.filter((a) => !a.queued)).toHaveLength(1);
    const signalled = t.gateway.calls
      .slice(before)
      .flatMap((c) => (c.op === 'signalWithStart' ? [c.req] : []))
      .filter((r) => r.workflowId === deployWorkflowId(f.orgId, project.id));
    expect(signalled.map((r) => (r.signalArgs[0] as { runId: string }).runId).sort()).toEqual(
      answers.map((a) => a.runId).sort(),
    );
    const queue = await f.admin.deploy.queue.query({ projectId: project.id });
    expect(queue.waiting.map((r) => r.position)).toEqual([0, 1, 2, 3, 4]);
    // The queue is in the order positions were handed out.
    const byPosition = [...answers].sort((a, b) => a.position - b.position).map((a) => a.runId);
    expect(queue.waiting.map((r) => r.id)).toEqual(byPosition);
  });

  it('numbers concurrent saves 2..n+1 without a clash, and refuses changing a stored version', async () => {
    const f = await deployTenant(t, `v-${crypto.randomUUID()}`);
    const { project, saved } = await projectWithPlan(f);
    const versions = await Promise.all(
      ['a', 'b', 'c', 'd'].map((w) =>
        f.admin.deploy.savePlan.mutate({ projectId: project.id, plan: validPlan({ workload: w }) }),
      ),
    );
    expect(versions.map((v) => v.version).sort()).toEqual([2, 3, 4, 5]);
    await expect(
      t.database.db
        .update(deployPlans)
        .set({ plan: validPlan({ workload: 'changed' }) })
        .where(eq(deployPlans.id, saved.planId)),
    ).rejects.toThrow();
    const [row] = await t.database.db.select().from(deployPlans).where(eq(deployPlans.id, saved.planId));
    expect(row?.plan).toEqual(saved.plan);
  });
});
