import { ArtifactList } from '../../schemas/artifacts';
import { listArtifacts } from '../../services/artifacts/list';
import { orgProcedure } from '../../trpc';

export const list = orgProcedure.input(ArtifactList).query(({ ctx, input }) => listArtifacts({ ctx, input }));
