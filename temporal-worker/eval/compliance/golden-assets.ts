/**
 * The deterministic compliance check run on the golden fixtures' generated assets, as the compliance QA step runs
 * it on drafts: the asset's copy fields with the campaign's context (the offer's renewal, the special ad category,
 * the canon's substantiated claims), judged as one ad where policy does (`checkAsset`: a renewal disclosure in any
 * field covers the others). Reported beside the validators: it catches what they leave to compliance QA.
 */
import { formatSpecOf } from '@mos/db/artifacts';
import type { AdField, AssetFieldInput, checkAsset } from '../../src/compliance';
import type { GoldenDrafts, GoldenInput } from '../golden/types';

/** The check of one ad's fields (the compliance module's `checkAsset`). */
export type AssetCheck = typeof checkAsset;

export interface AssetFinding {
  asset: string;
  field: string;
  category: string;
  severity: string;
}

const FIELDS = [
  ['hook', 'hook'],
  ['headline', 'headline'],
  ['primaryText', 'primary_text'],
  ['script', 'script'],
  ['imagePrompt', 'image_prompt'],
] as const;

export function complianceFindings(
  check: AssetCheck,
  input: GoldenInput,
  drafts: GoldenDrafts,
): AssetFinding[] {
  const substantiatedClaims = drafts.canon.claims
    .filter((c) => c.status === 'substantiated')
    .map((c) => c.claim);
  const out: AssetFinding[] = [];
  for (const a of drafts.assets) {
    const brief = drafts.assetBriefs.assetBriefs.find((b) => b.id === a.briefId);
    const requirement = brief?.requirements[a.requirement];
    if (!brief || !requirement) continue;
    const platform = formatSpecOf(requirement).platform;
    const offer = input.offers.find((o) => o.id === brief.offerId);
    const base = {
      language: brief.market.language?.toLowerCase().startsWith('de') ? ('de' as const) : ('en' as const),
      vertical: input.client.vertical,
      platform: platform === 'google' || platform === 'tiktok' ? platform : ('meta' as const),
      context: {
        // A subscription offer renews only at a subscription price; an arm quoting none sells the one-off.
        subscription:
          (offer?.subscription ?? false) &&
          brief.pricePoints.some((p) =>
            offer?.pricePoints.some((o) => o.interval !== null && o.amount === p.amount),
          ),
        specialAdCategory: input.campaign.specialAdCategory,
        substantiatedClaims,
      },
    };
    // A search ad is read headline by headline and description by description (its flat copy joins them).
    const rsa = a.asset.headlines !== null;
    const texts: [string, AdField, string | null][] = FIELDS.filter(
      ([key]) => !rsa || (key !== 'headline' && key !== 'primaryText'),
    ).map(([key, field]) => [key, field, a.asset[key]]);
    a.asset.headlines?.forEach((h, i) => {
      texts.push([`headlines.${i}`, 'headline', h]);
    });
    a.asset.descriptions?.forEach((d, i) => {
      texts.push([`descriptions.${i}`, 'description', d]);
    });
    const fields: AssetFieldInput[] = texts.flatMap(([key, field, text]) =>
      text ? [{ ...base, key, field, text }] : [],
    );
    for (const hit of check(fields))
      out.push({
        asset: a.id,
        field: hit.key,
        category: hit.finding.category,
        severity: hit.finding.severity,
      });
  }
  return out;
}
