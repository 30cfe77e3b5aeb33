import { DomainAssign } from '../../schemas/domains';
import { assignDomain } from '../../services/domains/domains';
import { operatorProcedure } from '../../trpc';

export const assign = operatorProcedure
  .input(DomainAssign)
  .mutation(({ ctx, input }) => assignDomain({ ctx, input }));
