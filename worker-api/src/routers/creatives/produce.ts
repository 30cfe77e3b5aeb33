import { CreativesProduce } from '../../schemas/creatives';
import { produceCreatives } from '../../services/creatives/produce';
import { operatorProcedure } from '../../trpc';

export const produce = operatorProcedure
  .input(CreativesProduce)
  .mutation(({ ctx, input }) => produceCreatives({ ctx, input }));
