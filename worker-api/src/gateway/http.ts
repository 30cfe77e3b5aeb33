import type {
  GatewayErrorReason,
  SignalWithStartRequest,
  StartWorkflowRequest,
  WorkflowDescription,
  WorkflowExecutionStatus,
  WorkflowGateway,
  WorkflowHandleRef,
} from '@mos/db/contracts';
import { WorkflowGatewayError } from '@mos/db/contracts';
import type { FetchLike } from './relay';

export interface HttpWorkflowGatewayOptions {
  /** Origin of the Temporal frontend's HTTP API (the server's `--http-port` / `services.frontend.rpc.httpPort`). */
  baseUrl: string;
  namespace: string;
  /** Self-hosted servers serve the API under /api/v1; set '' where it is served at the root. */
  pathPrefix?: string;
  /** Sent as `Authorization: Bearer …` when set (an API key, or a JWT your server's authorizer accepts). */
  apiKey?: string;
  identity?: string;
  fetch?: FetchLike;
  timeoutMs?: number;
}

type Ref = { workflowId: string; runId?: string | undefined };

/** A Temporal Payload in proto JSON: bytes fields are base64. */
interface PayloadJson {
  metadata?: Record<string, string>;
  data?: string;
}

interface ExecutionInfoJson {
  execution?: { workflowId?: string; runId?: string };
  type?: { name?: string };
  startTime?: string;
  closeTime?: string;
  status?: string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  // grpc-gateway writes standard base64; accept the URL-safe alphabet too.
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

const ENCODING_KEY = 'encoding';
const b64 = (s: string) => toBase64(encoder.encode(s));

/** Encodes a value as the TypeScript SDK's default data converter does (json/plain, binary/null). */
export function encodePayload(value: unknown): PayloadJson {
  if (value === undefined) return { metadata: { [ENCODING_KEY]: b64('binary/null') } };
  if (value instanceof Uint8Array) {
    return { metadata: { [ENCODING_KEY]: b64('binary/plain') }, data: toBase64(value) };
  }
  return { metadata: { [ENCODING_KEY]: b64('json/plain') }, data: b64(JSON.stringify(value)) };
}

export function decodePayload(payload: PayloadJson | undefined): unknown {
  if (!payload) return undefined;
  const rawEncoding = payload.metadata?.[ENCODING_KEY];
  const encoding = rawEncoding ? decoder.decode(fromBase64(rawEncoding)) : undefined;
  const data = payload.data ? fromBase64(payload.data) : new Uint8Array();
  switch (encoding) {
    case 'binary/null':
      return undefined;
    case 'binary/plain':
      return data;
    case 'json/plain':
    case 'json/protobuf':
      return JSON.parse(decoder.decode(data));
    default:
      throw new WorkflowGatewayError(`unsupported payload encoding: ${encoding ?? '(none)'}`, {
        reason: 'failed',
      });
  }
}

const STATUS_PREFIX = 'WORKFLOW_EXECUTION_STATUS_';
const STATUSES: Record<string, WorkflowExecutionStatus> = {
  RUNNING: 'RUNNING',
  COMPLETED: 'COMPLETED',
  FAILED: 'FAILED',
  // The proto enum says CANCELED; the SDKs (and this interface) say CANCELLED.
  CANCELED: 'CANCELLED',
  TERMINATED: 'TERMINATED',
  CONTINUED_AS_NEW: 'CONTINUED_AS_NEW',
  TIMED_OUT: 'TIMED_OUT',
};

function toStatus(status: string | undefined): WorkflowExecutionStatus {
  const key = status?.startsWith(STATUS_PREFIX) ? status.slice(STATUS_PREFIX.length) : status;
  return (key && STATUSES[key]) || 'UNKNOWN';
}

function isoTime(value: string | undefined): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

function toDescription(info: ExecutionInfoJson | undefined): WorkflowDescription {
  const workflowId = info?.execution?.workflowId;
  const runId = info?.execution?.runId;
  const startTime = isoTime(info?.startTime);
  if (!workflowId || !runId || !startTime) {
    throw new WorkflowGatewayError('temporal answered with an incomplete workflow execution', {
      reason: 'failed',
    });
  }
  return {
    workflowId,
    runId,
    type: info?.type?.name ?? '',
    status: toStatus(info?.status),
    startTime,
    closeTime: isoTime(info?.closeTime),
  };
}

/**
 * The `http` gateway: Temporal's own HTTP API (grpc-gateway's JSON mapping of WorkflowService, served
 * by self-hosted servers ≥ 1.25 on the frontend's HTTP port). Workers-safe: fetch only.
 *
 * Payloads travel in their full proto JSON form ({metadata: {encoding: b64}, data: b64}) and every
 * call sets `noPayloadShorthand`, so the server never guesses whether an object is a payload.
 */
export class HttpWorkflowGateway implements WorkflowGateway {
  private readonly root: string;
  private readonly fetch: FetchLike;
  private readonly identity: string;
  private readonly timeoutMs: number;
  private readonly apiKey: string | undefined;

  constructor(opts: HttpWorkflowGatewayOptions) {
    const prefix = (opts.pathPrefix ?? '/api/v1').replace(/\/+$/, '');
    const normalizedPrefix = prefix && !prefix.startsWith('/') ? `/${prefix}` : prefix;
    this.root = `${opts.baseUrl.replace(/\/+$/, '')}${normalizedPrefix}/namespaces/${encodeURIComponent(opts.namespace)}`;
    this.fetch = opts.fetch ?? ((input, init) => fetch(input, init));
    this.identity = opts.identity ?? 'mos-worker-api';
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    this.apiKey = opts.apiKey;
  }

  private workflowPath(workflowId: string, suffix = ''): string {
    return `${this.root}/workflows/${encodeURIComponent(workflowId)}${suffix}`;
  }

  private async call<T>(
    what: string,
    method: 'GET' | 'POST',
    url: string,
    params: Record<string, string | undefined>,
    body?: unknown,
  ): Promise<T> {
    const search = new URLSearchParams({ noPayloadShorthand: 'true' });
    for (const [k, v] of Object.entries(params)) if (v !== undefined) search.set(k, v);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.apiKey) headers.authorization = `Bearer ${this.apiKey}`;
    let res: Response;
    try {
      res = await this.fetch(`${url}?${search.toString()}`, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      // fetch itself failed (refused, DNS, TLS, timeout): nothing answered.
      throw new WorkflowGatewayError(`temporal ${what} failed: ${(err as Error).message}`, {
        reason: 'unavailable',
        cause: err,
      });
    }
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : {};
    } catch {
      json = undefined;
    }
    if (!res.ok) {
      // grpc-gateway errors are google.rpc.Status: { code, message, details }.
      const message =
        json && typeof json === 'object' && 'message' in json && typeof json.message === 'string'
          ? json.message
          : text.slice(0, 200) || res.statusText;
      throw new WorkflowGatewayError(`temporal ${what} failed (HTTP ${res.status}): ${message}`, {
        reason: httpErrorReason(res.status, json),
      });
    }
    if (json === undefined || json === null || typeof json !== 'object') {
      throw new WorkflowGatewayError(`temporal ${what} answered with a non-JSON body (HTTP ${res.status})`, {
        reason: 'failed',
      });
    }
    return json as T;
  }

  async start(req: StartWorkflowRequest): Promise<WorkflowHandleRef> {
    const memo = req.memo
      ? { fields: Object.fromEntries(Object.entries(req.memo).map(([k, v]) => [k, encodePayload(v)])) }
      : undefined;
    const out = await this.call<{ runId?: string }>(
      'start',
      'POST',
      this.workflowPath(req.workflowId),
      {},
      {
        workflowId: req.workflowId,
        workflowType: { name: req.workflowType },
        taskQueue: { name: req.taskQueue },
        input: { payloads: req.args.map(encodePayload) },
        identity: this.identity,
        requestId: crypto.randomUUID(),
        ...(memo ? { memo } : {}),
      },
    );
    if (!out.runId)
      throw new WorkflowGatewayError('temporal start answered without a runId', { reason: 'failed' });
    return { workflowId: req.workflowId, runId: out.runId };
  }

  /** SignalWithStartWorkflowExecution: `POST …/workflows/{id}/signal-with-start/{signalName}`. */
  async signalWithStart(req: SignalWithStartRequest): Promise<WorkflowHandleRef> {
    const memo = req.memo
      ? { fields: Object.fromEntries(Object.entries(req.memo).map(([k, v]) => [k, encodePayload(v)])) }
      : undefined;
    const out = await this.call<{ runId?: string }>(
      'signal-with-start',
      'POST',
      this.workflowPath(req.workflowId, `/signal-with-start/${encodeURIComponent(req.signal)}`),
      {},
      {
        workflowId: req.workflowId,
        workflowType: { name: req.workflowType },
        taskQueue: { name: req.taskQueue },
        input: { payloads: req.args.map(encodePayload) },
        signalName: req.signal,
        signalInput: { payloads: req.signalArgs.map(encodePayload) },
        identity: this.identity,
        requestId: crypto.randomUUID(),
        ...(memo ? { memo } : {}),
      },
    );
    if (!out.runId) {
      throw new WorkflowGatewayError('temporal signal-with-start answered without a runId', {
        reason: 'failed',
      });
    }
    return { workflowId: req.workflowId, runId: out.runId };
  }

  async signal(ref: Ref, signal: string, args: unknown[]): Promise<void> {
    await this.call(
      'signal',
      'POST',
      this.workflowPath(ref.workflowId, `/signal/${encodeURIComponent(signal)}`),
      {},
      {
        workflowExecution: execution(ref),
        signalName: signal,
        input: { payloads: args.map(encodePayload) },
        identity: this.identity,
        requestId: crypto.randomUUID(),
      },
    );
  }

  async query<T>(ref: Ref, query: string, args: unknown[] = []): Promise<T> {
    const out = await this.call<{
      queryResult?: { payloads?: PayloadJson[] };
      queryRejected?: { status?: string };
    }>(
      'query',
      'POST',
      this.workflowPath(ref.workflowId, `/query/${encodeURIComponent(query)}`),
      {},
      {
        execution: execution(ref),
        query: { queryType: query, queryArgs: { payloads: args.map(encodePayload) } },
      },
    );
    if (out.queryRejected) {
      throw new WorkflowGatewayError(
        `temporal query rejected: workflow status ${toStatus(out.queryRejected.status)}`,
        { reason: 'failed' },
      );
    }
    // Like the SDK: a query answers with one value, the first payload.
    return decodePayload(out.queryResult?.payloads?.[0]) as T;
  }

  /** Not part of WorkflowGateway (the API never asks); for tools and tests. */
  async describe(ref: Ref): Promise<WorkflowDescription> {
    const out = await this.call<{ workflowExecutionInfo?: ExecutionInfoJson }>(
      'describe',
      'GET',
      this.workflowPath(ref.workflowId),
      { 'execution.runId': ref.runId },
    );
    return toDescription(out.workflowExecutionInfo);
  }

  async cancel(ref: Ref): Promise<void> {
    await this.call(
      'cancel',
      'POST',
      this.workflowPath(ref.workflowId, '/cancel'),
      {},
      {
        workflowExecution: execution(ref),
        identity: this.identity,
        requestId: crypto.randomUUID(),
      },
    );
  }

  /** Not part of WorkflowGateway (the API never asks); for tools and tests. */
  async list(query: string, opts: { pageSize?: number } = {}): Promise<WorkflowDescription[]> {
    const max = opts.pageSize ?? 100;
    const out: WorkflowDescription[] = [];
    let nextPageToken: string | undefined;
    do {
      const page = await this.call<{ executions?: ExecutionInfoJson[]; nextPageToken?: string }>(
        'list',
        'GET',
        `${this.root}/workflows`,
        { query, pageSize: String(Math.min(max - out.length, 1000)), nextPageToken },
      );
      for (const info of page.executions ?? []) {
        out.push(toDescription(info));
        if (out.length >= max) return out;
      }
      nextPageToken = page.nextPageToken || undefined;
    } while (nextPageToken);
    return out;
  }
}

// google.rpc.Code values grpc-gateway puts in an error body's `code`.
const RPC_DEADLINE_EXCEEDED = 4;
const RPC_NOT_FOUND = 5;
const RPC_ALREADY_EXISTS = 6;
const RPC_UNAVAILABLE = 14;

/**
 * The reason for a refused call, from the gRPC code in the body (google.rpc.Status) when there is one, else the
 * HTTP status grpc-gateway maps it to (NOT_FOUND 404, ALREADY_EXISTS 409, UNAVAILABLE 503, DEADLINE 504); a proxy
 * in front answering 502/503/504 without a body also means Temporal was not reached.
 */
export function httpErrorReason(status: number, body: unknown): GatewayErrorReason {
  const code =
    body && typeof body === 'object' && 'code' in body && typeof body.code === 'number'
      ? body.code
      : undefined;
  if (code !== undefined) {
    if (code === RPC_NOT_FOUND) return 'not_found';
    if (code === RPC_ALREADY_EXISTS) return 'already_started';
    if (code === RPC_UNAVAILABLE || code === RPC_DEADLINE_EXCEEDED) return 'unavailable';
    return 'failed';
  }
  if (status === 404) return 'not_found';
  if (status === 502 || status === 503 || status === 504) return 'unavailable';
  return 'failed';
}

function execution(ref: Ref): { workflowId: string; runId?: string } {
  return ref.runId ? { workflowId: ref.workflowId, runId: ref.runId } : { workflowId: ref.workflowId };
}
