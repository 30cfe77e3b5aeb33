import type { TemporalConnectionOptions, WorkflowGateway } from '@mos/db/contracts';
import {
  checkTemporalConnectionEnv,
  MIN_SECRET_LENGTH,
  temporalConnectionEnvShape,
  temporalConnectionOptions,
} from '@mos/db/contracts';
import * as z from 'zod';
import { HttpWorkflowGateway } from './http';
import { RelayWorkflowGateway } from './relay';
import { unavailableGateway } from './unavailable';

/**
 * Choosing how worker-api reaches Temporal. Workers-safe: the `client` gateway (@temporalio/client)
 * is not imported here; Node entries pass a factory for it.
 */
export const WORKFLOW_GATEWAY_KINDS = ['client', 'relay', 'http', 'none'] as const;
export type WorkflowGatewayKind = (typeof WORKFLOW_GATEWAY_KINDS)[number];

const url = z.string().url('must be a URL');

/** The gateway variables; merged into worker-api's ApiEnv and usable alone. */
export const gatewayEnvShape = {
  WORKFLOW_GATEWAY: z.enum(WORKFLOW_GATEWAY_KINDS).optional(),
  /** TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE and Temporal Cloud's API key / mTLS, for the `client` gateway. */
  ...temporalConnectionEnvShape,
  /** temporal-worker's origin, serving the relay at /internal/workflows. */
  WORKFLOW_RELAY_URL: url.optional(),
  WORKFLOW_RELAY_SECRET: z
    .string()
    .min(MIN_SECRET_LENGTH, `must be at least ${MIN_SECRET_LENGTH} characters`)
    .optional(),
  /** Origin of Temporal's HTTP API (self-hosted server ≥ 1.25). */
  TEMPORAL_HTTP_URL: url.optional(),
  TEMPORAL_HTTP_PATH_PREFIX: z.string().default('/api/v1'),
  TEMPORAL_HTTP_API_KEY: z.string().min(1).optional(),
};

type GatewayEnvFields = {
  MOS_ENV?: string | undefined;
  WORKFLOW_GATEWAY?: WorkflowGatewayKind | undefined;
  WORKFLOW_RELAY_URL?: string | undefined;
  WORKFLOW_RELAY_SECRET?: string | undefined;
  TEMPORAL_HTTP_URL?: string | undefined;
};

function isLocalHost(u: string): boolean {
  try {
    return ['localhost', '127.0.0.1', '[::1]'].includes(new URL(u).hostname);
  } catch {
    return false;
  }
}

/** Cross-field rules: the variables the chosen gateway needs, named when missing (values never printed). */
export function checkGatewayEnv(
  env: GatewayEnvFields & Parameters<typeof checkTemporalConnectionEnv>[0],
  ctx: z.RefinementCtx,
): void {
  checkTemporalConnectionEnv(env, ctx);
  const need = (name: keyof GatewayEnvFields, why: string) => {
    if (!env[name]) ctx.addIssue({ code: 'custom', path: [name], message: `required ${why}` });
  };
  if (env.WORKFLOW_GATEWAY === 'relay') {
    need('WORKFLOW_RELAY_URL', 'when WORKFLOW_GATEWAY=relay');
    need('WORKFLOW_RELAY_SECRET', 'when WORKFLOW_GATEWAY=relay');
  } else if (env.WORKFLOW_RELAY_URL && env.WORKFLOW_GATEWAY === undefined) {
    need('WORKFLOW_RELAY_SECRET', 'when WORKFLOW_RELAY_URL is set');
  }
  if (env.WORKFLOW_GATEWAY === 'http') need('TEMPORAL_HTTP_URL', 'when WORKFLOW_GATEWAY=http');
  if (env.MOS_ENV === 'production') {
    for (const name of ['WORKFLOW_RELAY_URL', 'TEMPORAL_HTTP_URL'] as const) {
      const value = env[name];
      if (value?.startsWith('http:') && !isLocalHost(value)) {
        ctx.addIssue({ code: 'custom', path: [name], message: 'must be https in production' });
      }
    }
  }
}

export const GatewayEnv = z
  .object({ MOS_ENV: z.string().optional(), ...gatewayEnvShape })
  .superRefine(checkGatewayEnv);
export type GatewayEnv = z.infer<typeof GatewayEnv>;

export function parseGatewayEnv(source: Record<string, unknown>): GatewayEnv {
  const parsed = GatewayEnv.safeParse(source);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
  throw new Error(`workflow gateway environment is invalid:\n${lines.join('\n')}`);
}

export type GatewaySettings = Pick<
  GatewayEnv,
  | 'WORKFLOW_GATEWAY'
  | 'TEMPORAL_ADDRESS'
  | 'TEMPORAL_NAMESPACE'
  | 'TEMPORAL_API_KEY'
  | 'TEMPORAL_TLS_CERT'
  | 'TEMPORAL_TLS_KEY'
  | 'TEMPORAL_TLS_CA'
  | 'TEMPORAL_TLS_SERVER_NAME'
  | 'WORKFLOW_RELAY_URL'
  | 'WORKFLOW_RELAY_SECRET'
  | 'TEMPORAL_HTTP_URL'
  | 'TEMPORAL_HTTP_PATH_PREFIX'
  | 'TEMPORAL_HTTP_API_KEY'
>;

/**
 * The configured kind, or when WORKFLOW_GATEWAY is unset: relay if its URL is set, else http if
 * Temporal's HTTP URL is set, else `client` on Node and `none` on Workers.
 */
export function resolveGatewayKind(env: GatewaySettings, runtime: 'node' | 'workers'): WorkflowGatewayKind {
  if (env.WORKFLOW_GATEWAY) return env.WORKFLOW_GATEWAY;
  if (env.WORKFLOW_RELAY_URL) return 'relay';
  if (env.TEMPORAL_HTTP_URL) return 'http';
  return runtime === 'node' ? 'client' : 'none';
}

export interface SelectedGateway {
  kind: WorkflowGatewayKind;
  gateway: WorkflowGateway;
}

/**
 * Builds the gateway. `client` needs the Node entry's factory (it owns @temporalio/client); asking
 * for it without one, as on Workers, is a configuration error.
 */
export function selectWorkflowGateway(
  env: GatewaySettings,
  opts: {
    runtime: 'node' | 'workers';
    /** Gets the address, namespace and (Temporal Cloud) TLS / API key options. */
    client?: (cfg: TemporalConnectionOptions & { namespace: string }) => WorkflowGateway;
    fetch?: (input: string, init: RequestInit) => Promise<Response>;
  },
): SelectedGateway {
  const kind = resolveGatewayKind(env, opts.runtime);
  const missing = (name: string) =>
    new Error(`worker-api environment is invalid:\n  ${name}: required when WORKFLOW_GATEWAY=${kind}`);
  switch (kind) {
    case 'client': {
      if (!opts.client) {
        throw new Error(
          'worker-api environment is invalid:\n  WORKFLOW_GATEWAY: client needs Node (@temporalio/client); use relay or http on Workers',
        );
      }
      return {
        kind,
        gateway: opts.client({ ...temporalConnectionOptions(env), namespace: env.TEMPORAL_NAMESPACE }),
      };
    }
    case 'relay': {
      if (!env.WORKFLOW_RELAY_URL) throw missing('WORKFLOW_RELAY_URL');
      if (!env.WORKFLOW_RELAY_SECRET) throw missing('WORKFLOW_RELAY_SECRET');
      return {
        kind,
        gateway: new RelayWorkflowGateway({
          baseUrl: env.WORKFLOW_RELAY_URL,
          secret: env.WORKFLOW_RELAY_SECRET,
          ...(opts.fetch ? { fetch: opts.fetch } : {}),
        }),
      };
    }
    case 'http': {
      if (!env.TEMPORAL_HTTP_URL) throw missing('TEMPORAL_HTTP_URL');
      return {
        kind,
        gateway: new HttpWorkflowGateway({
          baseUrl: env.TEMPORAL_HTTP_URL,
          namespace: env.TEMPORAL_NAMESPACE,
          pathPrefix: env.TEMPORAL_HTTP_PATH_PREFIX,
          ...(env.TEMPORAL_HTTP_API_KEY ? { apiKey: env.TEMPORAL_HTTP_API_KEY } : {}),
          ...(opts.fetch ? { fetch: opts.fetch } : {}),
        }),
      };
    }
    case 'none':
      return {
        kind,
        gateway: unavailableGateway(
          opts.runtime === 'workers'
            ? 'no workflow gateway configured on Workers (set WORKFLOW_RELAY_URL and WORKFLOW_RELAY_SECRET)'
            : 'no workflow gateway configured (WORKFLOW_GATEWAY=none)',
        ),
      };
  }
}
