import { DECISION_METRIC_INFO, DecisionMetricId } from '@mos/db/contracts';
import type { ReactNode } from 'react';
import { Badge } from '@/components/ui/badge';
import { humanize } from '@/lib/format';
import { channelLabel, formatLabel, idLabel, metricLabel } from '@/lib/labels';

/*
 * Readable views of the campaign artifacts. The API returns artifact data as JSON; these views read it
 * defensively (an older or hand-edited version may lack a field) instead of trusting a cast.
 */

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);
const strs = (v: unknown): string[] => arr(v).flatMap((x) => (typeof x === 'string' ? [x] : []));
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
/** "20,000 USD", "30.40 USD": cents shown only when there are some, and then both digits. */
const money = (amount: number | null, currency: string | null) =>
  amount === null
    ? '—'
    : `${amount.toLocaleString('en-US', { minimumFractionDigits: Number.isInteger(amount) ? 0 : 2, maximumFractionDigits: 2 })} ${currency ?? ''}`.trim();

/** Label / value pairs on one line each, for the facts a strategist scans first (`stacked`: one fact per row). */
function Facts({ items, stacked = false }: { items: [string, string][]; stacked?: boolean }) {
  if (items.length === 0) return null;
  if (stacked)
    return (
      <dl className="grid grid-cols-[7rem_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm">
        {items.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-muted-foreground">{k}</dt>
            <dd className="break-words font-medium">{v}</dd>
          </div>
        ))}
      </dl>
    );
  return (
    <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm">
      {items.map(([k, v]) => (
        <div key={k} className="flex gap-1.5">
          <dt className="text-muted-foreground">{k}</dt>
          <dd className="font-medium">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    // content-start: beside a taller neighbour the section must not spread its heading away from its content.
    <section className="grid content-start gap-2">
      <h4 className="text-xs font-semibold tracking-wide text-muted-foreground uppercase">{title}</h4>
      {children}
    </section>
  );
}

function Bullets({ items }: { items: string[] }) {
  if (items.length === 0) return <p className="text-sm text-muted-foreground">None listed.</p>;
  return (
    <ul className="list-disc space-y-1 pl-5 text-sm">
      {items.map((t) => (
        <li key={t}>{t}</li>
      ))}
    </ul>
  );
}

export function StrategySheetView({ data }: { data: unknown }) {
  const d = obj(data);
  const channels = arr(d.channelPlan).map(obj);
  const pillars = arr(d.messaging).map(obj);
  const budget = obj(d.budget);
  const targets = obj(d.targets);
  const currency = str(budget.currency);
  const audiences = arr(d.audiences).map(obj);
  const phases = arr(d.phases).map(obj);
  const facts: [string, string][] = [];
  if (num(budget.total) !== null) facts.push(['Total budget', money(num(budget.total), currency)]);
  if (num(targets.cpa) !== null) facts.push(['Target CPA', money(num(targets.cpa), currency)]);
  if (num(targets.roas) !== null) facts.push(['Target ROAS', `${num(targets.roas)}×`]);
  return (
    <div className="grid gap-6">
      <div className="grid gap-6 md:grid-cols-2">
        <Section title="Goal">
          <p className="text-sm">{str(d.goal) ?? '—'}</p>
        </Section>
        <Section title="Hypothesis">
          <p className="text-sm">{str(d.hypothesis) ?? '—'}</p>
        </Section>
      </div>
      {facts.length > 0 ? (
        <Section title="Budget and targets">
          <Facts items={facts} />
          {str(targets.rationale) ? (
            <p className="text-sm text-muted-foreground">{str(targets.rationale)}</p>
          ) : null}
        </Section>
      ) : null}
      {audiences.length > 0 ? (
        <Section title="Audiences">
          <div className="grid gap-2 md:grid-cols-2">
            {audiences.map((a, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: audiences are listed most valuable first
              <div key={i} className="grid gap-1 rounded-md border p-3 text-sm">
                <div className="flex flex-wrap items-center gap-1.5">
                  <span className="font-medium">{idLabel(str(a.icpId) ?? 'Audience')}</span>
                  {strs(a.channels).map((c) => (
                    <Badge key={c} variant="outline">
                      {channelLabel(c)}
                    </Badge>
                  ))}
                </div>
                {str(a.rationale) ? <p>{str(a.rationale)}</p> : null}
              </div>
            ))}
          </div>
        </Section>
      ) : null}
      {phases.length > 0 ? (
        <Section title="Phases">
          <ol className="grid gap-2">
            {phases.map((p, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: phases follow each other in time
              <li key={i} className="grid gap-1 rounded-md border p-3 text-sm">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <span className="font-medium">{str(p.name) ?? `Phase ${i + 1}`}</span>
                  <span className="tabular-nums text-muted-foreground">
                    {`Days ${num(p.startDay) ?? '?'}–${num(p.endDay) ?? '?'} · ${money(num(p.budget), currency)}`}
                  </span>
                </div>
                {str(p.objective) ? <p>{str(p.objective)}</p> : null}
                {str(p.exitCriteria) ? (
                  <p className="text-muted-foreground">{`Move on when: ${str(p.exitCriteria)}`}</p>
                ) : null}
              </li>
            ))}
          </ol>
        </Section>
      ) : null}
      {strs(d.assumptions).length > 0 ? (
        <Section title="Assumptions">
          <Bullets items={strs(d.assumptions)} />
        </Section>
      ) : null}
      <Section title="Channel plan">
        {channels.length === 0 ? (
          <p className="text-sm text-muted-foreground">No channels planned.</p>
        ) : (
          <div className="grid gap-2">
            {channels.map((c, i) => {
              const pct = typeof c.budgetSplitPercent === 'number' ? c.budgetSplitPercent : null;
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: a channel may repeat; the plan's order is stable
                <div key={i} className="grid gap-1 rounded-md border p-3">
                  <div className="flex items-center justify-between gap-3">
                    <span className="font-medium">{channelLabel(str(c.channel) ?? 'channel')}</span>
                    {pct !== null ? (
                      <span className="text-sm tabular-nums text-muted-foreground">{pct}% of budget</span>
                    ) : null}
                  </div>
                  {pct !== null ? (
                    <div className="h-1.5 overflow-hidden rounded-full bg-secondary" aria-hidden>
                      <div className="h-full bg-primary" style={{ width: `${Math.min(pct, 100)}%` }} />
                    </div>
                  ) : null}
                  {str(c.objective) ? <p className="text-sm">{str(c.objective)}</p> : null}
                  {str(c.notes) ? <p className="text-sm text-muted-foreground">{str(c.notes)}</p> : null}
                </div>
              );
            })}
          </div>
        )}
      </Section>
      <Section title="Messaging pillars">
        {pillars.length === 0 ? (
          <p className="text-sm text-muted-foreground">No pillars.</p>
        ) : (
          <div className="grid gap-3 md:grid-cols-2">
            {pillars.map((p, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: pillars have no id; their order is stable
              <div key={i} className="grid gap-2 rounded-md border p-3">
                <p className="font-medium">{str(p.title) ?? 'Pillar'}</p>
                <Bullets items={strs(p.proofPoints)} />
                <div className="flex flex-wrap gap-1">
                  {strs(p.targetSegments).map((s) => (
                    <Badge key={s} variant="secondary">
                      {idLabel(s)}
                    </Badge>
                  ))}
                </div>
              </div>
            ))}
          </div>
        )}
      </Section>
      <div className="grid gap-6 md:grid-cols-2">
        <Section title="Risks">
          <Bullets items={strs(d.risks)} />
        </Section>
        <Section title="Mitigations">
          <Bullets items={strs(d.mitigations)} />
        </Section>
      </div>
    </div>
  );
}

/** The experiment spec of one experiment row, looked up by its specId inside the ExperimentSpecSet. */
export function findSpec(specSet: unknown, specId: string): Json | null {
  return (
    arr(obj(specSet).experimentSpecs)
      .map(obj)
      .find((s) => s.id === specId) ?? null
  );
}

/** A decision metric's label, or the raw id of one this build does not know. */
const decisionMetric = (v: unknown) => {
  const id = DecisionMetricId.safeParse(v);
  return id.success ? DECISION_METRIC_INFO[id.data].label : str(v);
};
const pct = (v: number) => `${Math.round(v * 1000) / 10} %`;

/** What code computed for the spec (the plan the gate shows and approval locks), as label/value pairs. */
function planFacts(plan: Json): [string, string][] {
  const facts: [string, string][] = [];
  const perArm = num(plan.samplePerArm);
  const arms = arr(plan.arms).length;
  if (perArm !== null)
    facts.push(['Sample per arm', `${perArm.toLocaleString()}${arms ? ` (× ${arms} arms)` : ''}`]);
  const days = num(plan.expectedDays);
  facts.push(['Expected duration', days === null ? 'unknown: no traffic measured' : `${days} days`]);
  const baseline = obj(plan.baseline);
  const value = num(baseline.value);
  const id = DecisionMetricId.safeParse(baseline.metric);
  if (value !== null && id.success)
    facts.push([
      'Baseline',
      `${DECISION_METRIC_INFO[id.data].format === 'percent' ? pct(value) : value.toLocaleString()}`,
    ]);
  const traffic = obj(plan.traffic);
  const perDay = num(traffic.unitsPerDay);
  if (perDay !== null && perDay > 0)
    facts.push(['Traffic', `${Math.round(perDay).toLocaleString()} a day (${str(traffic.source) ?? ''})`]);
  const power = num(plan.power);
  const alpha = num(obj(plan.stopRule).alpha);
  if (power !== null && alpha !== null) facts.push(['Power / alpha', `${pct(power)} / ${alpha}`]);
  const prior = obj(plan.prior);
  const priorMean = num(prior.mean);
  const priorSd = num(prior.sd);
  if (priorMean !== null && priorSd !== null)
    facts.push([
      'Prior',
      `lift ${pct(priorMean)} ± ${pct(priorSd)} from ${num(prior.experiments) ?? 0} experiments (${str(prior.vertical) ?? ''})`,
    ]);
  return facts;
}

export function ExperimentSpecView({ spec }: { spec: Json }) {
  const variants = arr(spec.variants).map(obj);
  const budget = obj(spec.budgetEstimate);
  const facts: [string, string][] = [];
  const metrics = strs(spec.metricIds);
  if (str(spec.testedVariable)) facts.push(['Tests', humanize(String(spec.testedVariable))]);
  const primary = decisionMetric(spec.primaryMetric);
  if (primary) facts.push(['Decided on', primary]);
  if (metrics.length)
    facts.push([
      primary ? 'Reported metrics' : metrics.length === 1 ? 'Decision metric' : 'Decision metrics',
      metrics.map(metricLabel).join(', '),
    ]);
  const guardrails = arr(spec.guardrails)
    .map(obj)
    .flatMap((g) => {
      const harm = num(g.maxRelativeHarm);
      const label = decisionMetric(g.metric);
      return label && harm !== null ? [`${label} no worse than −${pct(harm)}`] : [];
    });
  if (guardrails.length) facts.push(['Guardrails', guardrails.join('; ')]);
  if (str(spec.stopRule))
    facts.push(['Stop rule', spec.stopRule === 'fixed' ? 'Fixed: read once at the sample' : 'Sequential']);
  if (num(spec.mde) !== null) facts.push(['Minimum effect', pct(num(spec.mde) ?? 0)]);
  if (typeof spec.durationDays === 'number') facts.push(['Duration', `${spec.durationDays} days`]);
  if (typeof spec.sampleSizeEstimate === 'number')
    facts.push(["Sample (the model's guess)", spec.sampleSizeEstimate.toLocaleString()]);
  if (typeof budget.amount === 'number') facts.push(['Budget', money(budget.amount, str(budget.currency))]);
  const plan = spec.plan ? obj(spec.plan) : null;
  return (
    <div className="grid gap-3">
      {str(spec.hypothesis) ? <p className="text-sm">{str(spec.hypothesis)}</p> : null}
      <Facts items={facts} />
      {plan ? (
        <Section title="Plan computed by code">
          <Facts items={planFacts(plan)} />
        </Section>
      ) : str(spec.planIssue) ? (
        <Section title="Plan computed by code">
          <p className="text-sm text-muted-foreground">{str(spec.planIssue)}</p>
        </Section>
      ) : null}
      {strs(spec.constants).length ? (
        <Section title="Kept the same in every arm">
          <Bullets items={strs(spec.constants)} />
        </Section>
      ) : null}
      <div className="grid gap-2 sm:grid-cols-2">
        {variants.map((v, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: variant ids may be missing in older versions
          <div key={i} className="rounded-md border bg-muted/30 p-3 text-sm">
            <p className="flex flex-wrap items-center gap-1.5 font-medium">
              {str(v.name) ?? str(v.id) ?? `Variant ${i + 1}`}
              {v.id !== undefined && v.id === spec.controlVariantId ? (
                <Badge variant="secondary">Control</Badge>
              ) : null}
            </p>
            {str(v.description) ? <p className="text-muted-foreground">{str(v.description)}</p> : null}
            {strs(v.guardrails).length ? (
              <div className="mt-2">
                <p className="text-xs font-medium text-muted-foreground">Guardrails</p>
                <ul className="mt-0.5 list-disc pl-5 text-xs">
                  {strs(v.guardrails).map((g) => (
                    <li key={g}>{g}</li>
                  ))}
                </ul>
              </div>
            ) : null}
            <div className="mt-2 flex flex-wrap gap-1">
              {strs(v.channels).map((c) => (
                <Badge key={c} variant="outline">
                  {channelLabel(c)}
                </Badge>
              ))}
            </div>
          </div>
        ))}
      </div>
    </div>
  );
}

/** What a brief tests and where it runs: tested variable, market, language, offer, prices, audience, landing page. */
function briefFacts(b: Json): [string, string][] {
  const market = obj(b.market);
  const facts: [string, string][] = [];
  if (str(b.testedVariable)) facts.push(['Tests', humanize(String(b.testedVariable))]);
  const where = [strs(market.countries).join(', '), str(market.language), str(market.currency)].filter(
    Boolean,
  );
  if (where.length) facts.push(['Market', where.join(' · ')]);
  if (str(b.offerId)) facts.push(['Offer', idLabel(String(b.offerId))]);
  const prices = arr(b.pricePoints)
    .map(obj)
    .map((p) => `${str(p.label) ?? ''} ${money(num(p.amount), str(p.currency))}`.trim());
  if (prices.length) facts.push(['Prices', prices.join('; ')]);
  if (str(b.audienceIcpId)) facts.push(['Audience', idLabel(String(b.audienceIcpId))]);
  if (str(b.landingPage)) facts.push(['Landing page', String(b.landingPage)]);
  return facts;
}

export function BriefsView({ data }: { data: unknown }) {
  const briefs = arr(obj(data).assetBriefs).map(obj);
  if (briefs.length === 0) return <p className="text-sm text-muted-foreground">The brief set is empty.</p>;
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      {briefs.map((b, i) => {
        const reqs = arr(b.requirements).map(obj);
        return (
          <article key={str(b.id) ?? i} className="grid gap-3 rounded-md border p-4">
            <header className="grid gap-1">
              <h4 className="flex flex-wrap items-center gap-2 font-medium">
                {str(b.variantId) ? idLabel(String(b.variantId)) : `Brief ${i + 1}`}
                {str(b.variantId) && b.variantId === b.controlVariantId ? (
                  <Badge variant="secondary">Control</Badge>
                ) : null}
              </h4>
              {str(b.experimentId) ? (
                <p className="text-xs text-muted-foreground">{`Experiment: ${idLabel(String(b.experimentId))}`}</p>
              ) : null}
            </header>
            {str(b.hypothesis) ? <p className="text-sm text-muted-foreground">{str(b.hypothesis)}</p> : null}
            <Facts items={briefFacts(b)} stacked />
            {str(b.creativeConcept) ? <p className="text-sm">{str(b.creativeConcept)}</p> : null}
            {strs(b.constants).length ? (
              <Section title="Kept the same in every arm">
                <Bullets items={strs(b.constants)} />
              </Section>
            ) : null}
            <Section title="Deliverables">
              <ul className="grid gap-1.5 text-sm">
                {reqs.map((r, j) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: requirements have no id
                  <li key={j} className="grid gap-0.5 rounded-md border px-2.5 py-2">
                    <div className="flex flex-wrap items-center gap-2">
                      <Badge variant="outline">
                        {`${channelLabel(str(r.channel) ?? 'channel')} · ${formatLabel(str(r.format) ?? 'format')}`}
                      </Badge>
                      {str(r.funnelStage) ? (
                        <span className="text-xs text-muted-foreground">
                          {humanize(String(r.funnelStage))}
                        </span>
                      ) : null}
                    </div>
                    {str(r.hook) ? <p className="italic">“{str(r.hook)}”</p> : null}
                    {str(r.angle) ? (
                      <p className="text-xs text-muted-foreground">{`Angle: ${str(r.angle)}`}</p>
                    ) : null}
                  </li>
                ))}
              </ul>
            </Section>
            <div className="grid gap-3 sm:grid-cols-2">
              <Section title="Tone">
                <Bullets items={strs(b.toneGuidelines)} />
              </Section>
              <Section title="Visual">
                <Bullets items={strs(b.visualGuidelines)} />
              </Section>
            </div>
            {strs(b.guardrails).length ? (
              <Section title="Guardrails of this test">
                <Bullets items={strs(b.guardrails)} />
              </Section>
            ) : null}
            {strs(b.constraints).length ? (
              <Section title="Client constraints (canon, every asset)">
                <Bullets items={strs(b.constraints)} />
              </Section>
            ) : null}
          </article>
        );
      })}
    </div>
  );
}
