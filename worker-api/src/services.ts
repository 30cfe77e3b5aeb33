import type { Database, MediaStore } from '@mos/db';
import type { WorkflowGateway } from '@mos/db/contracts';
import type { LocalKeys } from './auth/local';
import { createMemberResolver } from './auth/resolve';
import { createTokenVerifier } from './auth/verify';
import type { AppServices } from './context';
import type { ApiEnv } from './env';
import { createMemoryLlmStartLimiters, type LlmStartLimiters } from './rate-limit';

/** Builds the per-process services from a validated environment. */
export function buildServices(opts: {
  env: ApiEnv;
  database: Database;
  gateway: WorkflowGateway;
  localKeys?: LocalKeys | undefined;
  /** Default: in-memory limiters with LLM_START_LIMITS (on Workers the bindings replace them per request). */
  llmStartLimiters?: LlmStartLimiters | undefined;
  /** Node with MEDIA_DIR: the local folder store (`localFolderMediaStore` from @mos/db/node). */
  localMediaStore?: MediaStore | null | undefined;
}): AppServices {
  const { env } = opts;
  const verifyToken =
    env.AUTH_MODE === 'local'
      ? createTokenVerifier({
          mode: 'local',
          jwtKey: opts.localKeys?.publicKeyPem,
          authorizedParties: env.WEB_ORIGINS,
        })
      : createTokenVerifier({
          mode: 'clerk',
          jwtKey: env.CLERK_JWT_KEY,
          secretKey: env.CLERK_SECRET_KEY,
          issuer: env.CLERK_ISSUER,
          authorizedParties:
            env.CLERK_AUTHORIZED_PARTIES.length > 0 ? env.CLERK_AUTHORIZED_PARTIES : env.WEB_ORIGINS,
        });
  return {
    database: opts.database,
    gateway: opts.gateway,
    verifyToken,
    resolveMember: createMemberResolver(),
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    llmBudgetDefaultUsd: env.LLM_MONTHLY_BUDGET_USD,
    llmStartLimiters: opts.llmStartLimiters ?? createMemoryLlmStartLimiters(),
    secretsKey: env.MOS_SECRETS_KEY,
    dohResolverUrl: env.DOH_RESOLVER_URL,
    deployPublicBaseUrl: env.DEPLOY_PUBLIC_BASE_URL,
    deployPublicApiBaseUrl: env.DEPLOY_PUBLIC_API_BASE_URL,
    localMediaStore: opts.localMediaStore ?? null,
  };
}
