import { SecretByName } from '../../schemas/secrets';
import { removeSecret } from '../../services/secrets/secrets';
import { adminProcedure } from '../../trpc';

export const remove = adminProcedure
  .input(SecretByName)
  .mutation(({ ctx, input }) => removeSecret({ ctx, input }));
