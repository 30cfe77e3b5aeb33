import { artifactActivities } from './artifacts';
import { creativeActivities } from './creative';
import { cycleActivities } from './cycle';
import type { ActivityDeps } from './deps';
import { onboardingActivities } from './onboarding';
import { planningActivities } from './planning';
import { playbookActivities } from './playbook';
import { qaActivities } from './qa';
import { researchActivities } from './research';
import { testCampaignActivities } from './test-campaign';
import { trackingActivities } from './tracking';

export type { ActivityDeps } from './deps';

/** Every activity, built from injected clients (CONVENTIONS 8); workflows import the type only. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...trackingActivities(deps),
    ...artifactActivities(deps),
    ...researchActivities(deps),
    ...onboardingActivities(deps),
    ...planningActivities(deps),
    ...creativeActivities(deps),
    ...qaActivities(deps),
    ...cycleActivities(deps),
    ...playbookActivities(deps),
    ...testCampaignActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
