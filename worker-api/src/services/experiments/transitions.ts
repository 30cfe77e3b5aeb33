import type { ExperimentStatus } from '../../schemas/experiments';

/**
 * The statuses an experiment may enter `to` from: planned → running → completed, and any non-terminal
 * status → cancelled. Staying in the same status is allowed (a repeated request changes nothing).
 */
export const ENTER_FROM: Record<ExperimentStatus, readonly ExperimentStatus[]> = {
  planned: ['planned'],
  running: ['planned', 'running'],
  completed: ['running', 'completed'],
  cancelled: ['planned', 'running', 'cancelled'],
};
