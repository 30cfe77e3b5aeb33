import { proxyActivities } from '@temporalio/workflow';

/** The baseline of bench:workflows: one workflow, one activity, nothing else. */
const { hello } = proxyActivities<{ hello(name: string): Promise<string> }>({
  startToCloseTimeout: '10 seconds',
});

export async function Hello(name: string): Promise<string> {
  return hello(name);
}
