import * as z from 'zod';
import { Id } from './common';

/**
 * Inputs of `domains.*`. The hostname is normalised in the service (lower-case, no trailing dot) and refused
 * there with a reason when it carries a scheme, a port or a path, so the message names what to drop.
 */
export const DomainList = z.strictObject({ clientId: Id.optional(), funnelId: Id.optional() });
export type DomainList = z.infer<typeof DomainList>;

export const DomainAdd = z.strictObject({
  clientId: Id,
  hostname: z.string().trim().min(1, 'is required').max(300, 'must be at most 300 characters'),
  /** The funnel the host serves (a funnel of the same client); can be assigned later. */
  funnelId: Id.nullish(),
});
export type DomainAdd = z.infer<typeof DomainAdd>;

export const DomainById = z.strictObject({ id: Id });
export type DomainById = z.infer<typeof DomainById>;

export const DomainAssign = z.strictObject({
  id: Id,
  /** null: the host serves no funnel. */
  funnelId: Id.nullable(),
});
export type DomainAssign = z.infer<typeof DomainAssign>;
