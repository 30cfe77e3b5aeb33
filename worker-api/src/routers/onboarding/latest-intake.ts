import { OnboardingByClient } from '../../schemas/onboarding';
import { getLatestIntake } from '../../services/onboarding/latest-intake';
import { orgProcedure } from '../../trpc';

export const latestIntake = orgProcedure
  .input(OnboardingByClient)
  .query(({ ctx, input }) => getLatestIntake({ ctx, input }));
