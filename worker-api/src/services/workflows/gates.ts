import type { ArtifactType } from '@mos/db/artifacts';
import { GATE_ARTIFACT_TYPES } from '@mos/db/contracts';

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
