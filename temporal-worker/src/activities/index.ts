import { artifactActivities } from './artifacts';
import type { ActivityDeps } from './deps';
import { trackingActivities } from './tracking';

export type { ActivityDeps } from './deps';

/** Every activity, built from injected clients (CONVENTIONS 8); workflows import the type only. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...trackingActivities(deps),
    ...artifactActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
