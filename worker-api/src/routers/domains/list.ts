import { DomainList } from '../../schemas/domains';
import { listDomains } from '../../services/domains/domains';
import { orgProcedure } from '../../trpc';

export const list = orgProcedure.input(DomainList).query(({ ctx, input }) => listDomains({ ctx, input }));
