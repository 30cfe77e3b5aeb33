import type { ArtifactType } from '@mos/db/artifacts';
import { GATE_ARTIFACT_TYPES, WorkflowGatewayError } from '@mos/db/contracts';

/**
 * The artifact type each gate decides on (the schema an edit is validated with), shared with the worker.
 * `assets` is decided per item (approvedIds / rejectedIds) and has no editable document.
 */
const GATE_TYPES: Record<string, ArtifactType | null> = GATE_ARTIFACT_TYPES;

/** The gate's artifact type; undefined for a gate not in the map (own keys only, never Object.prototype). */
export function gateArtifactType(gate: string): ArtifactType | null | undefined {
  return Object.hasOwn(GATE_TYPES, gate) ? GATE_TYPES[gate] : undefined;
}

export const ACTIVE_RUN_STATUSES = ['running', 'waiting_for_approval'] as const;

export function isActiveRunStatus(status: string): boolean {
  return (ACTIVE_RUN_STATUSES as readonly string[]).includes(status);
}

/**
 * Whether a gateway failure means Temporal answered that the workflow (run) does not exist or has already closed,
 * as opposed to Temporal being unreachable. The gateway reports both as WorkflowGatewayError, so this reads the
 * message and the wrapped cause (the official client's WorkflowNotFoundError).
 */
export function isWorkflowGone(err: unknown): boolean {
  if (!(err instanceof WorkflowGatewayError)) return false;
  const cause = err.cause instanceof Error ? err.cause : null;
  if (cause?.name === 'WorkflowNotFoundError') return true;
  const text = `${err.message} ${cause?.message ?? ''}`;
  return /\bnot found\b|already completed|already finished|does not exist/i.test(text);
}
