import { router } from '../../trpc';
import { createVersion } from './create-version';
import { get } from './get';
import { latest } from './latest';
import { list } from './list';
import { versions } from './versions';

export const artifactsRouter = router({ list, get, latest, versions, createVersion });
