import { readFileSync } from 'node:fs';
import { ensureOrg, ensureUser } from '@mos/db';
import { createDb, migrate } from '@mos/db/node';
import { seed } from '@mos/db/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueLocalToken } from '../src/auth/local';
import { MemoryWorkflowGateway } from '../src/gateway/memory';
import { createMemoryLlmStartLimiters } from '../src/rate-limit';
import type { ServiceCtx } from '../src/services/context';
import { getCompanySwipe } from '../src/services/swipes/get-company';
import { importCompanySwipes } from '../src/services/swipes/import-company';
import { listSwipeBrands } from '../src/services/swipes/list-brands';
import { listClientSwipes } from '../src/services/swipes/list-client';
import { listCompanySwipes } from '../src/services/swipes/list-company';
import { createTestApp, failure, fieldPaths, newTenant, type TestApp, WEB_ORIGIN } from './support/harness';

type Json = Record<string, unknown>;
interface ExportFile {
  ads: Json[];
  [key: string]: unknown;
}

const fixture = (name: string): ExportFile =>
  JSON.parse(readFileSync(new URL(`../../db/fixtures/${name}`, import.meta.url), 'utf8')) as ExportFile;
const EXPORT = fixture('ad-library-export.json');
const MALFORMED = fixture('ad-library-export-malformed.json');

/** Expectations computed from the file itself, independently of how the import stores it. */
const platformsOf = (ad: Json) =>
  (Array.isArray(ad.platforms) ? (ad.platforms as string[]) : String(ad.platforms ?? '').split(',')).map(
    (p) => p.trim().toLowerCase(),
  );
const idsWhere = (pred: (ad: Json) => boolean) =>
  EXPORT.ads
    .filter(pred)
    .map((ad) => String(ad.id))
    .sort();
const sorted = (items: { externalAdId: string | null }[]) => items.map((i) => i.externalAdId ?? '').sort();

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

/** A tenant with the fixture imported (by its operator). */
async function tenantWithLibrary() {
  const tenant = await newTenant(t);
  const report = await t
    .client(tenant.operator)
    .swipes.company.import.mutate({ export: structuredClone(EXPORT) });
  expect(report.inserted).toBe(12);
  return tenant;
}

describe('swipes.company.import', () => {
  it('imports the export, and importing it again reports every row unchanged', async () => {
    const tenant = await newTenant(t);
    const api = t.client(tenant.operator);
    const first = await api.swipes.company.import.mutate({ export: structuredClone(EXPORT) });
    expect(first).toMatchObject({ total: 12, inserted: 12, updated: 0, unchanged: 0, rejected: [] });
    expect(first.brands).toEqual({ inserted: 4, updated: 0, unchanged: 0 });
    const before = await api.swipes.company.list.query({ limit: 100 });

    const second = await t
      .client(tenant.admin)
      .swipes.company.import.mutate({ export: structuredClone(EXPORT) });
    expect(second).toMatchObject({ total: 12, inserted: 0, updated: 0, unchanged: 12, rejected: [] });
    const after = await api.swipes.company.list.query({ limit: 100 });
    expect(after).toEqual(before);
  });

  it('starts a SwipeMediaImport for the media not copied yet, and none when nothing is left to copy', async () => {
    const tenant = await newTenant(t);
    const api = t.client(tenant.operator);
    const before = t.gateway.calls.length;
    const first = await api.swipes.company.import.mutate({ export: structuredClone(EXPORT) });
    const starts = t.gateway.calls
      .slice(before)
      .flatMap((c) => (c.op === 'start' ? [c.req] : []))
      .filter((r) => r.workflowType === 'SwipeMediaImport');
    expect(starts).toHaveLength(1);
    const input = starts[0]?.args[0] as { orgId: string; swipeAssetIds: string[]; runId: string };
    expect(input.swipeAssetIds).toHaveLength(12);
    expect(first.mediaImport).toEqual({ runId: input.runId, swipes: 12, error: null });
    // Temporal unreachable: the import stands and says the copy did not start.
    t.gateway.failNext();
    const again = await api.swipes.company.import.mutate({ export: structuredClone(EXPORT) });
    expect(again.unchanged).toBe(12);
    expect(again.mediaImport).toMatchObject({ runId: null, swipes: 12, error: expect.any(String) });
  });

  it('reports a changed ad as updated, and malformed rows with the field at fault', async () => {
    const tenant = await newTenant(t);
    const api = t.client(tenant.operator);
    await api.swipes.company.import.mutate({ export: structuredClone(EXPORT) });
    const changed = structuredClone(EXPORT);
    (changed.ads[5] as Json).title = 'Three origins, one box, free grinder';
    const report = await api.swipes.company.import.mutate({ export: changed });
    expect(report).toMatchObject({ inserted: 0, updated: 1, unchanged: 11 });
    const found = await api.swipes.company.list.query({ q: 'grinder' });
    expect(found.items.map((i) => i.externalAdId)).toEqual([changed.ads[5]?.id]);

    const bad = await api.swipes.company.import.mutate({ export: structuredClone(MALFORMED) });
    expect(bad).toMatchObject({ total: 6, inserted: 3 });
    expect(
      bad.rejected.map((r) => ({ index: r.index, fields: r.reasons.map((x) => x.split(':')[0]) })),
    ).toEqual([
      { index: 1, fields: ['id'] },
      { index: 2, fields: ['start_date'] },
      { index: 4, fields: ['active', 'winning_score'] },
    ]);
  });

  it('refuses bad input naming the field', async () => {
    const api = t.client((await newTenant(t)).operator);
    const notList = await failure(
      api.swipes.company.import.mutate({ export: { ads: 'nope' as unknown as unknown[] } }),
    );
    expect(notList.code).toBe('BAD_REQUEST');
    expect(fieldPaths(notList)).toContain('export.ads');
    const missing = await failure(api.swipes.company.import.mutate({} as never));
    expect(fieldPaths(missing)).toContain('export');
    const extra = await failure(
      api.swipes.company.import.mutate({ export: { ads: [] }, orgId: 'x' } as never),
    );
    expect(extra.code).toBe('BAD_REQUEST');
  });

  it('needs an operator: members are refused, anonymous callers are unauthorized', async () => {
    const tenant = await newTenant(t);
    const asMember = await failure(
      t.client(tenant.member).swipes.company.import.mutate({ export: structuredClone(EXPORT) }),
    );
    expect(asMember.code).toBe('FORBIDDEN');
    const anonymous = await failure(
      t.client(null).swipes.company.import.mutate({ export: structuredClone(EXPORT) }),
    );
    expect(anonymous.code).toBe('UNAUTHORIZED');
    expect((await t.client(tenant.member).swipes.company.list.query({})).items).toHaveLength(0);
  });
});

describe('swipes.company.list and get', () => {
  it('lists each swipe with its brand and media', async () => {
    const api = t.client((await tenantWithLibrary()).member);
    const page = await api.swipes.company.list.query({ limit: 100 });
    expect(page.items).toHaveLength(12);
    expect(page.nextCursor).toBeNull();
    const carousel = page.items.find((i) => i.externalAdId === '1184520937761150');
    expect(carousel?.brand).toMatchObject({ name: 'Glow Theory', slug: 'glow-theory' });
    expect(carousel?.media.map((m) => m.externalMediaId)).toEqual([
      'md_88099001',
      'md_88099002',
      'md_88099003',
    ]);
    expect(carousel?.media[0]).toMatchObject({ type: 'image', mimeType: 'image/jpeg', sizeBytes: 190220 });
    const video = page.items.find((i) => i.externalAdId === '1184520937761099');
    expect(video).toMatchObject({ displayFormat: 'video', platforms: 'facebook,instagram,audience_network' });
    expect(video?.media).toEqual([expect.objectContaining({ type: 'video', videoLength: 34 })]);
    expect(typeof video?.createdAt).toBe('string');
    // The list stays light: no raw export object, no tsvector.
    expect(video).not.toHaveProperty('adLibraryObject');
    expect(video).not.toHaveProperty('search');
  });

  it('finds ads by a word of their body (full text) and with web-search syntax', async () => {
    const api = t.client((await tenantWithLibrary()).member);
    const byBody = await api.swipes.company.list.query({ q: 'Yirgacheffe' });
    expect(byBody.items.map((i) => i.externalAdId)).toEqual(['2299013847221120']);
    const phrase = await api.swipes.company.list.query({ q: '"spin class"' });
    expect(phrase.items.map((i) => i.externalAdId)).toEqual(['4402877310098870']);
    const dermatologist = await api.swipes.company.list.query({ q: 'dermatologist' });
    expect(sorted(dermatologist.items)).toEqual(['1184520937761042', '1184520937761099']);
    const excluded = await api.swipes.company.list.query({ q: 'dermatologist -routine' });
    expect(excluded.items.map((i) => i.externalAdId)).toEqual(['1184520937761042']);
    expect((await api.swipes.company.list.query({ q: 'kombucha' })).items).toHaveLength(0);
  });

  it('filters by platform, format, brand and active, alone and together', async () => {
    const tenant = await tenantWithLibrary();
    const api = t.client(tenant.member);
    const list = (input: Parameters<typeof api.swipes.company.list.query>[0]) =>
      api.swipes.company.list.query({ limit: 100, ...input }).then((p) => sorted(p.items));

    const messenger = await list({ platform: 'messenger' });
    expect(messenger).toEqual(idsWhere((ad) => platformsOf(ad).includes('messenger')));
    expect(messenger).toHaveLength(3);
    expect(await list({ platform: 'Audience_Network' })).toEqual(
      idsWhere((ad) => platformsOf(ad).includes('audience_network')),
    );
    const carousels = await list({ format: 'carousel' });
    expect(carousels).toEqual(idsWhere((ad) => ad.display_format === 'carousel'));
    expect(carousels).toHaveLength(4);
    expect(await list({ active: true })).toEqual(idsWhere((ad) => ad.active === true));
    expect(await list({ active: false })).toEqual(idsWhere((ad) => ad.active === false));
    expect(await list({ format: 'video', active: true })).toEqual(['1184520937761099', '4402877310098870']);

    const brands = await api.swipes.brands.list.query({});
    const fernwell = brands.items.find((b) => b.name === 'Fernwell');
    expect(fernwell?.adCount).toBe(3);
    expect(await list({ brandId: fernwell?.id })).toEqual(
      idsWhere((ad) => (ad.brand as Json).id === 'br_fernwell'),
    );
    expect(await list({ brandId: fernwell?.id, format: 'carousel', q: 'gift' })).toEqual([
      '4402877310098932',
    ]);
  });

  it('pages with a cursor through rows that share one import timestamp, without gaps or repeats', async () => {
    const api = t.client((await tenantWithLibrary()).member);
    const seen: string[] = [];
    let cursor: string | null = null;
    const sizes: number[] = [];
    do {
      const page: Awaited<ReturnType<typeof api.swipes.company.list.query>> =
        await api.swipes.company.list.query({
          limit: 5,
          cursor,
        });
      sizes.push(page.items.length);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(sizes).toEqual([5, 5, 2]);
    expect(new Set(seen).size).toBe(12);

    const filtered = await api.swipes.company.list.query({ active: true, limit: 4 });
    const rest = await api.swipes.company.list.query({ active: true, limit: 4, cursor: filtered.nextCursor });
    expect([...filtered.items, ...rest.items].map((i) => i.externalAdId).sort()).toEqual(
      idsWhere((ad) => ad.active === true),
    );
    expect(rest.nextCursor).toBeNull();

    const badCursor = await failure(api.swipes.company.list.query({ cursor: 'garbage' }));
    expect(badCursor.code).toBe('BAD_REQUEST');
    expect(fieldPaths(badCursor)).toContain('cursor');
  });

  it('gets one swipe with its brand, media and the raw export object', async () => {
    const api = t.client((await tenantWithLibrary()).member);
    const [item] = (await api.swipes.company.list.query({ q: 'Yirgacheffe' })).items;
    const swipe = await api.swipes.company.get.query({ id: item?.id ?? '' });
    expect(swipe).toMatchObject({
      externalAdId: '2299013847221120',
      title: 'Three origins, one box',
      startDate: '2025-12-01',
      brand: {
        name: 'Kindred Roast',
        externalBrandId: 'br_kindredroast',
        categories: ['Food & Beverage', 'Coffee'],
      },
    });
    expect(swipe.media).toHaveLength(3);
    expect(swipe.adLibraryObject).toEqual(EXPORT.ads[5]);
    expect(swipe).not.toHaveProperty('search');

    expect(fieldPaths(await failure(api.swipes.company.get.query({ id: 'nope' })))).toContain('id');
    expect((await failure(api.swipes.company.get.query({ id: crypto.randomUUID() }))).code).toBe('NOT_FOUND');
    expect(fieldPaths(await failure(api.swipes.company.list.query({ platform: 'face book' })))).toContain(
      'platform',
    );
    expect(fieldPaths(await failure(api.swipes.company.list.query({ limit: 101 })))).toContain('limit');
    expect(fieldPaths(await failure(api.swipes.company.list.query({ brandId: 'x' })))).toContain('brandId');
    expect((await failure(t.client(null).swipes.company.get.query({ id: item?.id ?? '' }))).code).toBe(
      'UNAUTHORIZED',
    );
    expect((await failure(t.client(null).swipes.company.list.query({}))).code).toBe('UNAUTHORIZED');
  });
});

describe('swipes.brands.list', () => {
  it('lists brands A→Z with their ad counts, searches and pages', async () => {
    const api = t.client((await tenantWithLibrary()).member);
    const all = await api.swipes.brands.list.query({});
    expect(all.items.map((b) => [b.name, b.adCount])).toEqual([
      ['Fernwell', 3],
      ['Glow Theory', 3],
      ['Hearth & Loom', 3],
      ['Kindred Roast', 3],
    ]);
    expect((await api.swipes.brands.list.query({ search: 'loom' })).items.map((b) => b.name)).toEqual([
      'Hearth & Loom',
    ]);
    const first = await api.swipes.brands.list.query({ limit: 3 });
    const second = await api.swipes.brands.list.query({ limit: 3, cursor: first.nextCursor });
    expect([...first.items, ...second.items].map((b) => b.name)).toEqual(all.items.map((b) => b.name));
    expect(second.nextCursor).toBeNull();
    expect(fieldPaths(await failure(api.swipes.brands.list.query({ cursor: 'x' })))).toContain('cursor');
    expect(fieldPaths(await failure(api.swipes.brands.list.query({ search: 'x'.repeat(201) })))).toContain(
      'search',
    );
    expect((await failure(t.client(null).swipes.brands.list.query({}))).code).toBe('UNAUTHORIZED');
  });
});

describe('tenant isolation', () => {
  it('another org never sees, gets or imports into the first org’s swipes', async () => {
    const a = await tenantWithLibrary();
    const b = await newTenant(t);
    const apiA = t.client(a.member);
    const apiB = t.client(b.operator);
    const [swipeA] = (await apiA.swipes.company.list.query({ q: 'Yirgacheffe' })).items;
    expect((await apiB.swipes.company.list.query({})).items).toHaveLength(0);
    expect((await apiB.swipes.company.list.query({ q: 'Yirgacheffe' })).items).toHaveLength(0);
    expect((await apiB.swipes.brands.list.query({})).items).toHaveLength(0);
    expect((await failure(apiB.swipes.company.get.query({ id: swipeA?.id ?? '' }))).code).toBe('NOT_FOUND');
    const brandA = (await apiA.swipes.brands.list.query({})).items[0];
    expect((await apiB.swipes.company.list.query({ brandId: brandA?.id })).items).toHaveLength(0);

    // The same external ids in org B create B's own rows; A's rows keep their content.
    const changed = structuredClone(EXPORT);
    (changed.ads[5] as Json).title = 'Org B title';
    const report = await apiB.swipes.company.import.mutate({ export: changed });
    expect(report).toMatchObject({ inserted: 12, updated: 0, unchanged: 0 });
    expect((await apiA.swipes.company.get.query({ id: swipeA?.id ?? '' })).title).toBe(
      'Three origins, one box',
    );
    const [swipeB] = (await apiB.swipes.company.list.query({ q: 'Yirgacheffe' })).items;
    expect(swipeB?.title).toBe('Org B title');
    expect(swipeB?.id).not.toBe(swipeA?.id);
  });
});

describe('swipes.client', () => {
  async function setup() {
    const tenant = await tenantWithLibrary();
    const api = t.client(tenant.member);
    const client = await api.clients.create.mutate({
      name: 'Lumen & Moss',
      primaryMarkets: ['US'],
      primaryLanguages: ['en'],
    });
    const [swipe] = (await api.swipes.company.list.query({ q: 'niacinamide' })).items;
    if (!swipe) throw new Error('fixture swipe missing');
    return { tenant, api, client, swipe };
  }

  it('saves linked and custom swipes, lists them with the linked title and brand, filters by tag and good', async () => {
    const { api, client, swipe } = await setup();
    const linked = await api.swipes.client.save.mutate({
      clientId: client.id,
      companySwipeId: swipe.id,
      tags: ['hook', 'ugc', 'hook'],
      notes: 'Strong problem-agitate opener; borrow the "barrier called" framing.',
      isGoodExample: true,
      isBadExample: false,
    });
    expect(linked).toMatchObject({ companySwipeId: swipe.id, tags: ['hook', 'ugc'], isGoodExample: true });
    const custom = await api.swipes.client.save.mutate({
      clientId: client.id,
      customTitle: 'Competitor claims "cures eczema"',
      customBody: 'Say goodbye to eczema forever with our miracle serum!',
      customChannel: 'meta',
      customFormat: 'static_1080x1080',
      customLandingPage: 'https://competitor.example/serum',
      customMedia: [{ url: 'https://cdn.example/competitor.jpg', type: 'image' }],
      tags: ['compliance'],
      isGoodExample: false,
      isBadExample: true,
    });
    expect(custom).toMatchObject({
      companySwipeId: null,
      isBadExample: true,
      customMedia: [{ type: 'image' }],
    });

    const all = await api.swipes.client.list.query({ clientId: client.id });
    expect(all.items.map((i) => i.id)).toEqual([custom.id, linked.id]);
    expect(all.items[1]?.companySwipe).toEqual({
      id: swipe.id,
      title: 'Your barrier called. It wants niacinamide.',
      displayFormat: 'image',
      brandId: swipe.brandId,
      brandName: 'Glow Theory',
    });
    expect(all.items[0]?.companySwipe).toBeNull();
    expect(
      (await api.swipes.client.list.query({ clientId: client.id, tag: 'ugc' })).items.map((i) => i.id),
    ).toEqual([linked.id]);
    expect(
      (await api.swipes.client.list.query({ clientId: client.id, good: true })).items.map((i) => i.id),
    ).toEqual([linked.id]);
    expect(
      (await api.swipes.client.list.query({ clientId: client.id, good: false })).items.map((i) => i.id),
    ).toEqual([custom.id]);
    const page1 = await api.swipes.client.list.query({ clientId: client.id, limit: 1 });
    const page2 = await api.swipes.client.list.query({
      clientId: client.id,
      limit: 1,
      cursor: page1.nextCursor,
    });
    expect([...page1.items, ...page2.items].map((i) => i.id)).toEqual([custom.id, linked.id]);
    expect(page2.nextCursor).toBeNull();
    // A client with no swipes yet lists empty (it exists), rather than answering NOT_FOUND.
    const other = await api.clients.create.mutate({
      name: 'Empty',
      primaryMarkets: [],
      primaryLanguages: [],
    });
    expect((await api.swipes.client.list.query({ clientId: other.id })).items).toEqual([]);
  });

  it('updates with the rules checked on the merged row, and removes', async () => {
    const { api, client, swipe } = await setup();
    const saved = await api.swipes.client.save.mutate({
      clientId: client.id,
      companySwipeId: swipe.id,
      isGoodExample: true,
      isBadExample: false,
    });
    const flagBoth = await failure(api.swipes.client.update.mutate({ id: saved.id, isBadExample: true }));
    expect(flagBoth.code).toBe('BAD_REQUEST');
    expect(fieldPaths(flagBoth)).toEqual(['isBadExample']);
    const empty = await failure(api.swipes.client.update.mutate({ id: saved.id, companySwipeId: null }));
    expect(fieldPaths(empty)).toEqual(['customTitle']);

    const flipped = await api.swipes.client.update.mutate({
      id: saved.id,
      isGoodExample: false,
      isBadExample: true,
      tags: ['too-long-copy'],
      notes: 'Copy runs past the fold on mobile.',
    });
    expect(flipped).toMatchObject({
      isGoodExample: false,
      isBadExample: true,
      tags: ['too-long-copy'],
      companySwipeId: swipe.id,
    });
    const unlinked = await api.swipes.client.update.mutate({
      id: saved.id,
      companySwipeId: null,
      customTitle: 'Kept idea',
    });
    expect(unlinked).toMatchObject({
      companySwipeId: null,
      customTitle: 'Kept idea',
      notes: 'Copy runs past the fold on mobile.',
    });

    expect(await api.swipes.client.remove.mutate({ id: saved.id })).toEqual({ id: saved.id, removed: true });
    expect((await failure(api.swipes.client.remove.mutate({ id: saved.id }))).code).toBe('NOT_FOUND');
    expect((await failure(api.swipes.client.update.mutate({ id: saved.id, notes: 'x' }))).code).toBe(
      'NOT_FOUND',
    );
  });

  it('refuses bad input naming the field', async () => {
    const { api, client, swipe } = await setup();
    const base = { clientId: client.id, companySwipeId: swipe.id };
    const cases: [Parameters<typeof api.swipes.client.save.mutate>[0], string][] = [
      [{ clientId: client.id }, 'customTitle'],
      [{ ...base, isGoodExample: true, isBadExample: true }, 'isBadExample'],
      [{ ...base, tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, 'tags'],
      [{ ...base, tags: [''] }, 'tags.0'],
      [{ ...base, notes: 'x'.repeat(5001) }, 'notes'],
      [{ ...base, customLandingPage: 'javascript:alert(1)' }, 'customLandingPage'],
      [{ ...base, customMedia: [{ url: 'ftp://x.example/a.jpg' }] }, 'customMedia.0.url'],
      [{ ...base, clientId: 'nope' }, 'clientId'],
      [{ ...base, companySwipeId: 'nope' }, 'companySwipeId'],
    ];
    for (const [input, field] of cases) {
      const f = await failure(api.swipes.client.save.mutate(input));
      expect({ field, code: f.code, paths: fieldPaths(f) }).toEqual({
        field,
        code: 'BAD_REQUEST',
        paths: [field],
      });
    }
    expect(fieldPaths(await failure(api.swipes.client.update.mutate({ id: 'x' })))).toContain('id');
    expect(fieldPaths(await failure(api.swipes.client.remove.mutate({ id: 'x' })))).toContain('id');
    expect(
      fieldPaths(await failure(api.swipes.client.list.query({ clientId: client.id, tag: '' }))),
    ).toContain('tag');
    expect(fieldPaths(await failure(api.swipes.client.list.query({ clientId: 'x' })))).toContain('clientId');
  });

  it('answers NOT_FOUND for another org’s client, company swipe or client swipe, and UNAUTHORIZED without a token', async () => {
    const a = await setup();
    const b = await setup();
    const mine = await a.api.swipes.client.save.mutate({ clientId: a.client.id, customBody: 'private idea' });

    const cross = [
      b.api.swipes.client.list.query({ clientId: a.client.id }),
      b.api.swipes.client.save.mutate({ clientId: a.client.id, customBody: 'x' }),
      b.api.swipes.client.save.mutate({ clientId: b.client.id, companySwipeId: a.swipe.id }),
      b.api.swipes.client.update.mutate({ id: mine.id, notes: 'stolen' }),
      b.api.swipes.client.remove.mutate({ id: mine.id }),
    ];
    for (const call of cross) expect((await failure(call)).code).toBe('NOT_FOUND');
    const bSwipe = await b.api.swipes.client.save.mutate({ clientId: b.client.id, customBody: 'b idea' });
    expect(
      (await failure(b.api.swipes.client.update.mutate({ id: bSwipe.id, companySwipeId: a.swipe.id }))).code,
    ).toBe('NOT_FOUND');
    expect((await failure(b.api.swipes.client.list.query({ clientId: crypto.randomUUID() }))).code).toBe(
      'NOT_FOUND',
    );
    // Nothing of A's changed.
    expect(
      (await a.api.swipes.client.list.query({ clientId: a.client.id })).items.map((i) => [i.id, i.notes]),
    ).toEqual([[mine.id, null]]);

    const anon = t.client(null);
    const anonymous = [
      anon.swipes.client.list.query({ clientId: a.client.id }),
      anon.swipes.client.save.mutate({ clientId: a.client.id, customBody: 'x' }),
      anon.swipes.client.update.mutate({ id: mine.id, notes: 'x' }),
      anon.swipes.client.remove.mutate({ id: mine.id }),
    ];
    for (const call of anonymous) expect((await failure(call)).code).toBe('UNAUTHORIZED');
  });
});

describe('database round trips', () => {
  it('each list and get costs one statement (two for an empty client list)', async () => {
    let statements = 0;
    const database = await createDb('pglite:memory', {
      onQuery: () => {
        statements += 1;
      },
    });
    try {
      await migrate(database);
      const org = await ensureOrg(database.db, { externalId: `org_rt_${crypto.randomUUID()}`, name: 'RT' });
      const user = await ensureUser(database.db, {
        orgId: org.id,
        clerkUserId: 'user_rt',
        email: 'rt@agency.test',
        name: null,
        role: 'operator',
      });
      const ctx: ServiceCtx = {
        db: database.db,
        member: {
          orgId: org.id,
          orgExternalId: 'org_rt',
          userId: user.id,
          clerkUserId: 'user_rt',
          role: 'operator',
          email: null,
        },
        gateway: new MemoryWorkflowGateway(),
        taskQueue: 'mos',
        llmStartLimiters: createMemoryLlmStartLimiters(),
      };
      await importCompanySwipes({ ctx, input: { export: structuredClone(EXPORT) } });
      const count = async (fn: () => Promise<unknown>) => {
        const start = statements;
        await fn();
        return statements - start;
      };
      const page = await listCompanySwipes({ ctx, input: { limit: 5 } });
      expect(
        await count(() =>
          listCompanySwipes({ ctx, input: { limit: 5, cursor: page.nextCursor, q: 'skin', active: true } }),
        ),
      ).toBe(1);
      expect(await count(() => getCompanySwipe({ ctx, input: { id: page.items[0]?.id ?? '' } }))).toBe(1);
      expect(await count(() => listSwipeBrands({ ctx, input: { limit: 50 } }))).toBe(1);
      const clientId = crypto.randomUUID();
      // An unknown client: the empty page, then the existence check that turns it into NOT_FOUND.
      expect(
        await count(() => listClientSwipes({ ctx, input: { clientId, limit: 50 } }).catch(() => null)),
      ).toBe(2);
    } finally {
      await database.close();
    }
  });
});

describe('seeded demo tenant', () => {
  it('local sign-in as the demo admin lands on the seeded user and sees the imported library', async () => {
    const app = await createTestApp();
    try {
      const seeded = await seed(app.database.db);
      const token = await issueLocalToken(
        app.keys,
        { email: 'demo@mos.local', orgId: 'org_demo', orgName: 'Demo Agency', role: 'admin' },
        { authorizedParty: WEB_ORIGIN },
      );
      const api = app.client(token);
      const me = await api.me.get.query();
      expect(me).toMatchObject({
        userId: seeded.userId,
        role: 'admin',
        org: { id: seeded.orgId, name: 'Demo Agency' },
      });
      expect((await api.swipes.company.list.query({ limit: 100 })).items).toHaveLength(12);
      expect((await api.clients.list.query({})).items.map((c) => c.name).sort()).toEqual([
        'Lumen & Moss',
        'Northwind Coffee',
      ]);
    } finally {
      await app.close();
    }
  });
});
