import { ArtifactCreateVersion } from '../../schemas/artifacts';
import { createArtifactVersion } from '../../services/artifacts/create-version';
import { orgProcedure } from '../../trpc';

/** Any member may write a draft; the service requires the operator role for an approved version. */
export const createVersion = orgProcedure
  .input(ArtifactCreateVersion)
  .mutation(({ ctx, input }) => createArtifactVersion({ ctx, input }));
