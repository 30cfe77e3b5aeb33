/**
 * QAReport (`qa_report`): brand and compliance QA of the assets produced for one brief (reference §3).
 */
import * as z from 'zod';
import { AdPlatform, PolicyCategory, PolicyFindingSource } from './ad-policy';
import { checkUnique, list, longText, shortText, slug, uuid } from './common';
import { defineRule, ruleIssue } from './rules';

export const QA_ISSUE_KINDS = ['brand', 'compliance'] as const;
export const QaIssueKind = z.enum(QA_ISSUE_KINDS);
export type QaIssueKind = z.infer<typeof QaIssueKind>;

export const QA_SEVERITIES = ['info', 'warning', 'blocker'] as const;
export const QaSeverity = z.enum(QA_SEVERITIES);
export type QaSeverity = z.infer<typeof QaSeverity>;

/** The ad-policy clause a compliance finding cites, copied from the policy pack so the report stands alone. */
export const PolicyCitation = z.strictObject({
  category: PolicyCategory,
  /** The pack's clause id, e.g. `meta.personal-attributes`. */
  clauseId: slug(),
  platform: AdPlatform,
  /** The platform's policy area, e.g. "Personal attributes". */
  area: shortText(200),
  /** A short quote or paraphrase of the clause. */
  clauseText: longText(1000),
  /** The platform help-centre page of the clause. */
  url: shortText(500).regex(/^https:\/\/\S+$/, 'Must be an https URL'),
  source: PolicyFindingSource,
});
export type PolicyCitation = z.infer<typeof PolicyCitation>;

export const QaIssue = z.strictObject({
  kind: QaIssueKind,
  severity: QaSeverity,
  message: longText(1000),
  /** The offending phrase as it appears in the asset, when there is one. */
  phrase: shortText(500).nullable(),
  /** The ad-policy clause broken (compliance findings of the policy packs and the judge); null for other issues. */
  policy: PolicyCitation.nullable(),
});
export type QaIssue = z.infer<typeof QaIssue>;

export const QA_REPORT_RULES = {
  blockerFails: defineRule({
    id: 'qa_report.blocker-fails',
    statement: 'An asset with a blocker issue cannot pass.',
    prompts: ['build/brand_qa'],
  }),
  uniqueAssets: defineRule({
    id: 'qa_report.unique-assets',
    statement: 'Give exactly one checklist item per asset id.',
    prompts: ['build/brand_qa'],
  }),
};

export const QaChecklistItem = z
  .strictObject({
    assetId: slug(),
    passed: z.boolean(),
    notes: longText(2000).nullable(),
    issues: list(QaIssue, 50),
  })
  .superRefine((item, ctx) => {
    if (item.passed && item.issues.some((issue) => issue.severity === 'blocker')) {
      ruleIssue(ctx, QA_REPORT_RULES.blockerFails, ['passed'], 'An asset with a blocker issue cannot pass');
    }
  });
export type QaChecklistItem = z.infer<typeof QaChecklistItem>;

export const QAReport = z
  .strictObject({
    clientId: uuid(),
    campaignId: uuid().nullable(),
    assetBriefId: slug().nullable(),
    checklist: list(QaChecklistItem, 100),
    /** Who reviewed: a user name/email, or the automated check (e.g. `ai:brand-qa`). */
    reviewer: shortText().nullable(),
  })
  .superRefine((report, ctx) => {
    checkUnique(
      report.checklist,
      (item) => item.assetId,
      ctx,
      ['checklist'],
      'asset id',
      QA_REPORT_RULES.uniqueAssets,
    );
  });
export type QAReport = z.infer<typeof QAReport>;

/**
 * Reports stored before issues cited policy clauses have no `policy` key: read them as `policy: null` (the stored
 * schema stays strict, with no optional fields). Anything that is not such a report is returned unchanged.
 */
export function upgradeQaReport(data: unknown): unknown {
  if (!data || typeof data !== 'object' || !Array.isArray((data as { checklist?: unknown }).checklist))
    return data;
  const report = data as { checklist: unknown[] };
  return {
    ...report,
    checklist: report.checklist.map((item) => {
      if (!item || typeof item !== 'object' || !Array.isArray((item as { issues?: unknown }).issues))
        return item;
      const it = item as { issues: unknown[] };
      return {
        ...it,
        issues: it.issues.map((issue) =>
          issue && typeof issue === 'object' && !('policy' in issue) ? { ...issue, policy: null } : issue,
        ),
      };
    }),
  };
}
