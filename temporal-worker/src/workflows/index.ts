// The workflow bundle's entry: every workflow the worker registers, exported by its Temporal type name
// (see WORKFLOW_TYPE_NAMES in @mos/db/contracts). Only deterministic code may be imported from here.
export { CampaignPlanning } from './campaign-planning';
export { ClientOnboarding } from './client-onboarding';
export { ClientResearch } from './client-research';
export { CreativeProduction } from './creative-production';
export { DeployProject } from './deploy-project';
export { EventForwarding } from './event-forwarding';
export { ExperimentCycle } from './experiment-cycle';
export { ExperimentDesign } from './experiment-design';
export { ExperimentPlanChange } from './experiment-plan-change';
export { FunnelPageDraft } from './funnel-page-draft';
export { FunnelPublish } from './funnel-publish';
export { FunnelSweep } from './funnel-sweep';
export { LeadDelivery } from './lead-delivery';
export { PlaybookUpdate } from './playbook-update';
export { SwipeMediaImport } from './swipe-media-import';
export { TestCampaign } from './test-campaign';
