/**
 * The deterministic compliance check run on the golden fixtures' generated assets, as the compliance QA step runs
 * it on drafts: each copy field with the campaign's context (the offer's renewal, the special ad category, the
 * canon's substantiated claims). Reported beside the validators: it catches what they leave to compliance QA.
 */
import { formatSpecOf } from '@mos/db/artifacts';
import * as z from 'zod';
import type { GoldenDrafts, GoldenInput } from '../golden/types';

const Finding = z.looseObject({ category: z.string(), severity: z.string() });

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
  check: (input: unknown) => unknown[],
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
      language: brief.market.language?.toLowerCase().startsWith('de') ? 'de' : 'en',
      vertical: input.client.vertical,
      platform: platform === 'google' || platform === 'tiktok' ? platform : 'meta',
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
    const texts: [string, string, string | null][] = FIELDS.filter(
      ([key]) => !rsa || (key !== 'headline' && key !== 'primaryText'),
    ).map(([key, field]) => [key, field, a.asset[key]]);
    a.asset.headlines?.forEach((h, i) => {
      texts.push([`headlines.${i}`, 'headline', h]);
    });
    a.asset.descriptions?.forEach((d, i) => {
      texts.push([`descriptions.${i}`, 'description', d]);
    });
    for (const [key, field, text] of texts) {
      if (!text) continue;
      for (const raw of check({ ...base, text, field })) {
        const f = Finding.safeParse(raw);
        if (f.success)
          out.push({ asset: a.id, field: key, category: f.data.category, severity: f.data.severity });
      }
    }
  }
  return out;
}
