import { DesignTokensRef, DesignTokensSet } from '../../schemas/clients';
import { getDesignTokens, setDesignTokens as run } from '../../services/clients/design-tokens';
import { operatorProcedure, orgProcedure } from '../../trpc';

/** The tokens the client's funnel pages render with, and where they came from (client, canon or defaults). */
export const designTokens = orgProcedure
  .input(DesignTokensRef)
  .query(({ ctx, input }) => getDesignTokens({ ctx, input }));

export const setDesignTokens = operatorProcedure
  .input(DesignTokensSet)
  .mutation(({ ctx, input }) => run({ ctx, input }));
