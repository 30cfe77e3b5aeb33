import { checkTemporalConnectionEnv, MIN_SECRET_LENGTH, temporalConnectionEnvShape } from '@mos/db/contracts';
import { z } from 'zod';

/** Where the worker polls and the relay starts workflows: one task queue for both. */
const temporalShape = {
  ...temporalConnectionEnvShape,
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('mos'),
};

const relayShape = {
  /** The relay gateway worker-api uses on Workers; served only when a secret is configured. */
  WORKFLOW_RELAY_SECRET: z
    .string()
    .min(MIN_SECRET_LENGTH, `must be at least ${MIN_SECRET_LENGTH} characters`)
    .optional(),
  RELAY_PORT: z.coerce.number().int().min(0).max(65535).default(8788),
  RELAY_HOST: z.string().default('127.0.0.1'),
};

/** An optional setting where an empty value (as in .env.example) means unset. */
const unsetWhenEmpty = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), schema);

/** An optional model name; an empty value (as in .env.example) means unset. */
const optionalModel = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined));

/** The worker process's environment, validated at start; errors name variables, never values. */
export const WorkerEnv = z
  .object({
    DATABASE_URL: z.string().min(1),
    ...temporalShape,
    OPENAI_API_KEY: z.string().min(1).optional(),
    OPENAI_BASE_URL: z.string().url().optional(),
    OPENAI_MODEL: z.string().min(1).default('gpt-5.2'),
    /** Models per step; unset or empty falls back to OPENAI_MODEL (see `stepModels`). */
    OPENAI_MODEL_RESEARCH: optionalModel,
    /** Research step 04 (deep research execution), e.g. a deep-research model; else OPENAI_MODEL_RESEARCH. */
    OPENAI_MODEL_DEEP_RESEARCH: optionalModel,
    OPENAI_MODEL_CANON: optionalModel,
    /** Research steps use the provider's web search tool (Responses API) unless this is `false`. */
    OPENAI_WEB_SEARCH: z
      .enum(['true', 'false'])
      .default('true')
      .transform((v) => v === 'true'),
    ...relayShape,
    /** The funnel proxy (published funnels on custom domains, behind nginx): served only when a port is set. */
    FUNNEL_PROXY_PORT: unsetWhenEmpty(z.coerce.number().int().min(0).max(65535).optional()),
    FUNNEL_PROXY_HOST: z.string().default('127.0.0.1'),
    /**
     * The monthly LLM budget (US dollars) of an org that has set none of its own; checked before every LLM call.
     * Default: DEFAULT_LLM_MONTHLY_BUDGET_USD of @mos/db/contracts.
     */
    LLM_MONTHLY_BUDGET_USD: z.coerce.number().min(0).max(1_000_000).optional(),
    /** Org secrets (lead webhook keys, conversion API tokens): base64 of 32 bytes. Unset: none can be read. */
    MOS_SECRETS_KEY: unsetWhenEmpty(z.string().min(1).optional()),
    /** Media bytes under this folder; unset: in the database. */
    MEDIA_DIR: unsetWhenEmpty(z.string().min(1).optional()),
    /** Conversion forwarding origins (tests point them at stand-ins). */
    META_GRAPH_BASE_URL: unsetWhenEmpty(z.url().optional()),
    GA4_MP_BASE_URL: unsetWhenEmpty(z.url().optional()),
    /** The terraform executable deploys run; unset: a deploy's terraform step fails naming it. */
    TERRAFORM_BIN: unsetWhenEmpty(z.string().min(1).optional()),
    /** Deploy state (terraform folders per org and project); relative to the repository root. */
    DEPLOY_ROOT_DIR: unsetWhenEmpty(z.string().min(1).default('.mos/deploy')),
    /**
     * Where to reach an instance's sshd instead of its IP on port 22: `name=host:port` pairs, comma-separated
     * (`*` for every instance). For local test servers only; leave unset in production.
     */
    DEPLOY_SSH_OVERRIDE: unsetWhenEmpty(
      z
        .string()
        .regex(
          /^[a-z0-9*_-]+=[^=,:\s]+:\d{1,5}(,[a-z0-9*_-]+=[^=,:\s]+:\d{1,5})*$/,
          'must be name=host:port pairs separated by commas',
        )
        .optional(),
    ),
    /** Where a Publish + Deploy's funnel workload proxies to by default (the funnel proxy's public URL). */
    DEPLOY_PUBLIC_BASE_URL: unsetWhenEmpty(z.url().optional()),
    DEPLOY_PUBLIC_API_BASE_URL: unsetWhenEmpty(z.url().optional()),
  })
  .superRefine((env, ctx) => {
    checkTemporalConnectionEnv(env, ctx);
    if (!env.OPENAI_API_KEY && !env.OPENAI_BASE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['OPENAI_API_KEY'],
        message: 'set OPENAI_API_KEY (or OPENAI_BASE_URL for an OpenAI-compatible server)',
      });
    }
  });
export type WorkerEnv = z.infer<typeof WorkerEnv>;

/** The relay alone (`pnpm --filter @mos/temporal-worker relay`): Temporal, its task queue and the secret. */
export const RelayEnv = z
  .object({
    ...temporalShape,
    ...relayShape,
    WORKFLOW_RELAY_SECRET: relayShape.WORKFLOW_RELAY_SECRET.unwrap(),
  })
  .superRefine(checkTemporalConnectionEnv);
export type RelayEnv = z.infer<typeof RelayEnv>;

function parse<T>(schema: z.ZodType<T>, what: string, source: Record<string, unknown>): T {
  const parsed = schema.safeParse(source);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
  throw new Error(`${what} environment is invalid:\n${lines.join('\n')}`);
}

/** The LLM client's models per step (its `stepModels`), from OPENAI_MODEL_*; the step names are the activities'. */
export function stepModels(env: WorkerEnv): Record<string, string> {
  const out: Record<string, string> = {};
  if (env.OPENAI_MODEL_RESEARCH) out.research = env.OPENAI_MODEL_RESEARCH;
  if (env.OPENAI_MODEL_DEEP_RESEARCH) out['research:04'] = env.OPENAI_MODEL_DEEP_RESEARCH;
  if (env.OPENAI_MODEL_CANON) out.build_canon = env.OPENAI_MODEL_CANON;
  return out;
}

/** DEPLOY_SSH_OVERRIDE as a lookup: instance name (or `*`) → loopback address and port. */
export function sshOverrides(
  value: string | undefined,
): ((t: { instance: string }) => { host: string; port: number; username: string } | null) | undefined {
  if (!value) return undefined;
  const map = new Map<string, { host: string; port: number; username: string }>();
  for (const pair of value.split(',')) {
    const [name, address] = pair.split('=') as [string, string];
    const at = address.lastIndexOf(':');
    map.set(name, { host: address.slice(0, at), port: Number(address.slice(at + 1)), username: 'root' });
  }
  return ({ instance }) => map.get(instance) ?? map.get('*') ?? null;
}

export function parseWorkerEnv(source: Record<string, unknown>): WorkerEnv {
  return parse(WorkerEnv, 'temporal-worker', source);
}

export function parseRelayEnv(source: Record<string, unknown>): RelayEnv {
  return parse(RelayEnv, 'relay', source);
}
