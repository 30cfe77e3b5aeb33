import { SecretSet } from '../../schemas/secrets';
import { setSecret } from '../../services/secrets/secrets';
import { adminProcedure } from '../../trpc';

export const set = adminProcedure.input(SecretSet).mutation(({ ctx, input }) => setSecret({ ctx, input }));
