import { router } from '../../trpc';
import { get } from './get';
import { remove } from './remove';
import { upsertMeta } from './upsert-meta';

/** A client's ad platform connectors (Meta): anyone in the org reads, admins change. */
export const connectorsRouter = router({ get, upsertMeta, remove });
