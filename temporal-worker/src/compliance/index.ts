/**
 * Ad-policy compliance: policy packs (platform and vertical clauses), the deterministic check and the corpus
 * scorer. The compliance-corpus contract (shared with the evaluation harness) fixes these exports.
 */
export { type AssetFieldInput, checkAsset, checkCompliance, isSubstantiated } from './check';
export { disclosesRenewal } from './offer-terms';
export { applicableClauses, clauseById, POLICY_CLAUSES, type PolicyClause, policyClause } from './packs';
export {
  citation,
  contextFor,
  languageOf,
  type PolicyScope,
  platformOf,
  policyIssues,
  policyScope,
  renewalOf,
  substantiatedClaimsOf,
  verticalOf,
} from './qa-context';
export { type CorpusScore, loadCorpus, parseCorpus, scoreCorpus } from './score';
export * from './types';
