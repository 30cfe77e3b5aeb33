import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactExamples } from '../src/artifacts/index';
import {
  approveArtifact,
  getArtifact,
  insertArtifactVersion,
  latestArtifact,
  listArtifacts,
  listArtifactVersions,
  type NewArtifactVersion,
  resolveOwnedRefs,
} from '../src/data/artifacts';
import type { Database } from '../src/db-type';
import { createDb, migrate } from '../src/node';
import { artifacts, campaigns, clients, experiments, orgs, users, workflowRuns } from '../src/schema/index';

let database: Database;
beforeAll(async () => {
  database = await createDb('pglite:memory');
  await migrate(database);
});
afterAll(async () => {
  await database.close();
});

/** A fresh org with a user, two clients and a campaign of the first client. */
async function tenant() {
  const db = database.db;
  const [org] = await db
    .insert(orgs)
    .values({ name: 'Agency', externalId: `org_${randomUUID()}` })
    .returning();
  if (!org) throw new Error('no org');
  const [user] = await db
    .insert(users)
    .values({ orgId: org.id, clerkUserId: `u_${randomUUID()}` })
    .returning();
  const [client, other] = await db
    .insert(clients)
    .values([
      { orgId: org.id, name: 'Lumen & Moss' },
      { orgId: org.id, name: 'Other client' },
    ])
    .returning();
  if (!user || !client || !other) throw new Error('no rows');
  const [campaign] = await db
    .insert(campaigns)
    .values({ orgId: org.id, clientId: client.id, name: 'Q3' })
    .returning();
  if (!campaign) throw new Error('no campaign');
  const [run] = await db
    .insert(workflowRuns)
    .values({ orgId: org.id, kind: 'client_onboarding', temporalWorkflowId: 'wf', temporalRunId: 'r' })
    .returning();
  if (!run) throw new Error('no run');
  return {
    orgId: org.id,
    userId: user.id,
    clientId: client.id,
    otherClientId: other.id,
    campaignId: campaign.id,
    runId: run.id,
  };
}

type Tenant = Awaited<ReturnType<typeof tenant>>;

const canon = (tn: Tenant, story = 'A story long enough to be a brand story.') => {
  const data = structuredClone(artifactExamples.client_canon);
  return { ...data, clientId: tn.clientId, brand: { ...data.brand, story } };
};

const draft = (tn: Tenant, over: Partial<NewArtifactVersion> = {}): NewArtifactVersion => ({
  orgId: tn.orgId,
  clientId: tn.clientId,
  campaignId: null,
  type: 'client_canon',
  data: canon(tn),
  source: 'ai',
  status: 'draft',
  ...over,
});

describe('insertArtifactVersion', () => {
  it('numbers versions 1, 2, 3 per (org, client, campaign, type), each key on its own', async () => {
    const tn = await tenant();
    const db = database.db;
    const v = [];
    for (let i = 0; i < 3; i++) v.push((await insertArtifactVersion(db, draft(tn))).version);
    expect(v).toEqual([1, 2, 3]);
    expect((await insertArtifactVersion(db, draft(tn, { campaignId: tn.campaignId }))).version).toBe(1);
    expect((await insertArtifactVersion(db, draft(tn, { clientId: tn.otherClientId }))).version).toBe(1);
    expect((await insertArtifactVersion(db, draft(tn, { type: 'metric_schema' }))).version).toBe(1);
    // The org-wide key (no client, no campaign) counts too: NULLs are one key, not distinct ones.
    const pb = { type: 'playbook' as const, clientId: null, data: artifactExamples.playbook };
    expect((await insertArtifactVersion(db, draft(tn, pb))).version).toBe(1);
    expect((await insertArtifactVersion(db, draft(tn, pb))).version).toBe(2);
    const other = await tenant();
    expect((await insertArtifactVersion(db, draft(other))).version).toBe(1);
    expect((await insertArtifactVersion(db, draft(tn))).version).toBe(4);
  });

  it('is idempotent per (workflow run, step key): a retry returns the first row unchanged', async () => {
    const tn = await tenant();
    const db = database.db;
    const first = await insertArtifactVersion(
      db,
      draft(tn, { workflowRunId: tn.runId, stepKey: 'build_canon' }),
    );
    const again = await insertArtifactVersion(
      db,
      draft(tn, {
        workflowRunId: tn.runId,
        stepKey: 'build_canon',
        data: canon(tn, 'A different story, written on retry.'),
      }),
    );
    expect(again).toEqual(first);
    const rows = await db.select().from(artifacts).where(eq(artifacts.workflowRunId, tn.runId));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.data).toMatchObject({ brand: { story: 'A story long enough to be a brand story.' } });
    const next = await insertArtifactVersion(
      db,
      draft(tn, { workflowRunId: tn.runId, stepKey: 'build_canon_2' }),
    );
    expect(next.version).toBe(2);
  });

  it('works inside a caller transaction, and rolls back with it', async () => {
    const tn = await tenant();
    const db = database.db;
    await expect(
      db.transaction(async (tx) => {
        await insertArtifactVersion(tx, draft(tn));
        await insertArtifactVersion(tx, draft(tn, { status: 'approved', createdByUser: tn.userId }));
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(
      await listArtifactVersions(db, tn.orgId, {
        clientId: tn.clientId,
        campaignId: null,
        type: 'client_canon',
      }),
    ).toEqual([]);
    const kept = await db.transaction((tx) => insertArtifactVersion(tx, draft(tn)));
    expect(kept.version).toBe(1);
  });

  it('a new approved version supersedes the approved one before it, not the drafts', async () => {
    const tn = await tenant();
    const db = database.db;
    const v1 = await insertArtifactVersion(db, draft(tn, { status: 'approved', createdByUser: tn.userId }));
    expect(v1).toMatchObject({ status: 'approved', approvedBy: tn.userId });
    expect(v1.approvedAt).toBeInstanceOf(Date);
    const v2 = await insertArtifactVersion(db, draft(tn));
    const v3 = await insertArtifactVersion(db, draft(tn, { status: 'approved', createdByUser: tn.userId }));
    expect((await getArtifact(db, tn.orgId, v1.id))?.status).toBe('superseded');
    expect((await getArtifact(db, tn.orgId, v2.id))?.status).toBe('draft');
    expect((await getArtifact(db, tn.orgId, v3.id))?.status).toBe('approved');
  });
});

describe('approveArtifact', () => {
  it('approves one version and supersedes the previously approved one of the same key only', async () => {
    const tn = await tenant();
    const db = database.db;
    const v1 = await insertArtifactVersion(db, draft(tn));
    const v2 = await insertArtifactVersion(db, draft(tn));
    const v3 = await insertArtifactVersion(db, draft(tn));
    const elsewhere = await insertArtifactVersion(db, draft(tn, { campaignId: tn.campaignId }));
    await approveArtifact(db, tn.orgId, elsewhere.id, tn.userId);
    const a1 = await approveArtifact(db, tn.orgId, v1.id, tn.userId);
    expect(a1).toMatchObject({ id: v1.id, status: 'approved', approvedBy: tn.userId });
    const a2 = await approveArtifact(db, tn.orgId, v2.id, null);
    expect(a2).toMatchObject({ status: 'approved', approvedBy: null });
    const status = async (id: string) => (await getArtifact(db, tn.orgId, id))?.status;
    expect([await status(v1.id), await status(v2.id), await status(v3.id)]).toEqual([
      'superseded',
      'approved',
      'draft',
    ]);
    expect(await status(elsewhere.id)).toBe('approved');

    const key = { clientId: tn.clientId, campaignId: null, type: 'client_canon' as const };
    expect((await latestArtifact(db, tn.orgId, key))?.id).toBe(v3.id);
    expect((await latestArtifact(db, tn.orgId, { ...key, status: 'approved' }))?.id).toBe(v2.id);
  });

  it('leaves an approved artifact as it was, and ignores another org', async () => {
    const tn = await tenant();
    const other = await tenant();
    const db = database.db;
    const v1 = await insertArtifactVersion(db, draft(tn));
    const first = await approveArtifact(db, tn.orgId, v1.id, tn.userId);
    const again = await approveArtifact(db, tn.orgId, v1.id, null);
    expect(again).toEqual(first);
    const v2 = await insertArtifactVersion(db, draft(tn));
    expect(await approveArtifact(db, other.orgId, v2.id, other.userId)).toBeUndefined();
    expect((await getArtifact(db, tn.orgId, v2.id))?.status).toBe('draft');
  });

  it('uses the caller transaction when given one', async () => {
    const tn = await tenant();
    const db = database.db;
    const v1 = await insertArtifactVersion(db, draft(tn, { status: 'approved' }));
    const v2 = await insertArtifactVersion(db, draft(tn));
    await expect(
      db.transaction(async (tx) => {
        await approveArtifact(tx, tn.orgId, v2.id, tn.userId);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect((await getArtifact(db, tn.orgId, v1.id))?.status).toBe('approved');
    expect((await getArtifact(db, tn.orgId, v2.id))?.status).toBe('draft');
  });
});

describe('listing', () => {
  it('filters by client, campaign (or client-level only), type and status, newest first with a cursor', async () => {
    const tn = await tenant();
    const db = database.db;
    const a = await insertArtifactVersion(db, draft(tn));
    const b = await insertArtifactVersion(
      db,
      draft(tn, { campaignId: tn.campaignId, type: 'strategy_sheet' }),
    );
    const c = await insertArtifactVersion(db, draft(tn, { status: 'approved' }));
    const ids = async (f: Parameters<typeof listArtifacts>[2]) =>
      (await listArtifacts(db, tn.orgId, f)).items.map((r) => r.id);
    expect(await ids({ limit: 10 })).toEqual([c.id, b.id, a.id]);
    expect(await ids({ campaignId: null, limit: 10 })).toEqual([c.id, a.id]);
    expect(await ids({ campaignId: tn.campaignId, limit: 10 })).toEqual([b.id]);
    expect(await ids({ type: 'client_canon', status: 'approved', limit: 10 })).toEqual([c.id]);
    expect(await ids({ clientId: tn.otherClientId, limit: 10 })).toEqual([]);
    const page1 = await listArtifacts(db, tn.orgId, { limit: 2 });
    expect(page1.items.map((r) => r.id)).toEqual([c.id, b.id]);
    const page2 = await listArtifacts(db, tn.orgId, { limit: 2, cursor: page1.nextCursor });
    expect(page2.items.map((r) => r.id)).toEqual([a.id]);
    expect(page2.nextCursor).toBeNull();
  });

  it('lists a key’s versions newest first without their documents', async () => {
    const tn = await tenant();
    const db = database.db;
    for (let i = 0; i < 3; i++) await insertArtifactVersion(db, draft(tn));
    const versions = await listArtifactVersions(db, tn.orgId, {
      clientId: tn.clientId,
      campaignId: null,
      type: 'client_canon',
    });
    expect(versions.map((v) => v.version)).toEqual([3, 2, 1]);
    expect(versions[0]).not.toHaveProperty('data');
    const other = await tenant();
    expect(
      await listArtifactVersions(db, other.orgId, {
        clientId: tn.clientId,
        campaignId: null,
        type: 'client_canon',
      }),
    ).toEqual([]);
  });
});

describe('resolveOwnedRefs', () => {
  it('reports only the org’s own client, campaign and experiment', async () => {
    const tn = await tenant();
    const other = await tenant();
    const db = database.db;
    const spec = await insertArtifactVersion(
      db,
      draft(tn, {
        type: 'experiment_spec',
        campaignId: tn.campaignId,
        data: artifactExamples.experiment_spec,
      }),
    );
    const [exp] = await db
      .insert(experiments)
      .values({
        orgId: tn.orgId,
        clientId: tn.clientId,
        campaignId: tn.campaignId,
        name: 'Hook test',
        experimentSpecArtifactId: spec.id,
        specId: 'exp-hook',
      })
      .returning();
    if (!exp) throw new Error('no experiment');
    const mine = await resolveOwnedRefs(db, tn.orgId, {
      clientId: tn.clientId,
      campaignId: tn.campaignId,
      experimentId: exp.id,
    });
    expect(mine).toEqual({
      client: true,
      campaignClientId: tn.clientId,
      experiment: { clientId: tn.clientId, campaignId: tn.campaignId },
    });
    const theirs = await resolveOwnedRefs(db, other.orgId, {
      clientId: tn.clientId,
      campaignId: tn.campaignId,
      experimentId: exp.id,
    });
    expect(theirs).toEqual({ client: false, campaignClientId: null, experiment: null });
    expect(await resolveOwnedRefs(db, tn.orgId, {})).toEqual({
      client: null,
      campaignClientId: null,
      experiment: null,
    });
    const rows = await db
      .select()
      .from(experiments)
      .where(and(eq(experiments.orgId, tn.orgId)));
    expect(rows).toHaveLength(1);
  });
});
