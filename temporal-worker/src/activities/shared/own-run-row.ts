import { type Db, ensureScheduledRunRow, logActivity } from '@mos/db';
import type { WorkflowKind } from '@mos/db/contracts';

export interface OwnRunRow {
  id: string;
  orgId: string;
  clientId: string | null;
  kind: WorkflowKind;
  workflowId: string;
  temporalRunId: string;
  input: unknown;
}

/**
 * The workflow_runs row of a run no API call recorded (a Temporal Schedule or a sweep started it) and its
 * `started` log line. The id comes from the workflow (deterministic), so a retry finds both. True when the row is new.
 */
export async function ensureOwnRunRow(db: Db, run: OwnRunRow, idempotencyKey: string): Promise<boolean> {
  const created = await ensureScheduledRunRow(db, {
    id: run.id,
    orgId: run.orgId,
    clientId: run.clientId,
    kind: run.kind,
    temporalWorkflowId: run.workflowId,
    temporalRunId: run.temporalRunId,
    input: run.input,
  });
  await logActivity(db, {
    orgId: run.orgId,
    workflowRunId: run.id,
    step: run.kind,
    status: 'started',
    payloadIn: run.input,
    idempotencyKey,
  });
  return created;
}
