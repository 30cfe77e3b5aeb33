/**
 * How worker-api reaches Temporal. Workers cannot run @temporalio/client (gRPC over HTTP/2), so the
 * API talks to this interface; `client` (Node), `relay` (signed HTTPS to temporal-worker) and `http`
 * (Temporal's HTTP API) implement it.
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

export interface WorkflowHandleRef {
  workflowId: string;
  runId: string;
}

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
  describe(ref: { workflowId: string; runId?: string | undefined }): Promise<WorkflowDescription>;
  cancel(ref: { workflowId: string; runId?: string | undefined }): Promise<void>;
  list(query: string, opts?: { pageSize?: number }): Promise<WorkflowDescription[]>;
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
  constructor(message: string, opts: { reason?: GatewayErrorReason; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'WorkflowGatewayError';
    this.reason = opts.reason ?? 'failed';
  }
}
