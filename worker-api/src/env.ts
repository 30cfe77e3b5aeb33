import * as z from 'zod';
import { checkGatewayEnv, gatewayEnvShape } from './gateway/select';

const csv = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string()));

/** `NAME=` (as .env.example lists the optional ones) means unset. */
const unsetWhenEmpty = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), schema);

export const ApiEnv = z
  .object({
    MOS_ENV: z.enum(['development', 'test', 'production']).default('development'),
    DATABASE_URL: z.string().min(1),
    /** `clerk` (default when Clerk keys are set) or `local`: dev sign-in, only when asked for, never in production. */
    AUTH_MODE: z.enum(['clerk', 'local']).optional(),
    CLERK_SECRET_KEY: z.string().min(1).optional(),
    CLERK_JWT_KEY: z.string().min(1).optional(),
    CLERK_ISSUER: z.string().url().optional(),
    CLERK_AUTHORIZED_PARTIES: csv.default([]),
    /** Origins allowed by CORS (the web app); comma separated. */
    WEB_ORIGINS: csv.default(['http://localhost:5173']),
    /** WORKFLOW_GATEWAY, TEMPORAL_ADDRESS/NAMESPACE and the relay/http settings; see gateway/select.ts. */
    ...gatewayEnvShape,
    TEMPORAL_TASK_QUEUE: z.string().default('mos'),
    /** The monthly LLM budget (US dollars) of an org that set none; the same value the worker checks against. */
    LLM_MONTHLY_BUDGET_USD: z.coerce.number().min(0).max(1_000_000).optional(),
    /** Org secrets (funnel ad-platform tokens, webhook keys): base64 of 32 bytes; secrets.* answer PRECONDITION_FAILED without it. */
    MOS_SECRETS_KEY: unsetWhenEmpty(z.string().min(1).optional()),
    /** DNS-over-HTTPS resolver (JSON API) that custom-domain verification asks for the TXT record. */
    DOH_RESOLVER_URL: unsetWhenEmpty(z.string().url().default('https://cloudflare-dns.com/dns-query')),
    /**
     * Publish + Deploy (reference §9.4): where a funnel's nginx site on a deploy server proxies to, unless the
     * request names its own: the origin serving `/f/<publicId>/…` (this API's edge or the worker's funnel proxy)
     * and the origin of the funnel's public API (events and leads).
     */
    DEPLOY_PUBLIC_BASE_URL: unsetWhenEmpty(z.string().url().optional()),
    DEPLOY_PUBLIC_API_BASE_URL: unsetWhenEmpty(z.string().url().optional()),
    /** Node only: keep uploaded media under this folder (unset: in the database; on Workers the R2 binding MEDIA). */
    MEDIA_DIR: unsetWhenEmpty(z.string().min(1).optional()),
    /** Neon driver: SQL-over-HTTP endpoint. Only for local stand-ins/tests; leave unset for Neon. */
    NEON_FETCH_ENDPOINT: z.string().url().optional(),
    /** Neon driver: plain-ws WebSocket relay (`host:port/path`). Only for local stand-ins/tests; leave unset for Neon. */
    NEON_WS_PROXY: z.string().min(1).optional(),
  })
  .transform((env, ctx) => {
    const hasClerk = Boolean(env.CLERK_SECRET_KEY || env.CLERK_JWT_KEY);
    // Never a fallback: a server with neither setting must not start handing out local admin tokens.
    const authMode = env.AUTH_MODE ?? (hasClerk ? 'clerk' : null);
    if (authMode === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['AUTH_MODE'],
        message: 'set CLERK_SECRET_KEY or CLERK_JWT_KEY (Clerk), or AUTH_MODE=local for local sign-in',
      });
    }
    if (authMode === 'local' && env.MOS_ENV === 'production') {
      ctx.addIssue({
        code: 'custom',
        path: ['AUTH_MODE'],
        message: 'local auth is not allowed in production',
      });
    }
    if (authMode === 'clerk' && !hasClerk) {
      ctx.addIssue({ code: 'custom', path: ['CLERK_SECRET_KEY'], message: 'required when AUTH_MODE=clerk' });
    }
    checkGatewayEnv(env, ctx);
    if (authMode === null) return z.NEVER;
    return { ...env, AUTH_MODE: authMode };
  });
export type ApiEnv = z.infer<typeof ApiEnv>;

/** Parses the environment, failing with the names of bad variables and never their values. */
export function parseApiEnv(source: Record<string, unknown>): ApiEnv {
  const parsed = ApiEnv.safeParse(source);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
  throw new Error(`worker-api environment is invalid:\n${lines.join('\n')}`);
}
