import { OnboardingStart } from '../../schemas/onboarding';
import { startOnboarding } from '../../services/onboarding/start';
import { operatorProcedure } from '../../trpc';

export const start = operatorProcedure
  .input(OnboardingStart)
  .mutation(({ ctx, input }) => startOnboarding({ ctx, input }));
