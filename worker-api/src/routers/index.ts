import { router } from '../trpc';
import { artifactsRouter } from './artifacts/index';
import { assetsRouter } from './assets/index';
import { campaignsRouter } from './campaigns/index';
import { clientsRouter } from './clients/index';
import { connectorsRouter } from './connectors/index';
import { creativesRouter } from './creatives/index';
import { deployRouter } from './deploy/index';
import { domainsRouter } from './domains/index';
import { experimentsRouter } from './experiments/index';
import { funnelsRouter } from './funnels/index';
import { llmRouter } from './llm/index';
import { meRouter } from './me/index';
import { offersRouter } from './offers/index';
import { onboardingRouter } from './onboarding/index';
import { playbookRouter } from './playbook/index';
import { secretsRouter } from './secrets/index';
import { snapshotsRouter } from './snapshots/index';
import { swipesRouter } from './swipes/index';
import { workflowsRouter } from './workflows/index';

export const appRouter = router({
  me: meRouter,
  swipes: swipesRouter,
  clients: clientsRouter,
  offers: offersRouter,
  onboarding: onboardingRouter,
  campaigns: campaignsRouter,
  workflows: workflowsRouter,
  creatives: creativesRouter,
  playbook: playbookRouter,
  llm: llmRouter,
  artifacts: artifactsRouter,
  experiments: experimentsRouter,
  assets: assetsRouter,
  funnels: funnelsRouter,
  domains: domainsRouter,
  secrets: secretsRouter,
  deploy: deployRouter,
  snapshots: snapshotsRouter,
  connectors: connectorsRouter,
});

export type AppRouter = typeof appRouter;
