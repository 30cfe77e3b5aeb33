/**
 * The pure parts of the public funnel runtime: the sticky variant rule, the active-publication cache (fresh,
 * stale-while-rechecking, too stale), the bounded body reader and the size-bounded page cache; and, on
 * PostgreSQL and PGlite, routing weights changed in place (an applied experiment decision) reaching visitors.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setFunnelVariantWeights } from '../src/data/experiment-cycle';
import type { Database } from '../src/db-type';
import {
  BodyTooLarge,
  chooseVariant,
  createActiveFunnelCache,
  createFunnelRuntime,
  type FunnelRuntimeDeps,
  memoryPublishedCache,
  type PublicFunnel,
  readBoundedBody,
  serveFunnelPage,
} from '../src/funnel-runtime/index';
import { createDb, migrate } from '../src/node';
import { funnelPageVariants, funnelPublicationPages, funnels } from '../src/schema/funnels';
import {
  type PublishedFunnelFixture,
  publishFixture,
  seedPublishedFunnel,
} from '../src/testing/funnel-fixtures';
import { testPostgresUrl } from '../src/testing/postgres';

const funnel = (activePublicationId: string): PublicFunnel => ({
  funnelId: 'f',
  orgId: 'o',
  clientId: 'c',
  publicId: 'p',
  status: 'published',
  settings: {},
  activePublicationId,
  routingVersion: 0,
  entrySlug: 'start',
});

describe('chooseVariant', () => {
  const choices = [
    { variantId: null, weight: 60 },
    { variantId: 'b', weight: 30 },
    { variantId: 'c', weight: 10 },
  ];

  it('is sticky per visitor and scope, and follows the weights over many visitors', () => {
    const counts = new Map<string | null, number>();
    for (let i = 0; i < 20_000; i++) {
      const visitor = `visitor-${i}`;
      const picked = chooseVariant(choices, visitor, 'exp-1');
      expect(chooseVariant(choices, visitor, 'exp-1')).toBe(picked);
      counts.set(picked.variantId, (counts.get(picked.variantId) ?? 0) + 1);
    }
    expect((counts.get(null) ?? 0) / 20_000).toBeCloseTo(0.6, 1);
    expect((counts.get('b') ?? 0) / 20_000).toBeCloseTo(0.3, 1);
    expect((counts.get('c') ?? 0) / 20_000).toBeCloseTo(0.1, 1);
  });

  it('never picks a zero weight, and serves the page itself when every weight is zero', () => {
    const zeroB = [
      { variantId: null, weight: 1 },
      { variantId: 'b', weight: 0 },
    ];
    for (let i = 0; i < 500; i++) expect(chooseVariant(zeroB, `v${i}`, 's').variantId).toBeNull();
    const allZero = [
      { variantId: null, weight: 0 },
      { variantId: 'b', weight: 0 },
    ];
    expect(chooseVariant(allZero, 'v', 's').variantId).toBeNull();
  });
});

describe('active-publication cache', () => {
  it('serves a fresh answer without loading, then the stale one while one re-check runs, then the new one', async () => {
    let clock = 0;
    let loads = 0;
    let answer = 'pub-1';
    const cache = createActiveFunnelCache(1000, { now: () => clock, maxStaleMs: 10_000 });
    const load = async () => {
      loads++;
      return funnel(answer);
    };
    expect((await cache.get('k', load))?.activePublicationId).toBe('pub-1');
    clock = 900;
    expect((await cache.get('k', load))?.activePublicationId).toBe('pub-1');
    expect(loads).toBe(1);
    answer = 'pub-2';
    clock = 1500;
    const during = await Promise.all([cache.get('k', load), cache.get('k', load)]);
    expect(during.map((f) => f?.activePublicationId)).toEqual(['pub-1', 'pub-1']);
    await new Promise((r) => setTimeout(r, 0));
    expect(loads).toBe(2);
    expect((await cache.get('k', load))?.activePublicationId).toBe('pub-2');
  });

  it('reads the database itself when the answer is older than maxStaleMs', async () => {
    let clock = 0;
    let answer = 'pub-1';
    const cache = createActiveFunnelCache(1000, { now: () => clock, maxStaleMs: 5000 });
    const load = async () => funnel(answer);
    await cache.get('k', load);
    answer = 'pub-2';
    clock = 6000;
    expect((await cache.get('k', load))?.activePublicationId).toBe('pub-2');
  });

  it('shares one blocking load between concurrent first requests', async () => {
    let loads = 0;
    const cache = createActiveFunnelCache(1000);
    const load = async () => {
      loads++;
      await new Promise((r) => setTimeout(r, 10));
      return null;
    };
    expect(await Promise.all([cache.get('x', load), cache.get('x', load), cache.get('x', load)])).toEqual([
      null,
      null,
      null,
    ]);
    expect(loads).toBe(1);
  });
});

describe('readBoundedBody', () => {
  const streamOf = (chunks: number, size: number) =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < chunks; i++) controller.enqueue(new Uint8Array(size));
        controller.close();
      },
    });
  const request = (body: ReadableStream<Uint8Array>, headers: Record<string, string> = {}) =>
    new Request('http://x/', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);

  it('reads a body up to the limit and refuses one byte more, with or without Content-Length', async () => {
    expect((await readBoundedBody(request(streamOf(4, 256)), 1024)).byteLength).toBe(1024);
    await expect(readBoundedBody(request(streamOf(5, 205)), 1024)).rejects.toBeInstanceOf(BodyTooLarge);
    // A declared length over the limit is refused before anything is read.
    await expect(
      readBoundedBody(
        new Request('http://x/', { method: 'POST', body: 'x', headers: { 'content-length': '5000' } }),
        1024,
      ),
    ).rejects.toBeInstanceOf(BodyTooLarge);
  });
});

describe('memoryPublishedCache', () => {
  it('evicts the least recently used entries beyond its size', async () => {
    const cache = memoryPublishedCache(10);
    await cache.put('a', 'aaaa');
    await cache.put('b', 'bbbb');
    expect(await cache.get('a')).toBe('aaaa');
    await cache.put('c', 'cccc');
    expect(await cache.get('b')).toBeNull();
    expect(await cache.get('a')).toBe('aaaa');
    expect(await cache.get('c')).toBe('cccc');
  });
});

const targets: [string, () => string][] = [
  ['PostgreSQL', testPostgresUrl],
  ['PGlite', () => 'pglite:memory'],
];

describe.each(targets)('live routing weights on %s', (_name, url) => {
  let database: Database;
  const pages = [
    {
      slug: 'start',
      html: '<p>control</p>',
      weight: 50,
      variants: [{ name: 'b', html: '<p>winner</p>', weight: 50, experimentId: 'exp-1' }],
    },
  ];

  beforeAll(async () => {
    database = await createDb(url());
    await migrate(database);
  }, 120_000);
  afterAll(async () => {
    await database?.close();
  });

  /** A runtime whose active-publication cache runs on the test's clock (TTL 1 s), sharing `shared` pages. */
  const runtime = (clock: { t: number }, shared = memoryPublishedCache()): FunnelRuntimeDeps => ({
    ...createFunnelRuntime({ db: database.db, pages: shared }),
    active: createActiveFunnelCache(1000, { now: () => clock.t, maxStaleMs: 60_000 }),
  });
  /** What `n` new visitors (no cookie) are served, as counts by body. */
  const serveNew = async (deps: FunnelRuntimeDeps, fx: PublishedFunnelFixture, n: number) => {
    const counts: Record<string, number> = {};
    for (let i = 0; i < n; i++) {
      const res = await serveFunnelPage(
        new Request(`http://edge.test/f/${fx.publicId}/start`),
        { publicId: fx.publicId, slug: 'start' },
        `/f/${fx.publicId}/`,
        deps,
      );
      expect(res.status).toBe(200);
      const body = await res.text();
      counts[body] = (counts[body] ?? 0) + 1;
    }
    return counts;
  };
  const publishedWeights = async (publicationId: string) =>
    database.db
      .select({ variantId: funnelPublicationPages.variantId, weight: funnelPublicationPages.weight })
      .from(funnelPublicationPages)
      .where(eq(funnelPublicationPages.publicationId, publicationId))
      .orderBy(funnelPublicationPages.variantId);
  const routingVersion = async (funnelId: string) =>
    (await database.db.select({ v: funnels.routingVersion }).from(funnels).where(eq(funnels.id, funnelId)))[0]
      ?.v;

  it('serves every new visitor the winner once the TTL has passed, without a new publish', async () => {
    const fx = await seedPublishedFunnel(database.db, { pages });
    const variantId = fx.pages[0]?.variants[0]?.variantId ?? '';
    const clock = { t: 0 };
    const shared = memoryPublishedCache();
    const edge = runtime(clock, shared);
    const before = await serveNew(edge, fx, 200);
    expect(before['<p>control</p>']).toBeGreaterThan(60);
    expect(before['<p>winner</p>']).toBeGreaterThan(60);

    // The cycle applies "ship b": b 100, so the page itself gets 100 − 100 = 0.
    await setFunnelVariantWeights(database.db, fx.orgId, [{ variantId, weight: 100 }]);
    const [draft] = await database.db
      .select({ weight: funnelPageVariants.weight })
      .from(funnelPageVariants)
      .where(eq(funnelPageVariants.id, variantId));
    expect(draft?.weight).toBe(100);
    expect(await publishedWeights(fx.publicationId)).toEqual([
      { variantId, weight: 100 },
      { variantId: null, weight: 0 },
    ]);
    expect(await routingVersion(fx.funnelId)).toBe(1);

    // Within the TTL the cached answer (and its page index) still routes with the old split.
    clock.t = 500;
    const within = await serveNew(edge, fx, 100);
    expect(within['<p>control</p>']).toBeGreaterThan(20);

    // Past the TTL: the first request starts the re-check (served the stale answer), then everyone gets b.
    clock.t = 1500;
    await serveNew(edge, fx, 1);
    await new Promise((r) => setTimeout(r, 50));
    expect(await serveNew(edge, fx, 300)).toEqual({ '<p>winner</p>': 300 });

    // Another process sharing the page cache (the Workers Cache API tier) with a cold active cache: the winner too.
    expect(await serveNew(runtime({ t: 0 }, shared), fx, 100)).toEqual({ '<p>winner</p>': 100 });
  });

  it('bumps the routing version only when a live weight changes, and leaves other publications alone', async () => {
    const fx = await seedPublishedFunnel(database.db, { pages });
    const variantId = fx.pages[0]?.variants[0]?.variantId ?? '';
    const first = fx.publicationId;
    const second = await publishFixture(database.db, fx, pages);
    await setFunnelVariantWeights(database.db, fx.orgId, [{ variantId, weight: 30 }]);
    expect(await publishedWeights(second)).toEqual([
      { variantId, weight: 30 },
      { variantId: null, weight: 70 },
    ]);
    expect(await publishedWeights(first)).toEqual([
      { variantId, weight: 50 },
      { variantId: null, weight: 50 },
    ]);
    expect(await routingVersion(fx.funnelId)).toBe(1);
    // The bandit proposing the same split again changes nothing a runtime caches.
    await setFunnelVariantWeights(database.db, fx.orgId, [{ variantId, weight: 30 }]);
    expect(await routingVersion(fx.funnelId)).toBe(1);
    // Another org's id changes nothing.
    const other = await seedPublishedFunnel(database.db, { pages });
    await setFunnelVariantWeights(database.db, other.orgId, [{ variantId, weight: 0 }]);
    expect(await publishedWeights(second)).toEqual([
      { variantId, weight: 30 },
      { variantId: null, weight: 70 },
    ]);
    // A funnel with no active publication: only the draft changes.
    await database.db.update(funnels).set({ activePublicationId: null }).where(eq(funnels.id, fx.funnelId));
    await setFunnelVariantWeights(database.db, fx.orgId, [{ variantId, weight: 10 }]);
    expect(await routingVersion(fx.funnelId)).toBe(1);
    const [base] = await database.db
      .select({ weight: funnelPublicationPages.weight })
      .from(funnelPublicationPages)
      .where(and(eq(funnelPublicationPages.publicationId, second), isNull(funnelPublicationPages.variantId)));
    expect(base?.weight).toBe(70);
  });
});
