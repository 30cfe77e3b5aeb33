import { artifactActivities } from './artifacts';
import { creativeActivities } from './creative';
import { cycleActivities } from './cycle/index';
import { funnelDeployActivities } from './deploy/funnel';
import { deployActivities } from './deploy/index';
import type { ActivityDeps } from './deps';
import { experimentPlanActivities, experimentPlanChangeActivities } from './experiment-plans';
import { eventForwardingActivities } from './funnels/event-forwarding';
import { leadDeliveryActivities } from './funnels/lead-delivery';
import { pageDraftActivities } from './funnels/page-draft';
import { funnelPublishActivities } from './funnels/publish';
import { swipeMediaActivities } from './funnels/swipe-media';
import { onboardingActivities } from './onboarding';
import { planningActivities } from './planning';
import { playbookActivities } from './playbook';
import { qaActivities } from './qa';
import { researchActivities } from './research';
import { withStepFailures } from './shared/llm-step';
import { signalActivities } from './signals/index';
import { stepEditActivities } from './step-edits';
import { testCampaignActivities } from './test-campaign';
import { trackingActivities } from './tracking';

export type { ActivityDeps } from './deps';

/** Every activity, built from injected clients (CONVENTIONS 8); workflows import the type only. */
export function createActivities(deps: ActivityDeps) {
  const all = {
    ...trackingActivities(deps),
    ...artifactActivities(deps),
    ...researchActivities(deps),
    ...onboardingActivities(deps),
    ...planningActivities(deps),
    ...experimentPlanActivities(deps),
    ...experimentPlanChangeActivities(deps),
    ...creativeActivities(deps),
    ...qaActivities(deps),
    ...cycleActivities(deps),
    ...playbookActivities(deps),
    ...testCampaignActivities(deps),
    ...stepEditActivities(deps),
    ...funnelPublishActivities(deps),
    ...leadDeliveryActivities(deps),
    ...eventForwardingActivities(deps),
    ...swipeMediaActivities(deps),
    ...pageDraftActivities(deps),
    ...deployActivities(deps),
    ...funnelDeployActivities(deps),
    ...signalActivities(deps),
  };
  // Every LLM activity, with the artifact type an edit at its step_failed gate is validated against.
  return withStepFailures(
    all,
    {
      runResearchStep: 'research_step',
      buildCanonDraft: 'client_canon',
      buildMetricSchemaDraft: 'metric_schema',
      buildStrategySheetDraft: 'strategy_sheet',
      buildExperimentSpecsDraft: 'experiment_spec',
      buildAssetBriefs: 'asset_brief',
      generateAssets: null,
      brandQa: null,
      writeExperimentReport: 'experiment_report',
      proposeExperimentDecision: null,
      synthesizePlaybook: 'playbook',
      buildTestCanon: 'client_canon',
      buildTestMetricSchema: 'metric_schema',
      buildTestStrategy: 'strategy_sheet',
      buildTestExperimentSpecs: 'experiment_spec',
      buildTestBriefs: 'asset_brief',
    },
    deps.clock,
  );
}

export type Activities = ReturnType<typeof createActivities>;
