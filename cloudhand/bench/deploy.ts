/**
 * `pnpm bench:deploy`: both deploy budgets in one run.
 *   1. a no-change re-apply against the local server vs. the raw ssh commands it runs (budget ≤ 2×);
 *   2. funnel page throughput through the generated nginx site, cache warm, vs. nginx serving the same file from a
 *      minimal static config (budget ≥ 0.9×).
 * Each baseline is measured in the same run as its subject. Exit code 1 when a budget is missed.
 */
import { benchReapply, REAPPLY_BUDGET } from './deploy-reapply';
import { benchFunnelThroughput } from './deploy-throughput';

const reapply = await benchReapply();
const throughput = await benchFunnelThroughput({ log: (l) => console.log(l) });
const returning = await benchFunnelThroughput({ returningVisitors: true });

const round = (n: number) => Math.round(n * 100) / 100;
console.log('\npnpm bench:deploy');
console.log(
  `  re-apply (no change): ${round(reapply.engineMs)} ms vs raw ssh ${round(reapply.rawMs)} ms over ${reapply.commands} commands → ${round(reapply.ratio)}× (budget ≤ ${REAPPLY_BUDGET}×) ${reapply.ratio <= REAPPLY_BUDGET ? 'ok' : 'OVER BUDGET'}`,
);
for (const [label, r] of [
  ['new visitors', throughput],
  ['returning visitors', returning],
] as const) {
  console.log(
    `  funnel throughput, ${label}: ${Math.round(r.funnelRps)} req/s vs static ${Math.round(r.staticRps)} req/s → ${round(r.ratio)}× (budget ≥ ${r.budget}×) ${r.ok ? 'ok' : 'UNDER BUDGET'}; nginx CPU per request ratio ${r.cpuRatio === null ? 'n/a' : round(r.cpuRatio)}; served from cache ${Math.round(r.cacheServed * 100)} %`,
  );
}
if (reapply.ratio > REAPPLY_BUDGET || !throughput.ok || !returning.ok) process.exitCode = 1;
