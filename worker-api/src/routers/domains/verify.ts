import { DomainById } from '../../schemas/domains';
import { verifyDomain } from '../../services/domains/domains';
import { operatorProcedure } from '../../trpc';

export const verify = operatorProcedure
  .input(DomainById)
  .mutation(({ ctx, input }) => verifyDomain({ ctx, input }));
