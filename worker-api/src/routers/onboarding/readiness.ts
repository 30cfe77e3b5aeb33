import { OnboardingByClient } from '../../schemas/onboarding';
import { clientReadiness } from '../../services/onboarding/readiness';
import { orgProcedure } from '../../trpc';

export const readiness = orgProcedure
  .input(OnboardingByClient)
  .query(({ ctx, input }) => clientReadiness({ ctx, input }));
