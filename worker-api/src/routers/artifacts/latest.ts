import { ArtifactLatest } from '../../schemas/artifacts';
import { latestArtifact } from '../../services/artifacts/latest';
import { orgProcedure } from '../../trpc';

export const latest = orgProcedure
  .input(ArtifactLatest)
  .query(({ ctx, input }) => latestArtifact({ ctx, input }));
