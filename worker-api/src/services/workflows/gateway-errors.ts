import { WorkflowGatewayError } from '@mos/db/contracts';
import { DomainError } from '../../errors';

/**
 * The domain error for a gateway failure, decided by the `reason` the gateway set where the failure arose:
 * `not_found` (the workflow does not exist or has closed) → PRECONDITION_FAILED, `already_started` → CONFLICT,
 * `unavailable` / `failed` → UNAVAILABLE. `outcome` says what the caller can rely on ("nothing was recorded").
 * Anything that is not a gateway error is returned unchanged.
 */
export function fromGatewayError(err: unknown, outcome: string): unknown {
  if (!(err instanceof WorkflowGatewayError)) return err;
  switch (err.reason) {
    case 'not_found':
      return new DomainError('PRECONDITION_FAILED', `the workflow is no longer running; ${outcome}`, {
        cause: err,
      });
    case 'already_started':
      return new DomainError('CONFLICT', `a workflow with this id is already running; ${outcome}`, {
        cause: err,
      });
    case 'unavailable':
      return new DomainError('UNAVAILABLE', `the workflow service is unavailable; ${outcome}`, {
        cause: err,
      });
    case 'failed':
      return new DomainError('UNAVAILABLE', `the workflow service refused the request; ${outcome}`, {
        cause: err,
      });
  }
}

/** Whether Temporal answered that the workflow (run) does not exist or has already closed. */
export function isWorkflowGone(err: unknown): boolean {
  return err instanceof WorkflowGatewayError && err.reason === 'not_found';
}
