// A small HTTP/1.1 load generator for the benchmarks: N keep-alive connections, each sending its next request
// as soon as the previous answer is read, for a fixed time. Throughput and latency percentiles per target.
import http from 'node:http';

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  bytes: number;
}

export async function load(opts: {
  url: string;
  connections: number;
  seconds: number;
  headers?: Record<string, string>;
  /** Only these statuses count as successes (default 200). */
  expectStatus?: number;
}): Promise<LoadResult> {
  const url = new URL(opts.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.connections });
  const latencies: number[] = [];
  let errors = 0;
  let bytes = 0;
  const deadline = performance.now() + opts.seconds * 1000;
  const one = () =>
    new Promise<void>((resolve) => {
      const start = performance.now();
      const req = http.request(
        { host: url.hostname, port: url.port, path: url.pathname + url.search, agent, headers: opts.headers },
        (res) => {
          let n = 0;
          res.on('data', (c: Buffer) => {
            n += c.length;
          });
          res.on('end', () => {
            if (res.statusCode === (opts.expectStatus ?? 200)) {
              latencies.push(performance.now() - start);
              bytes += n;
            } else errors++;
            resolve();
          });
        },
      );
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end();
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: opts.connections }, async () => {
      while (performance.now() < deadline) await one();
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
  return {
    requests: latencies.length,
    errors,
    seconds,
    rps: latencies.length / seconds,
    p50: pct(50),
    p99: pct(99),
    bytes,
  };
}

/** Alternates the targets round by round (so drift on a shared machine hits both) and sums each one's rounds. */
export async function interleaved<K extends string>(
  targets: Record<K, Parameters<typeof load>[0]>,
  rounds: number,
): Promise<Record<K, LoadResult & { rounds: LoadResult[] }>> {
  const all: Partial<Record<K, LoadResult[]>> = {};
  for (let r = 0; r < rounds; r++) {
    const names = Object.keys(targets) as K[];
    for (const name of r % 2 === 0 ? names : [...names].reverse()) {
      const target = targets[name];
      if (!target) continue;
      const result = await load(target);
      all[name] = [...(all[name] ?? []), result];
    }
  }
  const out = {} as Record<K, LoadResult & { rounds: LoadResult[] }>;
  for (const [name, results] of Object.entries(all) as [K, LoadResult[]][]) {
    const requests = results.reduce((n, r) => n + r.requests, 0);
    const seconds = results.reduce((n, r) => n + r.seconds, 0);
    out[name] = {
      requests,
      errors: results.reduce((n, r) => n + r.errors, 0),
      seconds,
      rps: requests / seconds,
      // The worst round's p50/p99: a conservative figure without keeping every sample across rounds.
      p50: Math.max(...results.map((r) => r.p50)),
      p99: Math.max(...results.map((r) => r.p99)),
      bytes: results.reduce((n, r) => n + r.bytes, 0),
      rounds: results,
    };
  }
  return out;
}

/**
 * The median over rounds of subject/baseline throughput, each round's pair measured back to back: on a shared
 * machine whose load swings between rounds, this is steadier than the ratio of the totals.
 */
export function pairedRatio(subject: { rounds: LoadResult[] }, baseline: { rounds: LoadResult[] }): number {
  const ratios = subject.rounds
    .map((r, i) => r.rps / (baseline.rounds[i]?.rps ?? Number.NaN))
    .filter((x) => Number.isFinite(x))
    .sort((a, b) => a - b);
  return ratios[Math.floor(ratios.length / 2)] ?? Number.NaN;
}
