import { z } from 'zod';

/** The worker process's environment, validated at start; errors name variables, never values. */
export const WorkerEnv = z
  .object({
    DATABASE_URL: z.string().min(1),
    TEMPORAL_ADDRESS: z.string().min(1).default('localhost:7233'),
    TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
    TEMPORAL_TASK_QUEUE: z.string().min(1).default('mos'),
    OPENAI_API_KEY: z.string().min(1).optional(),
    OPENAI_BASE_URL: z.string().url().optional(),
    OPENAI_MODEL: z.string().min(1).default('gpt-5.2'),
    /** Research steps use the provider's web search tool (Responses API) unless this is `false`. */
    OPENAI_WEB_SEARCH: z
      .enum(['true', 'false'])
      .default('true')
      .transform((v) => v === 'true'),
    /**
     * The monthly LLM budget (US dollars) of an org that has set none of its own; checked before every LLM call.
     * Default: DEFAULT_LLM_MONTHLY_BUDGET_USD of @mos/db/contracts. Pass to createLlmClient's
     * `defaultMonthlyBudgetUsd`.
     */
    LLM_MONTHLY_BUDGET_USD: z.coerce.number().min(0).max(1_000_000).optional(),
    /** The relay gateway worker-api uses on Workers; served only when a secret is configured. */
    WORKFLOW_RELAY_SECRET: z.string().min(32).optional(),
    RELAY_PORT: z.coerce.number().int().min(1).max(65535).default(8788),
    RELAY_HOST: z.string().default('127.0.0.1'),
  })
  .refine((env) => env.OPENAI_API_KEY || env.OPENAI_BASE_URL, {
    path: ['OPENAI_API_KEY'],
    message: 'set OPENAI_API_KEY (or OPENAI_BASE_URL for an OpenAI-compatible server)',
  });
export type WorkerEnv = z.infer<typeof WorkerEnv>;

export function parseWorkerEnv(source: Record<string, unknown>): WorkerEnv {
  const parsed = WorkerEnv.safeParse(source);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
  throw new Error(`temporal-worker environment is invalid:\n${lines.join('\n')}`);
}
