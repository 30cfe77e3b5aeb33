import { ArtifactById } from '../../schemas/artifacts';
import { getArtifact } from '../../services/artifacts/get';
import { orgProcedure } from '../../trpc';

export const get = orgProcedure.input(ArtifactById).query(({ ctx, input }) => getArtifact({ ctx, input }));
