import { MetaConnectorSettings } from '@mos/db/contracts';
import * as z from 'zod';
import { Id } from './common';

export const ConnectorByClient = z.strictObject({ clientId: Id });
export type ConnectorByClient = z.infer<typeof ConnectorByClient>;

/** Admins only; the token is an org secret named in `settings.tokenSecret`, which must exist. */
export const ConnectorUpsertMeta = z.strictObject({
  clientId: Id,
  settings: MetaConnectorSettings,
  enabled: z.boolean(),
});
export type ConnectorUpsertMeta = z.infer<typeof ConnectorUpsertMeta>;

export const ConnectorRemove = z.strictObject({ clientId: Id, platform: z.enum(['meta']) });
export type ConnectorRemove = z.infer<typeof ConnectorRemove>;
