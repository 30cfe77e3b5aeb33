import { ArtifactVersions } from '../../schemas/artifacts';
import { artifactVersions } from '../../services/artifacts/versions';
import { orgProcedure } from '../../trpc';

export const versions = orgProcedure
  .input(ArtifactVersions)
  .query(({ ctx, input }) => artifactVersions({ ctx, input }));
