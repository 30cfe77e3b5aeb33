import {
  QUERY_STATUS,
  type ReviewSignal,
  SIGNAL_REVIEW,
  SIGNAL_STOP,
  type WorkflowStatusSnapshot,
} from '@mos/db/contracts';
import { defineQuery, defineSignal } from '@temporalio/workflow';

/** A person's decision at a gate (sent by worker-api's workflows.review). */
export const reviewSignal = defineSignal<[ReviewSignal]>(SIGNAL_REVIEW);
/** Stop the run cleanly: the workflow records `cancelled` and returns. */
export const stopSignal = defineSignal<[]>(SIGNAL_STOP);
/** Live state for the UI, answered by every workflow. */
export const statusQuery = defineQuery<WorkflowStatusSnapshot>(QUERY_STATUS);
/** PlaybookUpdate on a schedule: run the synthesis now. */
export const runNowSignal = defineSignal<[]>('run_now');
