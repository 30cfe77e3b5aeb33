import { PlaybookUpdate } from '../../schemas/playbook';
import { updatePlaybook } from '../../services/playbook/update';
import { orgProcedure } from '../../trpc';

/** Members may edit; the service itself requires operator for mode 'regenerate'. */
export const update = orgProcedure
  .input(PlaybookUpdate)
  .mutation(({ ctx, input }) => updatePlaybook({ ctx, input }));
