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

/** Raised by a gateway when Temporal cannot be reached or refuses; services map it to UNAVAILABLE. */
export class WorkflowGatewayError extends Error {
  constructor(message: string, opts?: { cause?: unknown }) {
    super(message, opts);
    this.name = 'WorkflowGatewayError';
  }
}
