import * as z from 'zod';

/**
 * How worker-api reaches Temporal. Workers cannot run @temporalio/client (gRPC over HTTP/2), so the
 * API talks to this interface; `client` (Node), `relay` (signed HTTPS to temporal-worker) and `http`
 * (Temporal's HTTP API) implement it. It holds only the calls the API makes: start, signal, query, cancel
 * and signal-with-start.
 */
export type WorkflowExecutionStatus =
  | 'RUNNING'
  | 'COMPLETED'
  | 'FAILED'
  | 'CANCELLED'
  | 'TERMINATED'
  | 'CONTINUED_AS_NEW'
  | 'TIMED_OUT'
  | 'UNKNOWN';

export interface StartWorkflowRequest {
  workflowType: string;
  workflowId: string;
  taskQueue: string;
  args: unknown[];
  memo?: Record<string, unknown>;
}

/**
 * Start-or-signal in one call: Temporal starts the workflow when no run with that id is open, then delivers the
 * signal either way, so concurrent requests for one id all reach the same run (the deploy queue per project).
 */
export interface SignalWithStartRequest extends StartWorkflowRequest {
  signal: string;
  signalArgs: unknown[];
}

export interface WorkflowHandleRef {
  workflowId: string;
  runId: string;
}

/** What `describe`/`list` answer on the gateways that offer them (client, http); the API itself never asks. */
export interface WorkflowDescription extends WorkflowHandleRef {
  type: string;
  status: WorkflowExecutionStatus;
  startTime: string;
  closeTime: string | null;
}

export interface WorkflowGateway {
  start(req: StartWorkflowRequest): Promise<WorkflowHandleRef>;
  signal(
    ref: { workflowId: string; runId?: string | undefined },
    signal: string,
    args: unknown[],
  ): Promise<void>;
  query<T = unknown>(
    ref: { workflowId: string; runId?: string | undefined },
    query: string,
    args?: unknown[],
  ): Promise<T>;
  cancel(ref: { workflowId: string; runId?: string | undefined }): Promise<void>;
  /** Answers the run that received the signal (a new one or the one already open). */
  signalWithStart(req: SignalWithStartRequest): Promise<WorkflowHandleRef>;
}

/** Why a gateway call failed, set where the failure arises; nothing downstream reads the message to decide. */
export const GATEWAY_ERROR_REASONS = ['not_found', 'already_started', 'unavailable', 'failed'] as const;
export type GatewayErrorReason = (typeof GATEWAY_ERROR_REASONS)[number];

/**
 * Raised by a gateway. `not_found`: Temporal answered that the workflow (run) does not exist or has closed;
 * `already_started`: a workflow with that id is running; `unavailable`: Temporal (or the relay) could not be
 * reached; `failed`: anything else Temporal refused.
 */
export class WorkflowGatewayError extends Error {
  readonly reason: GatewayErrorReason;
  constructor(message: string, opts: { reason: GatewayErrorReason; cause?: unknown }) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'WorkflowGatewayError';
    this.reason = opts.reason;
  }
}

/**
 * How a Node process connects to Temporal (the worker's NativeConnection, the relay's client and worker-api's
 * `client` gateway): self-hosted plaintext by default; Temporal Cloud with an API key or mTLS. TLS is on
 * whenever any of these is set. PEM values may carry `\n` escapes (one-line secrets).
 */
/** An env file's empty `NAME=` means unset, as if the line were not there. */
const optionalSetting = z.preprocess((v) => (v === '' ? undefined : v), z.string().min(1).optional());

export const temporalConnectionEnvShape = {
  TEMPORAL_ADDRESS: z.string().min(1).default('localhost:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  /** Temporal Cloud API key, sent as `Authorization: Bearer …` over TLS. */
  TEMPORAL_API_KEY: optionalSetting,
  /** mTLS client certificate (PEM), with TEMPORAL_TLS_KEY. */
  TEMPORAL_TLS_CERT: optionalSetting,
  /** mTLS client private key (PEM), with TEMPORAL_TLS_CERT. */
  TEMPORAL_TLS_KEY: optionalSetting,
  /** CA certificate(s) (PEM) the server's certificate must chain to; the system's roots when unset. */
  TEMPORAL_TLS_CA: optionalSetting,
  /** The name the server's certificate must carry (SNI), when it differs from TEMPORAL_ADDRESS's host. */
  TEMPORAL_TLS_SERVER_NAME: optionalSetting,
};

type ConnectionEnvFields = {
  [K in keyof typeof temporalConnectionEnvShape]?: string | undefined;
};

const pem = (value: string) => value.replace(/\\n/g, '\n').trim();
const PEM_CERT = /^-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----$/;
const PEM_KEY = /^-----BEGIN (?:RSA |EC )?PRIVATE KEY-----[\s\S]+-----END (?:RSA |EC )?PRIVATE KEY-----$/;

/** Cross-field rules for the connection variables; issues name the variable, never its value. */
export function checkTemporalConnectionEnv(env: ConnectionEnvFields, ctx: z.RefinementCtx): void {
  const issue = (name: keyof ConnectionEnvFields, message: string) =>
    ctx.addIssue({ code: 'custom', path: [name], message });
  if (env.TEMPORAL_TLS_CERT && !env.TEMPORAL_TLS_KEY)
    issue('TEMPORAL_TLS_KEY', 'required when TEMPORAL_TLS_CERT is set');
  if (env.TEMPORAL_TLS_KEY && !env.TEMPORAL_TLS_CERT)
    issue('TEMPORAL_TLS_CERT', 'required when TEMPORAL_TLS_KEY is set');
  if (env.TEMPORAL_TLS_CERT && !PEM_CERT.test(pem(env.TEMPORAL_TLS_CERT))) {
    issue('TEMPORAL_TLS_CERT', 'must be a PEM certificate (-----BEGIN CERTIFICATE-----)');
  }
  if (env.TEMPORAL_TLS_KEY && !PEM_KEY.test(pem(env.TEMPORAL_TLS_KEY))) {
    // The SDKs take no passphrase, so an encrypted key is refused here rather than at the handshake.
    issue('TEMPORAL_TLS_KEY', 'must be an unencrypted PEM private key (-----BEGIN PRIVATE KEY-----)');
  }
  if (env.TEMPORAL_TLS_CA && !PEM_CERT.test(pem(env.TEMPORAL_TLS_CA))) {
    issue('TEMPORAL_TLS_CA', 'must be PEM certificate(s) (-----BEGIN CERTIFICATE-----)');
  }
  if (env.TEMPORAL_API_KEY && /\s/.test(env.TEMPORAL_API_KEY)) {
    issue('TEMPORAL_API_KEY', 'must not contain whitespace');
  }
}

export const TemporalConnectionEnv = z
  .object(temporalConnectionEnvShape)
  .superRefine(checkTemporalConnectionEnv);
export type TemporalConnectionEnv = z.infer<typeof TemporalConnectionEnv>;

/** The TLS part of @temporalio/client's ConnectionOptions and @temporalio/worker's NativeConnectionOptions. */
export interface TemporalTlsOptions {
  serverNameOverride?: string;
  serverRootCACertificate?: Uint8Array;
  clientCertPair?: { crt: Uint8Array; key: Uint8Array };
}

export interface TemporalConnectionOptions {
  address: string;
  /** Absent for a plaintext connection (self-hosted, local dev). */
  tls?: TemporalTlsOptions;
  apiKey?: string;
}

const bytes = (value: string) => new TextEncoder().encode(pem(value));

/** The options both SDK connection types take, from an env already checked by checkTemporalConnectionEnv. */
export function temporalConnectionOptions(
  env: Pick<ConnectionEnvFields, Exclude<keyof ConnectionEnvFields, 'TEMPORAL_NAMESPACE'>> & {
    TEMPORAL_ADDRESS: string;
  },
): TemporalConnectionOptions {
  const tlsOn = Boolean(
    env.TEMPORAL_API_KEY ||
      env.TEMPORAL_TLS_CERT ||
      env.TEMPORAL_TLS_KEY ||
      env.TEMPORAL_TLS_CA ||
      env.TEMPORAL_TLS_SERVER_NAME,
  );
  if (!tlsOn) return { address: env.TEMPORAL_ADDRESS };
  const tls: TemporalTlsOptions = {};
  if (env.TEMPORAL_TLS_SERVER_NAME) tls.serverNameOverride = env.TEMPORAL_TLS_SERVER_NAME;
  if (env.TEMPORAL_TLS_CA) tls.serverRootCACertificate = bytes(env.TEMPORAL_TLS_CA);
  if (env.TEMPORAL_TLS_CERT && env.TEMPORAL_TLS_KEY) {
    tls.clientCertPair = { crt: bytes(env.TEMPORAL_TLS_CERT), key: bytes(env.TEMPORAL_TLS_KEY) };
  }
  return {
    address: env.TEMPORAL_ADDRESS,
    tls,
    ...(env.TEMPORAL_API_KEY ? { apiKey: env.TEMPORAL_API_KEY } : {}),
  };
}
