import { listSecrets } from '../../services/secrets/secrets';
import { adminProcedure } from '../../trpc';

export const list = adminProcedure.query(({ ctx }) => listSecrets({ ctx }));
