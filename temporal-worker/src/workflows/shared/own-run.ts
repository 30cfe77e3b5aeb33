import type { WorkflowKind } from '@mos/db/contracts';
import { uuid4, workflowInfo } from '@temporalio/workflow';
import { acts } from './activities';

/**
 * A workflow the funnel sweep started has no run row (no API start made one): it records its own, with an id
 * chosen here so a retried insert finds it. Started by the API (runId given), the row is there already.
 */
export async function ownRunId(
  kind: WorkflowKind,
  input: { runId?: string | null; orgId: string; clientId: string | null },
): Promise<string> {
  if (input.runId) return input.runId;
  const info = workflowInfo();
  const row = await acts.ensureOwnRunRow({
    id: uuid4(),
    orgId: input.orgId,
    clientId: input.clientId,
    kind,
    workflowId: info.workflowId,
    temporalRunId: info.runId,
    input,
  });
  return row.runId;
}
