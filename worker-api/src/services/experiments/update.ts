import { getExperiment, updateExperiment as updateRow } from '@mos/db';
import { DomainError } from '../../errors';
import { toJson } from '../../lib/json';
import type { ExperimentUpdate } from '../../schemas/experiments';
import type { ServiceCtx } from '../context';
import { ENTER_FROM } from './transitions';

/** Renames and/or moves an experiment along its lifecycle; an invalid move is PRECONDITION_FAILED. */
export async function updateExperiment({ ctx, input }: { ctx: ServiceCtx; input: ExperimentUpdate }) {
  const orgId = ctx.member.orgId;
  const { id, name, status } = input;
  if (name !== undefined || status !== undefined) {
    // The transition is checked in the UPDATE itself, so it holds under concurrent changes.
    const row = await updateRow(ctx.db, orgId, id, { name, status }, status ? ENTER_FROM[status] : undefined);
    if (row) return toJson(row);
  }
  const current = await getExperiment(ctx.db, orgId, id);
  if (!current) throw DomainError.notFound('experiment');
  if (status === undefined) return toJson(current);
  throw new DomainError(
    'PRECONDITION_FAILED',
    `an experiment cannot move from ${current.status} to ${status}`,
  );
}
