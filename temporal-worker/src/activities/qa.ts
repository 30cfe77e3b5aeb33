import { getCampaign, getClient, listOffers, type Queryable } from '@mos/db';
import {
  brandQaOutput,
  type ClientCanon,
  complianceJudgeClausePlatform,
  complianceJudgeOutput,
  type QaIssue,
} from '@mos/db/artifacts';
import {
  applicableClauses,
  citation,
  clauseById,
  type PolicyScope,
  platformOf,
  policyIssues,
  policyScope,
} from '../compliance';
import type { LlmClient } from '../llm/types';
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

/** The policy scope of a brief's assets: the client's vertical and language, the campaign's category, the offers. */
async function loadPolicyScope(
  db: Queryable,
  input: QaScope,
  canon: ClientCanon | null,
): Promise<PolicyScope> {
  const [client, campaign, offers] = await Promise.all([
    getClient(db, input.orgId, input.clientId),
    input.campaignId ? getCampaign(db, input.orgId, input.campaignId) : Promise.resolve(undefined),
    listOffers(db, input.orgId, { clientId: input.clientId, limit: 100 }),
  ]);
  return policyScope({
    client: client ?? null,
    campaign: campaign ?? null,
    offers: [
      ...offers.items.map((o) => ({
        businessModel: o.businessModel,
        labels: o.pricePoints.map((p) => p.label),
      })),
      ...(canon?.offers ?? []).map((o) => ({ businessModel: o.businessModel, labels: [] })),
    ],
    canon,
  });
}

/**
 * The LLM compliance judge: reviews the assets against the clauses of each asset's platform (an enum of the
 * applicable clause ids in the schema sent) and returns its findings as QA issues citing their clause. A clause of
 * another platform is fed back to the model; a quoted phrase not found in the named field is dropped from the issue.
 */
async function judgeCompliance(
  llm: LlmClient,
  input: { orgId: string; runId: string; feedback?: string | null | undefined },
  assets: DraftAsset[],
  scope: PolicyScope,
): Promise<Record<string, QaIssue[]>> {
  const platforms = new Map(assets.map((a) => [a.key, platformOf(a.channel)]));
  const clauses = [...new Set(platforms.values())].flatMap((p) => applicableClauses(p, scope.vertical));
  const keys = assets.map((a) => a.key);
  const ruleFindings = assets.flatMap((a) =>
    policyIssues(copyOf(a), a.channel, scope).map((i) => ({
      assetId: a.key,
      clauseId: i.policy?.clauseId ?? null,
      phrase: i.phrase,
    })),
  );
  const prompt = renderFrom('build/compliance_judge', {
    ASSETS_JSON: JSON.stringify(
      assets.map((a) => ({
        assetId: a.key,
        platform: platforms.get(a.key),
        channel: a.channel,
        format: a.format,
        ...copyOf(a),
      })),
      null,
      2,
    ),
    ASSET_IDS: keys.join(', '),
    CLAUSES_JSON: JSON.stringify(
      clauses.map((c) => ({
        id: c.id,
        platform: c.platform,
        category: c.category,
        area: c.area,
        text: c.text,
      })),
      null,
      2,
    ),
    VERTICAL: scope.vertical,
    LANGUAGE: scope.language === 'de' ? 'German' : 'English',
    OFFER_CONTEXT: [
      `- The offers renew automatically: ${{ all: 'yes', some: 'some do (subscribe-and-save or membership next to one-off purchases)', none: 'no' }[scope.renewal]}`,
      `- Special ad category declared on the campaign: ${scope.specialAdCategory ?? 'none'}`,
      `- Claims the canon substantiates: ${scope.substantiatedClaims.length ? scope.substantiatedClaims.map((c) => `"${c}"`).join('; ') : 'none'}`,
    ].join('\n'),
    RULE_FINDINGS_JSON: JSON.stringify(ruleFindings, null, 2),
  });
  const output = complianceJudgeOutput(
    keys,
    clauses.map((c) => c.id),
  );
  const byKey = new Map(assets.map((a) => [a.key, a]));
  const { data } = await generateStep(llm, {
    orgId: input.orgId,
    runId: input.runId,
    step: 'compliance_judge',
    schemaName: 'ComplianceJudgement',
    output,
    prompt,
    feedback: input.feedback ?? null,
    complete: (answer) => {
      const issues = answer.findings.flatMap((f, i) => {
        const platform = platforms.get(f.assetId);
        return platform && !f.clauseId.startsWith(`${platform}.`)
          ? [
              {
                path: `findings.${i}.clauseId`,
                message: `${complianceJudgeClausePlatform.statement} "${f.assetId}" runs on ${platform}; "${f.clauseId}" is not a ${platform} clause.`,
              },
            ]
          : [];
      });
      return issues.length > 0 ? { ok: false, issues } : { ok: true, data: answer };
    },
  });
  const out: Record<string, QaIssue[]> = Object.fromEntries(keys.map((k) => [k, []]));
  for (const f of data.findings) {
    const asset = byKey.get(f.assetId);
    if (!asset) continue;
    const clause = clauseById(f.clauseId);
    const text = copyOf(asset)[f.field] ?? '';
    const quoted = f.phrase.trim() && text.toLowerCase().includes(f.phrase.trim().toLowerCase());
    out[f.assetId]?.push({
      kind: 'compliance',
      severity: f.severity,
      message:
        `${f.field}: ${f.explanation} (${clause.platform} policy: ${clause.area}; compliance judge)`.slice(
          0,
          1000,
        ),
      phrase: quoted ? f.phrase.trim().slice(0, 500) : null,
      policy: citation(clause, clause.category, 'judge'),
    });
  }
  return out;
}

interface QaScope {
  orgId: string;
  runId: string;
  clientId: string;
  campaignId: string | null;
  /** The canon to check against: this artifact, else the client's approved (then latest) canon. */
  canonArtifactId: string | null;
}

/**
 * QA activities. `brandQa` runs the LLM judges: the brand judge (voice) and the compliance judge (ad policy, citing
 * clauses); its verdicts carry the judge's compliance findings. `complianceQa` is deterministic: the client's banned
 * phrases and topics, claims against approved offers and the policy packs' rules.
 */
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
      const scope = await loadPolicyScope(db, input, canon.data);
      const judged = await judgeCompliance(llm, input, input.assets, scope);
      const verdicts: Record<string, AssetVerdict> = {};
      for (const item of data.checklist) {
        const compliance = judged[item.assetId] ?? [];
        verdicts[item.assetId] = {
          passed: item.passed && !compliance.some((i) => i.severity === 'blocker'),
          notes: item.notes,
          issues: [...item.issues.map((i) => ({ ...i, policy: null })), ...compliance],
        };
      }
      return verdicts;
    },

    async complianceQa(input: QaScope & { assets: DraftAsset[] }): Promise<Record<string, QaIssue[]>> {
      const canon = await loadCanonFor(db, input);
      const offers = await listOffers(db, input.orgId, { clientId: input.clientId, limit: 100 });
      const rules = complianceRules(canon?.data ?? null, offers.items);
      const scope = await loadPolicyScope(db, input, canon?.data ?? null);
      const out: Record<string, QaIssue[]> = {};
      for (const asset of input.assets) {
        out[asset.key] = [
          ...complianceIssues(copyOf(asset), rules),
          ...policyIssues(copyOf(asset), asset.channel, scope),
        ];
      }
      return out;
    },
  };
}
