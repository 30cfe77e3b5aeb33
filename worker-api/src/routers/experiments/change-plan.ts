import { ExperimentChangePlan } from '../../schemas/experiments';
import { changeExperimentPlan } from '../../services/experiments/change-plan';
import { operatorProcedure } from '../../trpc';

export const changePlan = operatorProcedure
  .input(ExperimentChangePlan)
  .mutation(({ ctx, input }) => changeExperimentPlan({ ctx, input }));
