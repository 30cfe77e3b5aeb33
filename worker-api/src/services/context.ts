import type { Db } from '@mos/db';
import type { WorkflowGateway } from '@mos/db/contracts';
import type { OrgMember } from '../auth/resolve';
import type { LlmStartLimiters } from '../rate-limit';

/** What a service function needs: the org-scoped caller and the shared clients. */
export interface ServiceCtx {
  db: Db;
  member: OrgMember;
  gateway: WorkflowGateway;
  taskQueue: string;
  /** The monthly LLM budget of an org that set none (LLM_MONTHLY_BUDGET_USD; contracts default when unset). */
  llmBudgetDefaultUsd?: number | undefined;
  llmStartLimiters: LlmStartLimiters;
  /** MOS_SECRETS_KEY (base64), when set. */
  secretsKey?: string | undefined;
  /** The DNS-over-HTTPS resolver (JSON API) domain verification asks. */
  dohResolverUrl?: string | undefined;
  /** DEPLOY_PUBLIC_BASE_URL / DEPLOY_PUBLIC_API_BASE_URL: Publish + Deploy's upstreams when a request names none. */
  deployPublicBaseUrl?: string | undefined;
  deployPublicApiBaseUrl?: string | undefined;
}
