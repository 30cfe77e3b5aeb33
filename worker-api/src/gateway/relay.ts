import type {
  GatewayErrorReason,
  SignalWithStartRequest,
  StartWorkflowRequest,
  WorkflowGateway,
  WorkflowHandleRef,
} from '@mos/db/contracts';
import {
  assertRelaySecret,
  GATEWAY_ERROR_REASONS,
  importRelayKey,
  RELAY_BASE_PATH,
  type RelayKey,
  type RelayOperation,
  signRequest,
  WorkflowGatewayError,
} from '@mos/db/contracts';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface RelayWorkflowGatewayOptions {
  /** temporal-worker's public origin (e.g. https://worker.example.com); the relay lives under /internal/workflows. */
  baseUrl: string;
  /** WORKFLOW_RELAY_SECRET, shared with temporal-worker; at least 32 characters. */
  secret: string;
  fetch?: FetchLike;
  /** Per request; a query waits for the worker to answer, so keep it above Temporal's own query timeout. */
  timeoutMs?: number;
  now?: () => number;
}

type Ref = { workflowId: string; runId?: string | undefined };

/**
 * The `relay` gateway: signed HTTPS calls to the internal gateway served by temporal-worker, which
 * uses the official client. Workers-safe (fetch and WebCrypto only); the default in production.
 */
export class RelayWorkflowGateway implements WorkflowGateway {
  private readonly baseUrl: string;
  private readonly fetch: FetchLike;
  private readonly key: Promise<RelayKey>;
  private readonly timeoutMs: number;
  private readonly now: () => number;

  constructor(opts: RelayWorkflowGatewayOptions) {
    assertRelaySecret(opts.secret);
    this.baseUrl = opts.baseUrl.replace(/\/+$/, '');
    // workerd refuses a detached `fetch` ("Illegal invocation"), so the global is called, not stored.
    this.fetch = opts.fetch ?? ((input, init) => fetch(input, init));
    this.key = importRelayKey(opts.secret);
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    this.now = opts.now ?? Date.now;
  }

  private async call<T>(op: RelayOperation, payload: unknown): Promise<T> {
    const url = `${this.baseUrl}${RELAY_BASE_PATH}/${op}`;
    const parsed = new URL(url);
    const body = JSON.stringify(payload);
    let res: Response;
    try {
      const headers = await signRequest({
        key: await this.key,
        method: 'POST',
        path: `${parsed.pathname}${parsed.search}`,
        body,
        nowMs: this.now(),
      });
      res = await this.fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      // The relay did not answer (refused, DNS, TLS, timeout).
      throw new WorkflowGatewayError(`relay ${op} failed: ${(err as Error).message}`, {
        reason: 'unavailable',
        cause: err,
      });
    }
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (!res.ok) {
      const error = relayError(json);
      const message = error?.message ?? (text.slice(0, 200) || res.statusText);
      throw new WorkflowGatewayError(`relay ${op} refused (HTTP ${res.status}): ${message}`, {
        reason: error?.reason ?? proxyReason(res.status),
      });
    }
    if (json === undefined || json === null || typeof json !== 'object') {
      throw new WorkflowGatewayError(`relay ${op} answered with a non-JSON body (HTTP ${res.status})`, {
        reason: 'failed',
      });
    }
    return json as T;
  }

  /** The relay starts on its own task queue (the worker's); `taskQueue` is sent so a mismatch is refused. */
  async start(req: StartWorkflowRequest): Promise<WorkflowHandleRef> {
    return this.call<WorkflowHandleRef>('start', req);
  }

  /** The relay allows it only for the deploy workflow and its `enqueue` signal. */
  async signalWithStart(req: SignalWithStartRequest): Promise<WorkflowHandleRef> {
    return this.call<WorkflowHandleRef>('signal-with-start', req);
  }

  async signal(ref: Ref, signal: string, args: unknown[]): Promise<void> {
    await this.call('signal', { ...refBody(ref), signal, args });
  }

  async query<T>(ref: Ref, query: string, args: unknown[] = []): Promise<T> {
    const out = await this.call<{ result?: T }>('query', { ...refBody(ref), query, args });
    return out.result as T;
  }

  async cancel(ref: Ref): Promise<void> {
    await this.call('cancel', refBody(ref));
  }
}

function refBody(ref: Ref): { workflowId: string; runId?: string } {
  return ref.runId ? { workflowId: ref.workflowId, runId: ref.runId } : { workflowId: ref.workflowId };
}

/** The relay's JSON error body (RelayErrorBody): its message and the reason the relay set where the error arose. */
function relayError(json: unknown): { message: string; reason: GatewayErrorReason } | undefined {
  if (!json || typeof json !== 'object' || !('error' in json)) return undefined;
  const error = json.error;
  if (!error || typeof error !== 'object') return undefined;
  const message = 'message' in error && typeof error.message === 'string' ? error.message : undefined;
  const reason =
    'reason' in error && (GATEWAY_ERROR_REASONS as readonly unknown[]).includes(error.reason)
      ? (error.reason as GatewayErrorReason)
      : undefined;
  return message !== undefined && reason !== undefined ? { message, reason } : undefined;
}

/** No relay body: a proxy in front (nginx) answered 502/503/504 because the relay was not reachable. */
function proxyReason(status: number): GatewayErrorReason {
  return status === 502 || status === 503 || status === 504 ? 'unavailable' : 'failed';
}
