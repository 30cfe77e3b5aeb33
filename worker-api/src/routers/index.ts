import { router } from '../trpc';
import { campaignsRouter } from './campaigns/index';
import { clientsRouter } from './clients/index';
import { meRouter } from './me/index';
import { offersRouter } from './offers/index';
import { onboardingRouter } from './onboarding/index';

export const appRouter = router({
  me: meRouter,
  clients: clientsRouter,
  offers: offersRouter,
  onboarding: onboardingRouter,
  campaigns: campaignsRouter,
});

export type AppRouter = typeof appRouter;
