import { router } from '../../trpc';
import { latestIntake } from './latest-intake';
import { readiness } from './readiness';
import { start } from './start';

export const onboardingRouter = router({ start, latestIntake, readiness });
