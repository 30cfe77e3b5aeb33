import { integer, pgTable, text, unique } from 'drizzle-orm/pg-core';
import { createdAt, id, orgId, updatedAt } from './columns';

/**
 * An organization's secrets (ad-platform tokens, webhook signing keys, later deploy credentials), encrypted with
 * AES-256-GCM under `MOS_SECRETS_KEY`. Referenced by name everywhere; the value is never returned or logged.
 */
export const orgSecrets = pgTable(
  'org_secrets',
  {
    id: id(),
    orgId: orgId(),
    name: text('name').notNull(),
    /** base64 of the AES-GCM ciphertext with its tag. */
    ciphertext: text('ciphertext').notNull(),
    /** base64 of the 12-byte IV. */
    iv: text('iv').notNull(),
    keyVersion: integer('key_version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [unique('uq_org_secrets_name').on(t.orgId, t.name)],
);
