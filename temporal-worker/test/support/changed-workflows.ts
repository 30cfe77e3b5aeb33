// The replay test's negative control: workflows under the recorded type names whose code no longer matches the
// recorded histories (a timer where the history has an activity), so replaying them must fail.
import { sleep } from '@temporalio/workflow';

export async function ClientOnboarding(): Promise<void> {
  await sleep('1 second');
}

export async function CampaignPlanning(): Promise<void> {
  await sleep('1 second');
}
