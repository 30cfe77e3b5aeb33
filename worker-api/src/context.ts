import type { Database, MediaStore } from '@mos/db';
import type { WorkflowGateway } from '@mos/db/contracts';
import type { Identity } from './auth/claims';
import type { MemberResolver } from './auth/resolve';
import type { TokenVerifier } from './auth/verify';
import { DomainError } from './errors';
import { bindingLlmStartLimiters, type LlmStartLimiters } from './rate-limit';

/** Everything a procedure may use, created once per process (or isolate) and shared by requests. */
export interface AppServices {
  database: Database;
  gateway: WorkflowGateway;
  verifyToken: TokenVerifier;
  resolveMember: MemberResolver;
  taskQueue: string;
  /** Limits on starting LLM work; the per-process (in-memory) ones unless the request's bindings carry them. */
  llmStartLimiters: LlmStartLimiters;
  /** The monthly LLM budget of an org that set none (LLM_MONTHLY_BUDGET_USD; contracts default when unset). */
  llmBudgetDefaultUsd?: number | undefined;
  /** MOS_SECRETS_KEY (base64); unset: the secrets procedures answer PRECONDITION_FAILED naming it. */
  secretsKey?: string | undefined;
  /** The DNS-over-HTTPS resolver (JSON API) domain verification asks. */
  dohResolverUrl: string;
  /** DEPLOY_PUBLIC_BASE_URL / DEPLOY_PUBLIC_API_BASE_URL: Publish + Deploy's upstreams when a request names none. */
  deployPublicBaseUrl?: string | undefined;
  deployPublicApiBaseUrl?: string | undefined;
  /** Where new media bytes go on Node (a local folder under MEDIA_DIR); null: the database. Workers: see services/media/store.ts. */
  localMediaStore?: MediaStore | null | undefined;
}

/** The caller as the transport saw it: no token, a token that failed, or a verified identity. */
export type AuthState =
  | { kind: 'anonymous' }
  | { kind: 'invalid'; error: DomainError }
  | { kind: 'verified'; identity: Identity };

export interface InnerContext extends AppServices {
  auth: AuthState;
}

/** The HTTP-free context; tests build it directly and call procedures with `createCaller`. */
export function createInnerContext(opts: InnerContext): InnerContext {
  return opts;
}

/**
 * The transport-facing context: reads the bearer token and verifies it (no database work here). `bindings` is
 * the runtime's environment (Hono's `c.env`): on Workers it carries the Rate Limiting bindings, which then
 * replace the per-isolate in-memory limiters.
 */
export async function createContext(
  services: AppServices,
  req: Request,
  bindings?: unknown,
): Promise<InnerContext> {
  const base = {
    ...services,
    llmStartLimiters: bindingLlmStartLimiters(bindings) ?? services.llmStartLimiters,
  };
  const header = req.headers.get('authorization');
  const match = header ? /^Bearer\s+(.+)$/i.exec(header) : null;
  const token = match?.[1]?.trim();
  if (!token) return { ...base, auth: { kind: 'anonymous' } };
  try {
    return { ...base, auth: { kind: 'verified', identity: await services.verifyToken(token) } };
  } catch (err) {
    const error =
      err instanceof DomainError
        ? err
        : new DomainError('UNAUTHORIZED', 'invalid session token', { cause: err });
    return { ...base, auth: { kind: 'invalid', error } };
  }
}
