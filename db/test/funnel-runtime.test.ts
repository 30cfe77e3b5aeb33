/**
 * The pure parts of the public funnel runtime: the sticky variant rule, the active-publication cache (fresh,
 * stale-while-rechecking, too stale), the bounded body reader and the size-bounded page cache.
 */
import { describe, expect, it } from 'vitest';
import {
  BodyTooLarge,
  chooseVariant,
  createActiveFunnelCache,
  memoryPublishedCache,
  type PublicFunnel,
  readBoundedBody,
} from '../src/funnel-runtime/index';

const funnel = (activePublicationId: string): PublicFunnel => ({
  funnelId: 'f',
  orgId: 'o',
  clientId: 'c',
  publicId: 'p',
  status: 'published',
  settings: {},
  activePublicationId,
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
