/**
 * AssetBriefSet (`asset_brief`): the creative briefs made in one call, typically one per (experiment, variant)
 * (reference §3; the original stored `{asset_briefs: [...]}`). A brief states what its experiment tests (the
 * hypothesis, the tested variable, the control and what stays constant) and the market it is written for; the
 * arms of one experiment differ only in the tested variable (`checkArmsDifferOnlyIn`).
 */
import * as z from 'zod';
import { checkUnique, currencyCode, FunnelStage, list, longText, shortText, slug, uuid } from './common';
import { TestedVariable } from './experiment-spec-set';
import { defineRule, ruleIssue } from './rules';

export const AssetRequirement = z.strictObject({
  /** Channel id, e.g. `meta`, `google_search`, `email`. */
  channel: slug(),
  /** Format id, e.g. `video_30s`, `static_1080x1080`, `search_rsa`, `email_html`. */
  format: slug().describe(
    'Format id: video_<seconds>s (video_15s, video_30s), static_<w>x<h> (static_1080x1080), carousel_<n>, ' +
      'story_video_15s, search_rsa (Google responsive search ad) or email_html.',
  ),
  angle: shortText(300).nullable(),
  hook: shortText(500).nullable(),
  funnelStage: FunnelStage.nullable(),
});
export type AssetRequirement = z.infer<typeof AssetRequirement>;

/**
 * Where and in what language the ads run: one market of the campaign (a campaign in several markets gets one brief
 * per market), with the client's language for it and that market's currency.
 */
export const BriefMarket = z.strictObject({
  /** Country codes or names, e.g. `US`, `DE`. */
  countries: list(shortText(60), 20),
  /** BCP 47 tag or language name of the copy, e.g. `en`, `de-DE`. */
  language: shortText(35).nullable(),
  currency: currencyCode().nullable(),
});
export type BriefMarket = z.infer<typeof BriefMarket>;

/** A price the copy may quote, as the offers table holds it (amount in major units). */
export const BriefPricePoint = z.strictObject({
  offerName: shortText(),
  label: shortText(),
  amount: z.number().min(0).max(100_000_000),
  currency: currencyCode(),
});
export type BriefPricePoint = z.infer<typeof BriefPricePoint>;

export const AssetBrief = z.strictObject({
  id: slug(),
  clientId: uuid(),
  campaignId: uuid().nullable(),
  experimentId: slug().nullable(),
  variantId: slug().nullable(),
  /** The experiment's hypothesis, what it varies, its control arm and what every arm keeps the same. */
  hypothesis: longText(1000).nullable(),
  testedVariable: TestedVariable.nullable(),
  controlVariantId: slug().nullable(),
  constants: list(shortText(300), 20),
  market: BriefMarket,
  /** Canon offer id this arm sells (null: the brand, no specific offer). */
  offerId: slug().nullable(),
  pricePoints: list(BriefPricePoint, 20),
  /** Canon ICP id this arm speaks to. */
  audienceIcpId: slug().nullable(),
  landingPage: shortText(500).nullable(),
  creativeConcept: longText(2000).nullable(),
  requirements: list(AssetRequirement, 20, 1),
  /** The canon's legal and compliance rules. */
  constraints: list(longText(1000), 30),
  /** The test's own guardrails for this arm (from the experiment spec's variant), on top of the constraints. */
  guardrails: list(shortText(300), 10),
  toneGuidelines: list(shortText(300), 30),
  visualGuidelines: list(shortText(300), 30),
});
export type AssetBrief = z.infer<typeof AssetBrief>;

/** Ids, client and campaign of every brief are filled by code (ARTIFACT_SYSTEM_FIELDS): no prompt states it. */
export const briefScopeRule = defineRule({
  id: 'asset_brief.ids-and-scope',
  statement: "Every brief has its own id and belongs to the set's client and campaign.",
  prompts: [],
});

export const armsDifferRule = defineRule({
  id: 'asset_brief.arms-differ-only-in-tested-variable',
  statement:
    'The arms of one experiment are identical except for the tested variable, which differs from the control.',
  prompts: ['build/asset_briefs'],
});

/** One place where arms of an experiment differ in what they must share, or fail to differ in what they test. */
export interface ArmIssue {
  path: (string | number)[];
  message: string;
  rule: string;
}

type ArmBrief = Pick<
  AssetBrief,
  | 'experimentId'
  | 'variantId'
  | 'testedVariable'
  | 'controlVariantId'
  | 'offerId'
  | 'pricePoints'
  | 'audienceIcpId'
  | 'landingPage'
  | 'requirements'
> &
  Partial<Pick<AssetBrief, 'market'>>;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Checks that the briefs of each experiment (its arms) differ only in the experiment's tested variable and that
 * every arm differs from the control in it; a pure function (paths index `briefs`), used by the stored schema and
 * by the evaluation harness. Requirements are compared position by position (same channel, format, funnel stage).
 * A campaign in several markets has one set of arms per market: arms are compared within their market only.
 */
export function checkArmsDifferOnlyIn(briefs: readonly ArmBrief[]): ArmIssue[] {
  const issues: ArmIssue[] = [];
  const add = (path: (string | number)[], message: string) =>
    issues.push({ path, message, rule: armsDifferRule.id });
  const groups = new Map<string, { experimentId: string; indexes: number[] }>();
  briefs.forEach((b, i) => {
    if (b.experimentId === null) return;
    const key = JSON.stringify([b.experimentId, b.market?.countries ?? []]);
    const group = groups.get(key) ?? { experimentId: b.experimentId, indexes: [] };
    group.indexes.push(i);
    groups.set(key, group);
  });
  for (const { experimentId, indexes } of groups.values()) {
    if (indexes.length < 2) continue;
    const first = briefs[indexes[0] ?? 0];
    if (!first) continue;
    const controlIndex =
      indexes.find((i) => briefs[i]?.variantId === first.controlVariantId) ?? indexes[0] ?? 0;
    const control = briefs[controlIndex];
    if (!control) continue;
    const tested = control.testedVariable;
    for (const i of indexes) {
      const arm = briefs[i];
      if (!arm || i === controlIndex) continue;
      const name = `arm "${arm.variantId ?? i}" of ${experimentId}`;
      if (arm.testedVariable !== tested) {
        add(
          [i, 'testedVariable'],
          `${name} tests ${arm.testedVariable ?? 'nothing'}, the control tests ${tested ?? 'nothing'}`,
        );
        continue;
      }
      if (tested !== 'offer') {
        if (arm.offerId !== control.offerId)
          add([i, 'offerId'], `${name} sells another offer than the control`);
        else if (!same(arm.pricePoints, control.pricePoints))
          add([i, 'pricePoints'], `${name} quotes other prices than the control`);
      }
      if (tested !== 'audience' && arm.audienceIcpId !== control.audienceIcpId)
        add([i, 'audienceIcpId'], `${name} targets another audience than the control`);
      if (tested !== 'landing_page' && arm.landingPage !== control.landingPage)
        add([i, 'landingPage'], `${name} sends traffic to another landing page than the control`);
      if (arm.requirements.length !== control.requirements.length) {
        add(
          [i, 'requirements'],
          `${name} has ${arm.requirements.length} requirements, the control ${control.requirements.length}`,
        );
      } else {
        arm.requirements.forEach((r, k) => {
          const c = control.requirements[k];
          if (!c) return;
          const at = [i, 'requirements', k];
          if (r.channel !== c.channel)
            add([...at, 'channel'], `${name} runs on ${r.channel}, the control on ${c.channel}`);
          if (r.funnelStage !== c.funnelStage)
            add([...at, 'funnelStage'], `${name} targets another funnel stage`);
          if (tested !== 'format' && r.format !== c.format)
            add([...at, 'format'], `${name} uses ${r.format}, the control ${c.format}`);
          if (tested !== 'angle' && r.angle !== c.angle)
            add(
              [...at, 'angle'],
              `${name} changes the angle, which this ${tested ?? 'untyped'} test keeps constant`,
            );
          if (tested !== 'angle' && tested !== 'hook' && r.hook !== c.hook)
            add(
              [...at, 'hook'],
              `${name} changes the hook, which this ${tested ?? 'untyped'} test keeps constant`,
            );
        });
      }
      const differs =
        tested === 'offer'
          ? arm.offerId !== control.offerId || !same(arm.pricePoints, control.pricePoints)
          : tested === 'audience'
            ? arm.audienceIcpId !== control.audienceIcpId
            : tested === 'landing_page'
              ? arm.landingPage !== control.landingPage
              : tested === null
                ? true
                : arm.requirements.some((r, k) => {
                    const c = control.requirements[k];
                    if (!c) return true;
                    if (tested === 'format') return r.format !== c.format;
                    if (tested === 'angle') return r.angle !== c.angle;
                    return r.hook !== c.hook;
                  });
      if (!differs) add([i], `${name} does not differ from the control in the tested ${tested}`);
    }
  }
  return issues;
}

export const AssetBriefSet = z
  .strictObject({
    clientId: uuid(),
    campaignId: uuid().nullable(),
    assetBriefs: list(AssetBrief, 50, 1),
  })
  .superRefine((set, ctx) => {
    checkUnique(set.assetBriefs, (b) => b.id, ctx, ['assetBriefs'], 'brief id', briefScopeRule);
    set.assetBriefs.forEach((brief, i) => {
      if (brief.clientId !== set.clientId) {
        ruleIssue(ctx, briefScopeRule, ['assetBriefs', i, 'clientId'], 'Must equal the set clientId');
      }
      if (brief.campaignId !== set.campaignId) {
        ruleIssue(ctx, briefScopeRule, ['assetBriefs', i, 'campaignId'], 'Must equal the set campaignId');
      }
    });
    // Briefs that do not state what their test varies (stored before issue 8) cannot be checked against it.
    const stated = set.assetBriefs.map((b) => (b.testedVariable === null ? { ...b, experimentId: null } : b));
    for (const issue of checkArmsDifferOnlyIn(stated))
      ruleIssue(ctx, armsDifferRule, ['assetBriefs', ...issue.path], issue.message);
  });
export type AssetBriefSet = z.infer<typeof AssetBriefSet>;
