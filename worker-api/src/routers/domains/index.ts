import { router } from '../../trpc';
import { add } from './add';
import { assign } from './assign';
import { list } from './list';
import { remove } from './remove';
import { verify } from './verify';

/** Custom domains for funnels: a TXT record proves the hostname, verified through DNS-over-HTTPS. */
export const domainsRouter = router({ list, add, verify, remove, assign });
