import { router } from '../trpc';
import { clientsRouter } from './clients/index';
import { meRouter } from './me/index';

export const appRouter = router({
  me: meRouter,
  clients: clientsRouter,
});

export type AppRouter = typeof appRouter;
