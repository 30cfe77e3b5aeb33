import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readArmData, SignalsError, trafficEstimate } from '../src/data/experiment-signals';
import type { Database } from '../src/db-type';
import { createDb, migrate } from '../src/node';
import {
  type ArmFunnel,
  type ExperimentFixture,
  insertArmEvents,
  insertArmLead,
  insertSnapshot,
  seedArmAssets,
  seedArmFunnel,
  seedExperiment,
} from '../src/testing/experiment-fixtures';
import { testPostgresUrl } from '../src/testing/postgres';

/**
 * readArmData and trafficEstimate on real PostgreSQL, against numbers computed by hand from the rows each test
 * writes: duplicate visitors, a visitor who saw two arms, revised snapshot windows and unreadable rows.
 */
const DAY = 86_400_000;
const D0 = new Date('2026-05-04T00:00:00Z');
const at = (day: number, hour = 12) => new Date(D0.getTime() + day * DAY + hour * 3_600_000);
const day = (d: number) => new Date(D0.getTime() + d * DAY);

let database: Database;
beforeAll(async () => {
  database = await createDb(testPostgresUrl());
  await migrate(database);
});
afterAll(async () => {
  await database?.close();
});

describe('funnel arms', () => {
  let fx: ExperimentFixture;
  let funnel: ArmFunnel;
  const window = { from: day(0), to: day(3) };

  beforeAll(async () => {
    const db = database.db;
    fx = await seedExperiment(db, { arms: ['control', 'b', 'c'] });
    funnel = await seedArmFunnel(db, fx);
    await insertArmEvents(db, fx, funnel, [
      // v1: control twice (two days), submits 40 on the thank-you page.
      { type: 'page_view', visitorId: 'v1', arm: 'control', at: at(0, 10) },
      { type: 'page_view', visitorId: 'v1', arm: 'control', at: at(1, 10) },
      { type: 'form_submit', visitorId: 'v1', arm: null, at: at(1, 11), props: { value: 40 } },
      // v2: control, nothing else.
      { type: 'page_view', visitorId: 'v2', arm: 'control', at: at(0, 11) },
      // v3: b first, then control: counts in b; submits twice (10 and "15.5").
      { type: 'page_view', visitorId: 'v3', arm: 'b', at: at(0, 9) },
      { type: 'page_view', visitorId: 'v3', arm: 'control', at: at(0, 10) },
      { type: 'form_submit', visitorId: 'v3', arm: 'control', at: at(0, 10), props: { value: 10 } },
      { type: 'form_submit', visitorId: 'v3', arm: null, at: at(1, 10), props: { value: '15.5' } },
      // v4: c first, then b; converts by a lead only (no submit event).
      { type: 'page_view', visitorId: 'v4', arm: 'c', at: at(1, 8) },
      { type: 'page_view', visitorId: 'v4', arm: 'b', at: at(2, 8) },
      // v5: b; submit with an unreadable value: converts, revenue 0, one skipped.
      { type: 'page_view', visitorId: 'v5', arm: 'b', at: at(2, 9) },
      { type: 'form_submit', visitorId: 'v5', arm: 'b', at: at(2, 9), props: { value: 'abc' } },
      // v6: saw b before the window; submits inside it: no exposure in the window, not counted.
      { type: 'page_view', visitorId: 'v6', arm: 'b', at: at(-1) },
      { type: 'form_submit', visitorId: 'v6', arm: null, at: at(0) },
      // v7: c after the window (to is exclusive).
      { type: 'page_view', visitorId: 'v7', arm: 'c', at: day(3) },
      // v8: control, clicks the CTA only.
      { type: 'page_view', visitorId: 'v8', arm: 'control', at: at(2, 7) },
      { type: 'cta_click', visitorId: 'v8', arm: 'control', at: at(2, 8) },
      // v9: only the thank-you page: no arm.
      { type: 'page_view', visitorId: 'v9', arm: null, at: at(1) },
    ]);
    await insertArmLead(db, fx, funnel, { visitorId: 'v4', arm: 'c', at: at(1, 9) });
    // Another org's experiment with the same visitor ids: must not leak in.
    const other = await seedExperiment(db, { arms: ['control', 'b', 'c'] });
    const otherFunnel = await seedArmFunnel(db, other);
    await insertArmEvents(db, other, otherFunnel, [
      { type: 'page_view', visitorId: 'v2', arm: 'control', at: at(0) },
      { type: 'form_submit', visitorId: 'v2', arm: 'control', at: at(0), props: { value: 999 } },
      { type: 'page_view', visitorId: 'v10', arm: 'b', at: at(0) },
    ]);
  });

  test('cvr: visitors in the first arm they saw, converted by a submit or a lead', async () => {
    const r = await readArmData(database.db, fx.orgId, {
      experimentId: fx.experimentId,
      metric: 'cvr',
      window,
    });
    expect(r.source).toBe('funnel');
    expect(r.arms).toEqual({
      control: { kind: 'proportion', n: 3, sum: 1 },
      b: { kind: 'proportion', n: 2, sum: 2 },
      c: { kind: 'proportion', n: 1, sum: 1 },
    });
    // The conversion rate reads no submitted values, so none is unreadable for it.
    expect(r.skipped).toBe(0);
    // First exposures on day 0 (v1, v2, v3), day 1 (v4), day 2 (v5, v8).
    expect(r.traffic).toEqual({ units: 6, days: 3 });
  });

  test('revenue per visitor: the mean of each visitor’s submitted values', async () => {
    const r = await readArmData(database.db, fx.orgId, {
      experimentId: fx.experimentId,
      metric: 'revenue_per_visitor',
      window,
    });
    expect(r.arms.control).toEqual({ kind: 'mean', n: 3, sum: 40, sumSquares: 1600 });
    expect(r.arms.b).toEqual({ kind: 'mean', n: 2, sum: 25.5, sumSquares: 650.25 });
    expect(r.arms.c).toEqual({ kind: 'mean', n: 1, sum: 0, sumSquares: 0 });
    // v5's "abc" counts 0 and is reported.
    expect(r.skipped).toBe(1);
  });

  test('aov: revenue over orders per visitor, as a ratio', async () => {
    const r = await readArmData(database.db, fx.orgId, {
      experimentId: fx.experimentId,
      metric: 'aov',
      window,
    });
    expect(r.arms.b).toEqual({
      kind: 'ratio',
      n: 2,
      numSum: 25.5,
      numSumSquares: 650.25,
      denSum: 3,
      denSumSquares: 5,
      crossSum: 51,
    });
    expect(r.arms.control).toEqual({
      kind: 'ratio',
      n: 3,
      numSum: 40,
      numSumSquares: 1600,
      denSum: 1,
      denSumSquares: 1,
      crossSum: 40,
    });
    expect(r.arms.c).toMatchObject({ n: 1, numSum: 0, denSum: 1 });
  });

  test('a narrower window counts visitors first exposed in it, with their outcomes from exposure on', async () => {
    const read = (from: number, to: number) =>
      readArmData(database.db, fx.orgId, {
        experimentId: fx.experimentId,
        metric: 'cvr',
        window: { from: day(from), to: day(to) },
      });
    // Day 1: v1 sees control again but was first exposed on day 0: not a unit of this window. v4 first sees c.
    expect((await read(1, 2)).arms).toEqual({
      control: { kind: 'proportion', n: 0, sum: 0 },
      b: { kind: 'proportion', n: 0, sum: 0 },
      c: { kind: 'proportion', n: 1, sum: 1 },
    });
    // Day 0: v1, v2 (control), v3 (b). v1's submit on day 1 is after the window but after the exposure: it counts.
    expect((await read(0, 1)).arms).toEqual({
      control: { kind: 'proportion', n: 2, sum: 1 },
      b: { kind: 'proportion', n: 1, sum: 1 },
      c: { kind: 'proportion', n: 0, sum: 0 },
    });
  });

  test('a metric the funnel cannot measure reads the ads; another org’s id is not found', async () => {
    const ctr = await readArmData(database.db, fx.orgId, {
      experimentId: fx.experimentId,
      metric: 'ctr',
      window,
    });
    expect(ctr.source).toBe('ads');
    expect(ctr.arms.control).toEqual({ kind: 'proportion', n: 0, sum: 0 });
    const other = await seedExperiment(database.db, { arms: ['x', 'y'] });
    const err = await readArmData(database.db, other.orgId, {
      experimentId: fx.experimentId,
      metric: 'cvr',
      window,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SignalsError);
    expect((err as SignalsError).reason).toBe('not_found');
  });

  test('trafficEstimate: the client’s visitors per day and the measured baseline', async () => {
    const est = await trafficEstimate(database.db, fx.orgId, {
      clientId: fx.clientId,
      metric: 'cvr',
      days: 3,
      now: day(3),
    });
    // Visitors with any page view in [day 0, day 3): v1, v2, v3, v4, v5, v8, v9 (v6 viewed before, v7 after).
    // Converted: v1, v3, v4 (lead), v5, plus v6's submit does not count (no view in the window).
    expect(est.traffic).toEqual({
      source: 'funnel',
      unitsPerDay: 7 / 3,
      from: day(0).toISOString(),
      to: day(3).toISOString(),
    });
    expect(est.baseline).toBeCloseTo(4 / 7, 12);
    expect(est.data).toEqual({ kind: 'proportion', n: 7, sum: 4 });
  });
});

describe('ad arms', () => {
  let fx: ExperimentFixture;
  const window = { from: day(0), to: day(5) };
  const m = (
    impressions: unknown,
    clicks: unknown,
    conversions: unknown,
    spend: unknown,
    revenue: unknown,
  ) => ({
    impressions,
    clicks,
    conversions,
    spend,
    revenue,
  });
  // The rows that count, per arm, as [impressions, clicks, conversions, spend, revenue].
  const counted: Record<string, [number, number, number, number, number][]> = {
    a: [
      [1200, 60, 6, 120, 360],
      [800, 40, 2, 80, 100],
    ],
    b: [
      [1000, 30, 3, 90, 150],
      [900, 45, 9, 99.5, 400.5],
      [10, 20, 0, 5, 0],
    ],
  };

  beforeAll(async () => {
    const db = database.db;
    fx = await seedExperiment(db, { arms: ['a', 'b'], plan: true });
    const asset = await seedArmAssets(db, fx);
    const a = asset.a as string;
    const b = asset.b as string;
    const t = (minutes: number) => new Date(Date.UTC(2026, 4, 10, 0, minutes));
    // a, day 0: a manual row re-entered later; the newer one counts.
    await insertSnapshot(db, fx, {
      assetId: a,
      day: day(0),
      metrics: m(1000, 50, 5, 100, 300),
      createdAt: t(1),
    });
    await insertSnapshot(db, fx, {
      assetId: a,
      day: day(0),
      metrics: m(1200, 60, 6, 120, 360),
      createdAt: t(2),
    });
    // a, day 1: a CSV upload, then Meta's revised pull of the same window: the newest pull counts, once.
    await insertSnapshot(db, fx, {
      assetId: a,
      day: day(1),
      metrics: m(9999, 999, 99, 999, 999),
      source: 'csv',
      createdAt: t(1),
    });
    await insertSnapshot(db, fx, {
      assetId: a,
      day: day(1),
      metrics: m(800, 40, 2, 80, 100),
      source: 'meta',
      createdAt: t(0),
      pulledAt: t(5),
      revision: 1,
      attributionWindow: '7d_click',
    });
    await insertSnapshot(db, fx, { assetId: b, day: day(0), metrics: m(1000, 30, 3, 90, 150) });
    // Numeric strings, as platform exports give them, are read.
    await insertSnapshot(db, fx, { assetId: b, day: day(1), metrics: m('900', 45, 9, '99.5', 400.5) });
    // Unreadable: a negative count, a word, a fractional count.
    await insertSnapshot(db, fx, { assetId: b, day: day(2), metrics: m(-5, 1, 0, 1, 0) });
    await insertSnapshot(db, fx, { assetId: b, day: day(3), metrics: m(100, 'many', 0, 1, 0) });
    await insertSnapshot(db, fx, { assetId: a, day: day(3), metrics: m(100, 1.5, 0, 1, 0) });
    // More clicks than impressions: readable, but not a proportion for ctr.
    await insertSnapshot(db, fx, { assetId: b, day: day(4), metrics: m(10, 20, 0, 5, 0) });
    // Outside the window.
    await insertSnapshot(db, fx, { assetId: b, day: day(5), metrics: m(5000, 500, 50, 500, 5000) });
    // An asset of the experiment that is no arm.
    const [stray] = await seedArmAssets(db, { ...fx, arms: ['not-an-arm'] }).then((r) => Object.values(r));
    await insertSnapshot(db, fx, { assetId: stray as string, day: day(0), metrics: m(100, 10, 1, 10, 10) });
  });

  const ratio = (
    rows: [number, number, number, number, number][],
    num: 0 | 1 | 2 | 3 | 4,
    den: 0 | 1 | 2 | 3 | 4,
  ) => ({
    kind: 'ratio',
    n: rows.length,
    numSum: rows.reduce((s, r) => s + r[num], 0),
    numSumSquares: rows.reduce((s, r) => s + r[num] ** 2, 0),
    denSum: rows.reduce((s, r) => s + r[den], 0),
    denSumSquares: rows.reduce((s, r) => s + r[den] ** 2, 0),
    crossSum: rows.reduce((s, r) => s + r[num] * r[den], 0),
  });

  test('ctr and cvr: proportions over impressions and clicks, newest row per window', async () => {
    const ctr = await readArmData(database.db, fx.orgId, {
      experimentId: fx.experimentId,
      metric: 'ctr',
      window,
    });
    expect(ctr.source).toBe('ads');
    expect(ctr.arms).toEqual({
      a: { kind: 'proportion', n: 2000, sum: 100 },
      b: { kind: 'proportion', n: 1900, sum: 75 },
    });
    // Three unreadable rows, the stray asset, and b's day 4 (clicks > impressions).
    expect(ctr.skipped).toBe(5);
    expect(ctr.traffic).toEqual({ units: 3900, days: 2 });

    const cvr = await readArmData(database.db, fx.orgId, {
      experimentId: fx.experimentId,
      metric: 'cvr',
      window,
    });
    expect(cvr.arms).toEqual({
      a: { kind: 'proportion', n: 100, sum: 8 },
      b: { kind: 'proportion', n: 95, sum: 12 },
    });
    expect(cvr.skipped).toBe(4);
    expect(cvr.traffic).toEqual({ units: 195, days: 3 });
  });

  test('cpa: spend over conversions per row, with every sum the delta method needs', async () => {
    const r = await readArmData(database.db, fx.orgId, {
      experimentId: fx.experimentId,
      metric: 'cpa',
      window,
    });
    expect(r.arms.a).toEqual({
      kind: 'ratio',
      n: 2,
      numSum: 200,
      numSumSquares: 20800,
      denSum: 8,
      denSumSquares: 40,
      crossSum: 880,
    });
    expect(r.arms.b).toEqual({
      kind: 'ratio',
      n: 3,
      numSum: 194.5,
      numSumSquares: 18025.25,
      denSum: 12,
      denSumSquares: 90,
      crossSum: 1165.5,
    });
    expect(r.traffic.units).toBe(5);
  });

  test('roas, revenue per click and aov are ratios over the same rows', async () => {
    const cases = [
      ['roas', 4, 3],
      ['revenue_per_visitor', 4, 1],
      ['aov', 4, 2],
    ] as const;
    for (const [metric, num, den] of cases) {
      const r = await readArmData(database.db, fx.orgId, { experimentId: fx.experimentId, metric, window });
      for (const arm of ['a', 'b']) {
        const got = r.arms[arm] as unknown as Record<string, unknown>;
        expect(got.kind).toBe('ratio');
        for (const [k, v] of Object.entries(ratio(counted[arm] ?? [], num, den)))
          if (k !== 'kind') expect(got[k], `${metric} ${arm} ${k}`).toBeCloseTo(v as number, 9);
      }
      expect(r.skipped).toBe(4);
    }
  });

  test('trafficEstimate from snapshots when the metric is an ad metric', async () => {
    const est = await trafficEstimate(database.db, fx.orgId, {
      clientId: fx.clientId,
      campaignId: fx.campaignId,
      metric: 'ctr',
      days: 5,
      now: day(5),
    });
    // All of the client's assets, the stray one included: 2000 + 1900 + 100 impressions, 100 + 75 + 10 clicks.
    expect(est.traffic.source).toBe('snapshots');
    expect(est.traffic.unitsPerDay).toBe(4000 / 5);
    expect(est.baseline).toBeCloseTo(185 / 4000, 12);
    const none = await trafficEstimate(database.db, fx.orgId, {
      clientId: fx.clientId,
      metric: 'ctr',
      days: 5,
      now: day(20),
    });
    expect(none).toEqual({
      traffic: { source: 'none', unitsPerDay: 0, from: null, to: null },
      baseline: null,
      data: null,
    });
  });
});
