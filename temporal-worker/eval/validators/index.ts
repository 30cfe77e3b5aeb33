/**
 * Output validators: what a strategist checks in a draft before signing it, run by code on recorded outputs and on
 * approved versions. The planning checks are the chain's own pure functions (`@mos/db/artifacts` plan checks), so
 * the harness measures what MOS enforces; the rest are checks only a whole chain of drafts can make (quotes against
 * the research, URLs against what the search returned, prices against the offers table, copy against its market).
 */
import {
  AssetBriefSet,
  ClientCanon,
  checkArmsDifferOnlyIn,
  checkAssetFormat,
  checkStrategyAudiences,
  checkStrategyBudget,
  type EvidenceRecord,
  ExperimentSpecSet,
  evidenceRef,
  GeneratedAsset,
  MetricSchema,
  quoteFoundIn,
  ResearchStep,
  StrategySheet,
} from '@mos/db/artifacts';
import type { z } from 'zod';
import type { GoldenAsset, GoldenDrafts, GoldenInput, ValidatorId } from '../golden/types';
import { guessLanguage } from './language';
import { moneyMentions } from './money';

export interface ValidatorIssue {
  path: string;
  message: string;
}

export interface Validator {
  id: ValidatorId;
  title: string;
  run(input: GoldenInput, drafts: GoldenDrafts): ValidatorIssue[];
}

const zodIssues = (prefix: string, schema: z.ZodType, doc: unknown): ValidatorIssue[] => {
  const parsed = schema.safeParse(doc);
  return parsed.success
    ? []
    : parsed.error.issues.map((i) => ({
        path: [prefix, ...i.path.map(String)].join('.'),
        message: i.message,
      }));
};

/** Every customer quote and claim of the research, by ref (`04:q3`). */
function evidenceIndex(drafts: GoldenDrafts): Map<string, EvidenceRecord> {
  const out = new Map<string, EvidenceRecord>();
  for (const step of drafts.research)
    for (const e of step.evidence) out.set(evidenceRef(step.stepKey, e.id), e);
  return out;
}

/** The copy of an asset a person reads, field by field (scenes' words included). */
function copyFields(a: GoldenAsset): { field: string; text: string }[] {
  const x = a.asset;
  const out: { field: string; text: string }[] = [];
  const add = (field: string, text: string | null | undefined) => {
    if (text) out.push({ field: `assets.${a.id}.${field}`, text });
  };
  add('hook', x.hook);
  add('headline', x.headline);
  add('primaryText', x.primaryText);
  x.headlines?.forEach((h, i) => {
    add(`headlines.${i}`, h);
  });
  x.descriptions?.forEach((d, i) => {
    add(`descriptions.${i}`, d);
  });
  x.scenes?.forEach((s, i) => {
    add(`scenes.${i}.onScreenText`, s.onScreenText);
    add(`scenes.${i}.voiceover`, s.voiceover);
  });
  return out;
}

const briefOf = (drafts: GoldenDrafts, a: GoldenAsset) =>
  drafts.assetBriefs.assetBriefs.find((b) => b.id === a.briefId);

/** Passages a copy puts in quotation marks as someone's words (four words or more). */
function quotedPassages(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/[“„"]([^“”„"]{12,400})[”“"]/g)) {
    const inner = m[1]?.trim() ?? '';
    if (inner.split(/\s+/).length >= 4) out.push(inner);
  }
  return out;
}

function onDomain(url: string, domain: string): boolean {
  try {
    const host = new URL(url).hostname.toLowerCase();
    const d = domain.toLowerCase();
    return host === d || host.endsWith(`.${d}`);
  } catch {
    return false;
  }
}

const AGE_OR_PLACE_TARGETING =
  /\b(?:aged?\s*\d{2}|\d{2}\s*(?:-|–|to)\s*\d{2}\s*(?:year|yo\b|y\/o)|under\s+\d{2}|over\s+\d{2}|\d{2}\+|zip\s*codes?|postcodes?|men only|women only|male|female|moms?|dads?)\b/i;

export const VALIDATORS: readonly Validator[] = [
  {
    id: 'schema',
    title: 'Stored schemas and their rules',
    run(_input, d) {
      return [
        ...d.research.flatMap((s) => zodIssues(`research.${s.stepKey}`, ResearchStep, s)),
        ...zodIssues('canon', ClientCanon, d.canon),
        ...zodIssues('metricSchema', MetricSchema, d.metricSchema),
        ...zodIssues('strategySheet', StrategySheet, d.strategySheet),
        ...zodIssues('experimentSpecs', ExperimentSpecSet, d.experimentSpecs),
        ...zodIssues('assetBriefs', AssetBriefSet, d.assetBriefs),
        ...d.assets.flatMap((a) => zodIssues(`assets.${a.id}`, GeneratedAsset, a.asset)),
      ];
    },
  },
  {
    id: 'format',
    title: 'Format lengths and timing (per platform)',
    run(_input, d) {
      return d.assets.flatMap((a) => {
        const requirement = briefOf(d, a)?.requirements[a.requirement];
        if (!requirement)
          return [
            { path: `assets.${a.id}`, message: `no requirement ${a.requirement} of brief ${a.briefId}` },
          ];
        return checkAssetFormat(a.asset, requirement).map((i) => ({
          path: `assets.${a.id}.${i.path}`,
          message: `${requirement.channel} ${requirement.format}: ${i.message}`,
        }));
      });
    },
  },
  {
    id: 'market_currency',
    title: "Market, language, currency and prices match the client's",
    run(input, d) {
      const issues: ValidatorIssue[] = [];
      const markets = input.markets;
      const key = (m: { country: string; currency: string }) => `${m.country}/${m.currency}`;
      const clientKeys = new Set(markets.map(key));
      d.canon.markets.forEach((m, i) => {
        if (!clientKeys.has(key(m)))
          issues.push({ path: `canon.markets.${i}`, message: `${key(m)} is not a market of the client` });
      });
      for (const m of markets) {
        if (!d.canon.markets.some((c) => key(c) === key(m)))
          issues.push({ path: 'canon.markets', message: `the client's market ${key(m)} is missing` });
      }
      const budget = d.strategySheet.budget;
      if (budget === null)
        issues.push({ path: 'strategySheet.budget', message: 'the strategy states no budget or currency' });
      else if (budget.currency !== input.campaign.currency)
        issues.push({
          path: 'strategySheet.budget.currency',
          message: `${budget.currency} is not the campaign's currency ${input.campaign.currency}`,
        });
      d.experimentSpecs.experimentSpecs.forEach((s, i) => {
        if (s.budgetEstimate && s.budgetEstimate.currency !== input.campaign.currency)
          issues.push({
            path: `experimentSpecs.${i}.budgetEstimate.currency`,
            message: `${s.budgetEstimate.currency} is not the campaign's currency ${input.campaign.currency}`,
          });
      });
      const prices = input.offers.flatMap((o) => o.pricePoints.map((p) => ({ offer: o, p })));
      d.assetBriefs.assetBriefs.forEach((b, i) => {
        const at = `assetBriefs.${i}`;
        const served = markets.filter((m) => b.market.countries.includes(m.country));
        b.market.countries.forEach((c) => {
          if (!markets.some((m) => m.country === c))
            issues.push({ path: `${at}.market.countries`, message: `${c} is not a market of the client` });
        });
        if (b.market.currency !== null && !served.some((m) => m.currency === b.market.currency))
          issues.push({
            path: `${at}.market.currency`,
            message: `${b.market.currency} is not the currency of ${b.market.countries.join(', ')}`,
          });
        const lang = b.market.language?.toLowerCase().slice(0, 2) ?? null;
        if (lang !== null && !served.some((m) => m.language.toLowerCase().startsWith(lang)))
          issues.push({
            path: `${at}.market.language`,
            message: `${b.market.language} is not a language of ${b.market.countries.join(', ')}`,
          });
        b.pricePoints.forEach((pp, k) => {
          const known = prices.some(
            ({ offer, p }) =>
              offer.name === pp.offerName &&
              Math.abs(p.amount - pp.amount) < 0.005 &&
              p.currency === pp.currency,
          );
          if (!known)
            issues.push({
              path: `${at}.pricePoints.${k}`,
              message: `${pp.offerName} ${pp.amount} ${pp.currency} is not a price point of the offers table`,
            });
          if (b.market.currency !== null && pp.currency !== b.market.currency)
            issues.push({
              path: `${at}.pricePoints.${k}.currency`,
              message: `${pp.currency} is not the brief's market currency ${b.market.currency}`,
            });
        });
      });
      for (const a of d.assets) {
        const brief = briefOf(d, a);
        if (!brief) continue;
        for (const { field, text } of copyFields(a)) {
          for (const m of moneyMentions(text)) {
            if (brief.market.currency !== null && m.currency !== null && m.currency !== brief.market.currency)
              issues.push({
                path: field,
                message: `"${m.raw}" is in ${m.currency}, the market's currency is ${brief.market.currency}`,
              });
            else if (!brief.pricePoints.some((p) => Math.abs(p.amount - m.amount) < 0.005))
              issues.push({
                path: field,
                message: `"${m.raw}" is not one of the brief's price points (${brief.pricePoints.map((p) => `${p.amount} ${p.currency}`).join(', ') || 'none'})`,
              });
          }
        }
        const lang = brief.market.language?.toLowerCase().slice(0, 2);
        const body = [a.asset.primaryText, ...(a.asset.scenes ?? []).map((s) => s.voiceover ?? '')].join(' ');
        const guessed = guessLanguage(body);
        if (lang && guessed !== null && guessed !== lang)
          issues.push({
            path: `assets.${a.id}.primaryText`,
            message: `the copy reads as ${guessed}; the brief's market language is ${brief.market.language}`,
          });
      }
      return issues;
    },
  },
  {
    id: 'quote_provenance',
    title: 'Quotes are found word for word in the research evidence',
    run(_input, d) {
      const issues: ValidatorIssue[] = [];
      const evidence = evidenceIndex(d);
      const customerQuotes = [...evidence.values()].filter(
        (e) => e.kind === 'quote' && e.sourceType === 'customer',
      );
      d.canon.voiceOfCustomer.quotes.forEach((q, i) => {
        const at = `canon.voiceOfCustomer.quotes.${i}`;
        const record = q.evidenceRef === null ? undefined : evidence.get(q.evidenceRef);
        if (!record) {
          issues.push({ path: `${at}.evidenceRef`, message: `"${q.evidenceRef}" is no evidence record` });
          return;
        }
        if (record.kind !== 'quote' || record.sourceType !== 'customer')
          issues.push({ path: `${at}.evidenceRef`, message: `${q.evidenceRef} is not a customer quote` });
        if (!quoteFoundIn(q.quote, record.text))
          issues.push({ path: `${at}.quote`, message: `not found word for word in ${q.evidenceRef}` });
        if (q.sourceUrl !== record.url)
          issues.push({ path: `${at}.sourceUrl`, message: `is not the URL of ${q.evidenceRef}` });
      });
      for (const step of d.research) {
        step.quoteBank?.forEach((entry, i) => {
          const record = step.evidence.find((e) => e.id === entry.evidenceId);
          const at = `research.${step.stepKey}.quoteBank.${i}`;
          if (record?.kind !== 'quote' || record.sourceType !== 'customer')
            issues.push({ path: at, message: `${entry.evidenceId} is not a customer quote of the step` });
          else if (!quoteFoundIn(entry.quote, record.text))
            issues.push({ path: `${at}.quote`, message: `not found word for word in ${entry.evidenceId}` });
        });
      }
      for (const a of d.assets) {
        for (const { field, text } of copyFields(a)) {
          for (const passage of quotedPassages(text)) {
            if (!customerQuotes.some((e) => quoteFoundIn(passage, e.text)))
              issues.push({
                path: field,
                message: `"${passage}" is quoted as someone's words but no customer said it`,
              });
          }
        }
      }
      return issues;
    },
  },
  {
    id: 'url_provenance',
    title: 'URLs: provider sources only from the search; landing pages on the client domain',
    run(input, d) {
      const issues: ValidatorIssue[] = [];
      const allCited = new Set<string>();
      for (const step of d.research) {
        const cited = new Set(d.citations[step.stepKey] ?? []);
        for (const u of cited) allCited.add(u);
        const at = `research.${step.stepKey}`;
        step.sources.forEach((s, i) => {
          if (!cited.has(s.url))
            issues.push({ path: `${at}.sources.${i}`, message: `${s.url} was not returned by the search` });
        });
        step.evidence.forEach((e, i) => {
          if (e.provenance === 'provider_citation' && (e.url === null || !cited.has(e.url)))
            issues.push({
              path: `${at}.evidence.${i}.provenance`,
              message: `${e.url ?? 'no URL'} is marked as a search citation but the search did not return it`,
            });
        });
        if (!step.webSearchUsed && step.sources.length > 0)
          issues.push({ path: `${at}.sources`, message: 'sources without a web search' });
      }
      const known = new Set([
        ...allCited,
        ...[...evidenceIndex(d).values()].flatMap((e) => (e.url ? [e.url] : [])),
      ]);
      d.canon.proof.forEach((p, i) => {
        if (p.sourceUrl && !known.has(p.sourceUrl) && !onDomain(p.sourceUrl, input.client.domain))
          issues.push({
            path: `canon.proof.${i}.sourceUrl`,
            message: `${p.sourceUrl} is neither in the research nor on ${input.client.domain}`,
          });
      });
      d.assetBriefs.assetBriefs.forEach((b, i) => {
        if (b.landingPage && /^https?:/i.test(b.landingPage) && !onDomain(b.landingPage, input.client.domain))
          issues.push({
            path: `assetBriefs.${i}.landingPage`,
            message: `${b.landingPage} is not on the client's domain ${input.client.domain}`,
          });
      });
      return issues;
    },
  },
  {
    id: 'metric_ids',
    title: 'Metric ids are declared by the metric schema',
    run(_input, d) {
      const declared = new Set(d.metricSchema.events.flatMap((e) => e.metrics.map((m) => m.id)));
      const issues: ValidatorIssue[] = [];
      d.experimentSpecs.experimentSpecs.forEach((s, i) => {
        s.metricIds.forEach((m, j) => {
          if (!declared.has(m))
            issues.push({
              path: `experimentSpecs.${i}.metricIds.${j}`,
              message: `"${m}" is not a declared metric`,
            });
        });
      });
      for (const field of ['primaryKpis', 'secondaryKpis'] as const) {
        d.metricSchema[field].forEach((m, j) => {
          if (!declared.has(m))
            issues.push({ path: `metricSchema.${field}.${j}`, message: `"${m}" is not a declared metric` });
        });
      }
      return issues;
    },
  },
  {
    id: 'budget',
    title: "Budgets within the campaign's",
    run(input, d) {
      const c = input.campaign;
      const sheet = d.strategySheet;
      const issues: ValidatorIssue[] = checkStrategyBudget(sheet, {
        budgetMin: c.budgetMin,
        budgetMax: c.budgetMax,
        timeframeDays: c.timeframeDays,
        currency: c.currency,
      }).map((i) => ({ path: `strategySheet.${i.path}`, message: i.message }));
      // A sheet without a budget is reported by checkStrategyBudget; there are no totals to compare.
      const total = sheet.budget?.total ?? Number.POSITIVE_INFINITY;
      const phased = sheet.phases.reduce((n, p) => n + p.budget, 0);
      if (phased > total + 0.005)
        issues.push({
          path: 'strategySheet.phases',
          message: `phases spend ${phased}, more than ${total}`,
        });
      const tests = d.experimentSpecs.experimentSpecs.reduce(
        (n, s) => n + (s.budgetEstimate?.amount ?? 0),
        0,
      );
      if (tests > total + 0.005)
        issues.push({
          path: 'experimentSpecs',
          message: `the tests' budgets add up to ${tests}, more than the strategy's ${total}`,
        });
      d.experimentSpecs.experimentSpecs.forEach((s, i) => {
        if (s.durationDays !== null && s.durationDays > c.timeframeDays)
          issues.push({
            path: `experimentSpecs.${i}.durationDays`,
            message: `${s.durationDays} days, longer than the campaign's ${c.timeframeDays}`,
          });
      });
      return issues;
    },
  },
  {
    id: 'one_variable',
    title: 'One tested variable per test',
    run(_input, d) {
      const briefs = d.assetBriefs.assetBriefs;
      const issues: ValidatorIssue[] = checkArmsDifferOnlyIn(briefs).map((i) => ({
        path: `assetBriefs.${i.path.join('.')}`,
        message: i.message,
      }));
      briefs.forEach((b, i) => {
        if (b.experimentId === null) return;
        const spec = d.experimentSpecs.experimentSpecs.find((s) => s.id === b.experimentId);
        const at = `assetBriefs.${i}`;
        if (!spec) {
          issues.push({
            path: `${at}.experimentId`,
            message: `"${b.experimentId}" is no experiment of the specs`,
          });
          return;
        }
        if (b.testedVariable !== spec.testedVariable)
          issues.push({
            path: `${at}.testedVariable`,
            message: `the brief tests ${b.testedVariable ?? 'nothing'}, the experiment ${spec.testedVariable}`,
          });
        if (b.controlVariantId !== spec.controlVariantId)
          issues.push({ path: `${at}.controlVariantId`, message: `is not the experiment's control` });
        if (!spec.variants.some((v) => v.id === b.variantId))
          issues.push({ path: `${at}.variantId`, message: `"${b.variantId}" is no variant of ${spec.id}` });
      });
      for (const spec of d.experimentSpecs.experimentSpecs) {
        for (const v of spec.variants) {
          if (!briefs.some((b) => b.experimentId === spec.id && b.variantId === v.id))
            issues.push({ path: `experimentSpecs.${spec.id}.${v.id}`, message: 'this arm has no brief' });
        }
      }
      return issues;
    },
  },
  {
    id: 'audiences',
    title: 'Audiences and offers from the canon; special ad categories not targeted by age, sex or place',
    run(input, d) {
      const icpIds = d.canon.icps.map((i) => i.id);
      const offerIds = d.canon.offers.map((o) => o.id);
      const issues: ValidatorIssue[] = checkStrategyAudiences(d.strategySheet, icpIds).map((i) => ({
        path: `strategySheet.${i.path}`,
        message: i.message,
      }));
      d.assetBriefs.assetBriefs.forEach((b, i) => {
        if (b.audienceIcpId !== null && !icpIds.includes(b.audienceIcpId))
          issues.push({
            path: `assetBriefs.${i}.audienceIcpId`,
            message: `"${b.audienceIcpId}" is no ICP of the canon`,
          });
        if (b.offerId !== null && !offerIds.includes(b.offerId))
          issues.push({
            path: `assetBriefs.${i}.offerId`,
            message: `"${b.offerId}" is no offer of the canon`,
          });
      });
      if (input.campaign.specialAdCategory !== null) {
        const texts: { path: string; text: string }[] = [
          ...d.strategySheet.audiences.map((a, i) => ({
            path: `strategySheet.audiences.${i}.rationale`,
            text: a.rationale ?? '',
          })),
          ...d.canon.icps.flatMap((icp, i) =>
            icp.segments.map((s, j) => ({ path: `canon.icps.${i}.segments.${j}`, text: s })),
          ),
          ...d.strategySheet.channelPlan.map((c, i) => ({
            path: `strategySheet.channelPlan.${i}.notes`,
            text: c.notes ?? '',
          })),
        ];
        for (const t of texts) {
          const m = AGE_OR_PLACE_TARGETING.exec(t.text);
          if (m)
            issues.push({
              path: t.path,
              message: `"${m[0]}": a ${input.campaign.specialAdCategory} campaign cannot target by age, sex or postcode`,
            });
        }
      }
      return issues;
    },
  },
];

export interface ValidatorResult {
  id: ValidatorId;
  title: string;
  passed: boolean;
  issues: ValidatorIssue[];
}

/** Runs every validator; a validator that throws reports its error as an issue (a harness bug must not pass). */
export function runValidators(input: GoldenInput, drafts: GoldenDrafts): ValidatorResult[] {
  return VALIDATORS.map((v) => {
    let issues: ValidatorIssue[];
    try {
      issues = v.run(input, drafts);
    } catch (err) {
      issues = [{ path: '(validator)', message: `threw: ${(err as Error).message}` }];
    }
    return { id: v.id, title: v.title, passed: issues.length === 0, issues };
  });
}
