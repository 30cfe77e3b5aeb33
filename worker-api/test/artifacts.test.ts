import {
  artifacts,
  campaigns,
  type Database,
  insertArtifactVersion,
  listAudit,
  type NewArtifactVersion,
  workflowRuns,
} from '@mos/db';
import { artifactExamples } from '@mos/db/artifacts';
import { testPostgresUrl } from '@mos/db/testing';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, failure, fieldPaths, newTenant, type TestApp } from './support/harness';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

/** A tenant with one client and a campaign of it (inserted directly: campaigns are another domain). */
async function setup(app: TestApp = t) {
  const tenant = await newTenant(app);
  const admin = app.client(tenant.admin);
  const me = await admin.me.get.query();
  const client = await admin.clients.create.mutate({
    name: 'Lumen & Moss',
    primaryMarkets: ['US'],
    primaryLanguages: ['en'],
  });
  const [campaign] = await app.database.db
    .insert(campaigns)
    .values({ orgId: me.org.id, clientId: client.id, name: 'Q3 launch' })
    .returning();
  if (!campaign) throw new Error('campaign insert returned no row');
  return {
    tenant,
    orgId: me.org.id,
    clientId: client.id,
    campaignId: campaign.id,
    member: app.client(tenant.member),
    operator: app.client(tenant.operator),
    admin,
  };
}

const canon = (clientId: string, story = 'Started in 2021 by a chemist whose own skin flared.') => {
  const data = structuredClone(artifactExamples.client_canon);
  return { ...data, clientId, brand: { ...data.brand, story } };
};

const strategy = (clientId: string, campaignId: string) => ({
  ...structuredClone(artifactExamples.strategy_sheet),
  clientId,
  campaignId,
});

async function rowsOf(db: Database['db'], orgId: string) {
  return db.select().from(artifacts).where(eq(artifacts.orgId, orgId));
}

describe('artifacts.createVersion', () => {
  it('appends human drafts as versions 1, 2, 3 that get, latest and versions read back', async () => {
    const s = await setup();
    const me = await s.member.me.get.query();
    const created = [];
    for (const story of [
      'First story of the brand.',
      'Second story of the brand.',
      'Third story of the brand.',
    ]) {
      created.push(
        await s.member.artifacts.createVersion.mutate({
          clientId: s.clientId,
          type: 'client_canon',
          data: canon(s.clientId, story),
        }),
      );
    }
    expect(created.map((a) => a.version)).toEqual([1, 2, 3]);
    expect(created[0]).toMatchObject({
      orgId: s.orgId,
      clientId: s.clientId,
      campaignId: null,
      type: 'client_canon',
      status: 'draft',
      source: 'human',
      createdByUser: me.userId,
      approvedBy: null,
    });
    expect(typeof created[0]?.createdAt).toBe('string');

    const got = await s.member.artifacts.get.query({ id: created[1]?.id ?? '' });
    expect((got.data as { brand: { story: string } }).brand.story).toBe('Second story of the brand.');

    const latest = await s.member.artifacts.latest.query({ clientId: s.clientId, type: 'client_canon' });
    expect(latest?.id).toBe(created[2]?.id);
    expect(
      await s.member.artifacts.latest.query({
        clientId: s.clientId,
        type: 'client_canon',
        status: 'approved',
      }),
    ).toBeNull();
    expect(await s.member.artifacts.latest.query({ clientId: s.clientId, type: 'metric_schema' })).toBeNull();

    const versions = await s.member.artifacts.versions.query({ clientId: s.clientId, type: 'client_canon' });
    expect(versions.map((v) => v.version)).toEqual([3, 2, 1]);
    expect(versions[0]).not.toHaveProperty('data');
  });

  it('files campaign-level documents under their campaign, counted apart from client-level ones', async () => {
    const s = await setup();
    const data = strategy(s.clientId, s.campaignId);
    const a = await s.member.artifacts.createVersion.mutate({
      clientId: s.clientId,
      campaignId: s.campaignId,
      type: 'strategy_sheet',
      data,
    });
    expect(a).toMatchObject({ campaignId: s.campaignId, version: 1 });
    const latest = await s.member.artifacts.latest.query({
      clientId: s.clientId,
      campaignId: s.campaignId,
      type: 'strategy_sheet',
    });
    expect(latest?.id).toBe(a.id);
    expect(
      await s.member.artifacts.latest.query({ clientId: s.clientId, type: 'strategy_sheet' }),
    ).toBeNull();
  });

  it('approved versions need an operator, supersede the approved one before them and are audited', async () => {
    const s = await setup();
    const forbidden = await failure(
      s.member.artifacts.createVersion.mutate({
        clientId: s.clientId,
        type: 'client_canon',
        data: canon(s.clientId),
        status: 'approved',
      }),
    );
    expect(forbidden.code).toBe('FORBIDDEN');
    expect(await rowsOf(t.database.db, s.orgId)).toHaveLength(0);

    const v1 = await s.operator.artifacts.createVersion.mutate({
      clientId: s.clientId,
      type: 'client_canon',
      data: canon(s.clientId),
      status: 'approved',
    });
    const opId = (await s.operator.me.get.query()).userId;
    expect(v1).toMatchObject({ version: 1, status: 'approved', approvedBy: opId });
    expect(typeof v1.approvedAt).toBe('string');
    const v2 = await s.member.artifacts.createVersion.mutate({
      clientId: s.clientId,
      type: 'client_canon',
      data: canon(s.clientId),
    });
    const v3 = await s.admin.artifacts.createVersion.mutate({
      clientId: s.clientId,
      type: 'client_canon',
      data: canon(s.clientId),
      status: 'approved',
    });
    const byId = new Map(
      (await s.member.artifacts.versions.query({ clientId: s.clientId, type: 'client_canon' })).map((v) => [
        v.id,
        v,
      ]),
    );
    expect([byId.get(v1.id)?.status, byId.get(v2.id)?.status, byId.get(v3.id)?.status]).toEqual([
      'superseded',
      'draft',
      'approved',
    ]);
    const approved = await s.member.artifacts.latest.query({
      clientId: s.clientId,
      type: 'client_canon',
      status: 'approved',
    });
    expect(approved?.id).toBe(v3.id);
    const audit = await listAudit(t.database.db, s.orgId);
    expect(
      audit
        .filter((r) => r.action === 'artifact.approve')
        .map((r) => r.targetId)
        .sort(),
    ).toEqual([v1.id, v3.id].sort());
  });

  it('refuses invalid documents with field paths inside data, and writes nothing', async () => {
    const s = await setup();
    const bad = canon(s.clientId, '');
    const f = await failure(
      s.member.artifacts.createVersion.mutate({ clientId: s.clientId, type: 'client_canon', data: bad }),
    );
    expect(f.code).toBe('BAD_REQUEST');
    expect(fieldPaths(f)).toContain('data.brand.story');

    const wrongShape = await failure(
      s.member.artifacts.createVersion.mutate({
        clientId: s.clientId,
        type: 'metric_schema',
        data: canon(s.clientId),
      }),
    );
    expect(wrongShape.code).toBe('BAD_REQUEST');
    expect(fieldPaths(wrongShape).every((p) => p === 'data' || p.startsWith('data.'))).toBe(true);
    expect(fieldPaths(wrongShape).length).toBeGreaterThan(0);

    // `as never`: deliberately ill-typed, the server must refuse what the types would.
    const missing = await failure(
      s.member.artifacts.createVersion.mutate({ clientId: s.clientId, type: 'client_canon' } as never),
    );
    expect(fieldPaths(missing)).toContain('data');

    let deep: unknown = 'leaf';
    for (let i = 0; i < 40; i++) deep = [deep];
    const tooDeep = await failure(
      s.member.artifacts.createVersion.mutate({ clientId: s.clientId, type: 'client_canon', data: deep }),
    );
    expect(fieldPaths(tooDeep)).toEqual(['data']);

    // A document naming another client or campaign than the one it is filed under.
    const otherClient = await failure(
      s.member.artifacts.createVersion.mutate({
        clientId: s.clientId,
        type: 'client_canon',
        data: canon(crypto.randomUUID()),
      }),
    );
    expect(otherClient.code).toBe('BAD_REQUEST');
    expect(fieldPaths(otherClient)).toEqual(['data.clientId']);
    const clientLevel = await failure(
      s.member.artifacts.createVersion.mutate({
        clientId: s.clientId,
        type: 'strategy_sheet',
        data: strategy(s.clientId, s.campaignId),
      }),
    );
    expect(fieldPaths(clientLevel)).toEqual(['data.campaignId']);

    expect(await rowsOf(t.database.db, s.orgId)).toHaveLength(0);
  });

  it('refuses bad input naming the field', async () => {
    const s = await setup();
    const badClient = await failure(
      s.member.artifacts.createVersion.mutate({
        clientId: 'nope',
        type: 'client_canon',
        data: canon(s.clientId),
      }),
    );
    expect(badClient.code).toBe('BAD_REQUEST');
    expect(fieldPaths(badClient)).toContain('clientId');
    const badType = await failure(
      s.member.artifacts.createVersion.mutate({ clientId: s.clientId, type: 'novel', data: {} } as never),
    );
    expect(fieldPaths(badType)).toContain('type');
    const badStatus = await failure(
      s.operator.artifacts.createVersion.mutate({
        clientId: s.clientId,
        type: 'client_canon',
        data: canon(s.clientId),
        status: 'superseded',
      } as never),
    );
    expect(fieldPaths(badStatus)).toContain('status');
    const extra = await failure(
      s.member.artifacts.latest.query({ clientId: s.clientId, type: 'client_canon', version: 2 } as never),
    );
    expect(extra.code).toBe('BAD_REQUEST');
    const badCursor = await failure(s.member.artifacts.list.query({ cursor: 'garbage' }));
    expect(fieldPaths(badCursor)).toContain('cursor');
    expect(fieldPaths(await failure(s.member.artifacts.get.query({ id: 'x' })))).toContain('id');
    expect(
      fieldPaths(
        await failure(s.member.artifacts.versions.query({ clientId: s.clientId, type: 'x' as 'playbook' })),
      ),
    ).toContain('type');
  });

  it('requires the campaign to belong to the client', async () => {
    const s = await setup();
    const other = await s.admin.clients.create.mutate({
      name: 'Other client',
      primaryMarkets: [],
      primaryLanguages: [],
    });
    const f = await failure(
      s.member.artifacts.createVersion.mutate({
        clientId: other.id,
        campaignId: s.campaignId,
        type: 'strategy_sheet',
        data: strategy(other.id, s.campaignId),
      }),
    );
    expect(f.code).toBe('BAD_REQUEST');
    expect(fieldPaths(f)).toEqual(['campaignId']);
    expect(await rowsOf(t.database.db, s.orgId)).toHaveLength(0);
  });

  it('writes 10 concurrent versions of one key as 1..10', async () => {
    const s = await setup();
    const made = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        s.member.artifacts.createVersion.mutate({
          clientId: s.clientId,
          type: 'client_canon',
          data: canon(s.clientId, `Concurrent story number ${i}.`),
        }),
      ),
    );
    expect(made.map((a) => a.version).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
});

describe('artifacts.list', () => {
  it('filters by client, campaign (null: client-level only), type and status, with a cursor', async () => {
    const s = await setup();
    const other = await s.admin.clients.create.mutate({
      name: 'Other client',
      primaryMarkets: [],
      primaryLanguages: [],
    });
    const c1 = await s.member.artifacts.createVersion.mutate({
      clientId: s.clientId,
      type: 'client_canon',
      data: canon(s.clientId),
    });
    const st = await s.member.artifacts.createVersion.mutate({
      clientId: s.clientId,
      campaignId: s.campaignId,
      type: 'strategy_sheet',
      data: strategy(s.clientId, s.campaignId),
    });
    const c2 = await s.operator.artifacts.createVersion.mutate({
      clientId: s.clientId,
      type: 'client_canon',
      data: canon(s.clientId),
      status: 'approved',
    });
    const o1 = await s.member.artifacts.createVersion.mutate({
      clientId: other.id,
      type: 'client_canon',
      data: canon(other.id),
    });
    const ids = async (input: Parameters<typeof s.member.artifacts.list.query>[0]) =>
      (await s.member.artifacts.list.query(input)).items.map((a) => a.id);
    expect(await ids({})).toEqual([o1.id, c2.id, st.id, c1.id]);
    expect(await ids({ clientId: s.clientId })).toEqual([c2.id, st.id, c1.id]);
    expect(await ids({ clientId: s.clientId, campaignId: null })).toEqual([c2.id, c1.id]);
    expect(await ids({ campaignId: s.campaignId })).toEqual([st.id]);
    expect(await ids({ type: 'client_canon', status: 'approved' })).toEqual([c2.id]);
    expect(await ids({ clientId: other.id, type: 'metric_schema' })).toEqual([]);
    const p1 = await s.member.artifacts.list.query({ clientId: s.clientId, limit: 2 });
    expect(p1.items.map((a) => a.id)).toEqual([c2.id, st.id]);
    const p2 = await s.member.artifacts.list.query({ clientId: s.clientId, limit: 2, cursor: p1.nextCursor });
    expect(p2.items.map((a) => a.id)).toEqual([c1.id]);
    expect(p2.nextCursor).toBeNull();
  });
});

describe('artifacts security', () => {
  it('answers UNAUTHORIZED without a token', async () => {
    const anon = t.client(null);
    const id = crypto.randomUUID();
    const calls = [
      anon.artifacts.list.query({}),
      anon.artifacts.get.query({ id }),
      anon.artifacts.latest.query({ clientId: id, type: 'client_canon' }),
      anon.artifacts.versions.query({ clientId: id, type: 'client_canon' }),
      anon.artifacts.createVersion.mutate({ clientId: id, type: 'client_canon', data: canon(id) }),
    ];
    for (const call of calls) expect((await failure(call)).code).toBe('UNAUTHORIZED');
  });

  it('answers NOT_FOUND for another org’s ids everywhere and changes nothing there', async () => {
    const a = await setup();
    const b = await setup();
    const theirs = await a.member.artifacts.createVersion.mutate({
      clientId: a.clientId,
      type: 'client_canon',
      data: canon(a.clientId),
    });
    const before = await rowsOf(t.database.db, a.orgId);
    const x = b.operator;
    const codes = [
      await failure(x.artifacts.get.query({ id: theirs.id })),
      await failure(x.artifacts.latest.query({ clientId: a.clientId, type: 'client_canon' })),
      await failure(x.artifacts.versions.query({ clientId: a.clientId, type: 'client_canon' })),
      await failure(x.artifacts.list.query({ clientId: a.clientId })),
      await failure(x.artifacts.list.query({ campaignId: a.campaignId })),
      await failure(
        x.artifacts.createVersion.mutate({
          clientId: a.clientId,
          type: 'client_canon',
          data: canon(a.clientId),
        }),
      ),
      await failure(
        x.artifacts.createVersion.mutate({
          clientId: a.clientId,
          type: 'client_canon',
          data: canon(a.clientId),
          status: 'approved',
        }),
      ),
      // Their campaign under our own client.
      await failure(
        x.artifacts.createVersion.mutate({
          clientId: b.clientId,
          campaignId: a.campaignId,
          type: 'strategy_sheet',
          data: strategy(b.clientId, a.campaignId),
        }),
      ),
      await failure(
        x.artifacts.latest.query({ clientId: b.clientId, campaignId: a.campaignId, type: 'strategy_sheet' }),
      ),
    ].map((f) => f.code);
    expect(codes).toEqual(Array(codes.length).fill('NOT_FOUND'));
    expect((await x.artifacts.list.query({})).items).toHaveLength(0);
    expect(await rowsOf(t.database.db, a.orgId)).toEqual(before);
    expect(await rowsOf(t.database.db, b.orgId)).toHaveLength(0);
  });
});

/**
 * On a real PostgreSQL server (PGlite runs one statement at a time, so it cannot race): concurrent
 * writers of one key, idempotent retries racing each other, and approvals racing drafts.
 */
describe('artifact versions under real concurrency (PostgreSQL)', () => {
  let pg: TestApp;
  beforeAll(async () => {
    pg = await createTestApp({ databaseUrl: testPostgresUrl() });
  });
  afterAll(async () => {
    await pg.close();
  });

  it('10 parallel createVersion calls get versions 1..10', async () => {
    const s = await setup(pg);
    const made = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        s.member.artifacts.createVersion.mutate({
          clientId: s.clientId,
          type: 'client_canon',
          data: canon(s.clientId, `Concurrent story number ${i}.`),
        }),
      ),
    );
    expect(made.map((a) => a.version).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('drafts, approved versions and writes inside transactions never collide; one approved remains', async () => {
    const s = await setup(pg);
    const db = pg.database.db;
    const base: NewArtifactVersion = {
      orgId: s.orgId,
      clientId: s.clientId,
      campaignId: null,
      type: 'client_canon',
      data: canon(s.clientId),
      source: 'ai',
      status: 'draft',
    };
    const writers = Array.from({ length: 20 }, (_, i) => {
      const v = { ...base, status: i % 4 === 0 ? ('approved' as const) : ('draft' as const) };
      return i % 3 === 0
        ? db.transaction((tx) => insertArtifactVersion(tx, v))
        : insertArtifactVersion(db, v);
    });
    const rows = await Promise.all(writers);
    expect(rows.map((r) => r.version).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    const stored = await rowsOf(db, s.orgId);
    expect(stored.filter((r) => r.status === 'approved')).toHaveLength(1);
    expect(stored.filter((r) => r.status === 'superseded')).toHaveLength(4);
  });

  it('racing retries of one (workflow run, step key) leave one row', async () => {
    const s = await setup(pg);
    const db = pg.database.db;
    const [run] = await db
      .insert(workflowRuns)
      .values({
        orgId: s.orgId,
        kind: 'client_onboarding',
        temporalWorkflowId: 'wf',
        temporalRunId: 'r',
        clientId: s.clientId,
      })
      .returning();
    if (!run) throw new Error('no run');
    const v: NewArtifactVersion = {
      orgId: s.orgId,
      clientId: s.clientId,
      campaignId: null,
      type: 'client_canon',
      data: canon(s.clientId),
      source: 'ai',
      status: 'draft',
      workflowRunId: run.id,
      stepKey: 'build_canon',
    };
    const rows = await Promise.all(Array.from({ length: 8 }, () => insertArtifactVersion(db, v)));
    expect(new Set(rows.map((r) => r.id)).size).toBe(1);
    const stored = await db
      .select()
      .from(artifacts)
      .where(and(eq(artifacts.orgId, s.orgId), eq(artifacts.workflowRunId, run.id)));
    expect(stored).toHaveLength(1);
    expect(stored[0]?.version).toBe(1);
  });
});
