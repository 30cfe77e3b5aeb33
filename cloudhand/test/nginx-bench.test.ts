/**
 * The throughput benchmark measures what it says: both sites answer 200 with the same page, and every answer of
 * the funnel site during the measured rounds came from nginx's cache (the comparison is cache vs static file).
 */
import { describe, expect, it } from 'vitest';
import { benchFunnelThroughput } from '../bench/deploy-throughput';

describe('benchFunnelThroughput', () => {
  it('runs both sites in one nginx with the funnel page served from the cache', async () => {
    const r = await benchFunnelThroughput({ concurrency: 4, roundMs: 200, rounds: 2 });
    expect(r.samePage).toBe(true);
    // Every funnel answer of the measured rounds came from the cache (so there were some), and the static site
    // answered too: the figures compare two sites that both served.
    expect(r.cacheServed).toBe(1);
    expect(r.staticRps).toBeGreaterThan(0);
    expect(r.roundRatios).toHaveLength(2);
    expect(r.budget).toBe(0.9);
    expect(r.ok).toBe(r.ratio >= 0.9);
  }, 30_000);
});
