import { DomainAdd } from '../../schemas/domains';
import { addDomain } from '../../services/domains/domains';
import { operatorProcedure } from '../../trpc';

export const add = operatorProcedure.input(DomainAdd).mutation(({ ctx, input }) => addDomain({ ctx, input }));
