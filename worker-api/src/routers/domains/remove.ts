import { DomainById } from '../../schemas/domains';
import { removeDomain } from '../../services/domains/domains';
import { operatorProcedure } from '../../trpc';

export const remove = operatorProcedure
  .input(DomainById)
  .mutation(({ ctx, input }) => removeDomain({ ctx, input }));
