import type { Client } from '@temporalio/client';
import type { WorkflowStarter } from '../deps';

/** Signal-with-start over the official client, on the worker's own task queue (the worker's process has one). */
export function clientWorkflowStarter(
  client: () => Promise<Client> | Client,
  taskQueue: string,
): WorkflowStarter {
  return {
    async signalWithStart(opts) {
      await (await client()).workflow.signalWithStart(opts.workflowType, {
        workflowId: opts.workflowId,
        taskQueue,
        args: opts.args,
        signal: opts.signal,
        signalArgs: opts.signalArgs,
      });
    },
  };
}
