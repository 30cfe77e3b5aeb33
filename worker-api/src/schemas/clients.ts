import { AD_VERTICALS, CLIENT_STATUSES } from '@mos/db/contracts';
import * as z from 'zod';
import { Cursor, Id, Language, Limit, Market, Name, nullableText } from './common';

export { CLIENT_STATUSES };

export const ClientCreate = z.strictObject({
  name: Name,
  industry: nullableText(200),
  /** The ad-policy vertical compliance QA applies; null derives it from `industry`. */
  adVertical: z.enum(AD_VERTICALS).nullish(),
  primaryMarkets: z.array(Market).max(50).default([]),
  primaryLanguages: z.array(Language).max(50).default([]),
});
export type ClientCreate = z.infer<typeof ClientCreate>;

export const ClientUpdate = z.strictObject({
  id: Id,
  name: Name.optional(),
  industry: nullableText(200),
  adVertical: z.enum(AD_VERTICALS).nullish(),
  primaryMarkets: z.array(Market).max(50).optional(),
  primaryLanguages: z.array(Language).max(50).optional(),
  status: z.enum(CLIENT_STATUSES).optional(),
});
export type ClientUpdate = z.infer<typeof ClientUpdate>;

export const ClientList = z.strictObject({
  status: z.enum(CLIENT_STATUSES).optional(),
  search: z.string().trim().max(200).optional(),
  cursor: Cursor,
  limit: Limit,
});
export type ClientList = z.infer<typeof ClientList>;

export const ById = z.strictObject({ id: Id });
export type ById = z.infer<typeof ById>;

/** A client's funnel design tokens (`clients.designTokens` / `clients.setDesignTokens`). */
export const DesignTokensRef = z.strictObject({ clientId: Id });
export type DesignTokensRef = z.infer<typeof DesignTokensRef>;

export const DesignTokensSet = z.strictObject({
  clientId: Id,
  /** `DesignTokens` of the block library (validated in the service); null goes back to the derived tokens. */
  tokens: z.record(z.string(), z.unknown()).nullable(),
});
export type DesignTokensSet = z.infer<typeof DesignTokensSet>;
