import type { WorkflowGateway } from '@mos/db/contracts';
import { WorkflowGatewayError } from '@mos/db/contracts';

/** Used where no gateway is configured: every call fails as an unreachable Temporal would (503). */
export function unavailableGateway(message: string): WorkflowGateway {
  const fail = async (): Promise<never> => {
    throw new WorkflowGatewayError(message, { reason: 'unavailable' });
  };
  return { start: fail, signal: fail, query: fail, cancel: fail, signalWithStart: fail };
}
