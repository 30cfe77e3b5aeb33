import { listOffers } from '@mos/db';
import { brandQaOutput, type QaIssue } from '@mos/db/artifacts';
import { type ActivityDeps, ValidationError } from './deps';
import { type AssetCopy, complianceIssues, complianceRules } from './qa-rules';
import { loadCanonFor } from './shared/documents';
import { generateStep } from './shared/llm-step';
import { renderFrom } from './shared/prompts';
import type { AssetVerdict, DraftAsset } from './shared/types';

export * from './qa-rules';
export { loadCanonFor } from './shared/documents';
export type { AssetVerdict } from './shared/types';

/**
 * What the brand judge writes: one verdict per asset key and brand issues only are in the schema sent (an enum
 * of the keys, as many items as keys); a key judged twice is fed back to the model.
 */
export function brandVerdictsSchema(keys: readonly string[]) {
  return brandQaOutput(keys).superRefine((report, ctx) => {
    const seen = new Set<string>();
    report.checklist.forEach((item, i) => {
      if (seen.has(item.assetId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['checklist', i, 'assetId'],
          message: `"${item.assetId}" is judged twice; give exactly one item per asset id ${keys.join(', ')}`,
        });
      }
      seen.add(item.assetId);
    });
  });
}

const copyOf = (a: DraftAsset): AssetCopy => ({
  headline: a.headline,
  hook: a.hook,
  primaryText: a.primaryText,
  script: a.script,
  imagePrompt: a.imagePrompt,
});

interface QaScope {
  orgId: string;
  runId: string;
  clientId: string;
  campaignId: string | null;
  /** The canon to check against: this artifact, else the client's approved (then latest) canon. */
  canonArtifactId: string | null;
}

/** Brand QA (LLM judge) and compliance QA (deterministic) activities. */
export function qaActivities({ db, llm }: ActivityDeps) {
  return {
    async brandQa(
      input: QaScope & { briefId: string; assets: DraftAsset[]; feedback?: string | null },
    ): Promise<Record<string, AssetVerdict>> {
      const canon = await loadCanonFor(db, input);
      if (!canon) throw new ValidationError('the client has no canon: brand QA needs its tone of voice');
      const keys = input.assets.map((a) => a.key);
      const prompt = renderFrom('build/brand_qa', {
        TONE_OF_VOICE_JSON: JSON.stringify(canon.data.brand.toneOfVoice, null, 2),
        BRAND_VALUES: canon.data.brand.values.join('; ') || '(none stated)',
        ASSETS_JSON: JSON.stringify(
          input.assets.map((a) => ({
            assetId: a.key,
            channel: a.channel,
            format: a.format,
            angle: a.angle,
            ...copyOf(a),
          })),
          null,
          2,
        ),
        ASSET_IDS: keys.join(', '),
      });
      const output = brandVerdictsSchema(keys);
      const { data } = await generateStep(llm, {
        orgId: input.orgId,
        runId: input.runId,
        step: 'brand_qa',
        schemaName: 'QAReport',
        output,
        prompt,
        feedback: input.feedback ?? null,
      });
      const verdicts: Record<string, AssetVerdict> = {};
      for (const item of data.checklist) {
        verdicts[item.assetId] = { passed: item.passed, notes: item.notes, issues: item.issues };
      }
      return verdicts;
    },

    async complianceQa(input: QaScope & { assets: DraftAsset[] }): Promise<Record<string, QaIssue[]>> {
      const canon = await loadCanonFor(db, input);
      const offers = await listOffers(db, input.orgId, { clientId: input.clientId, limit: 100 });
      const rules = complianceRules(canon?.data ?? null, offers.items);
      const out: Record<string, QaIssue[]> = {};
      for (const asset of input.assets) out[asset.key] = complianceIssues(copyOf(asset), rules);
      return out;
    },
  };
}
