import { type Queryable, resolveOwnedRefs } from '@mos/db';
import { DomainError } from '../../errors';

/**
 * Asserts that referenced ids belong to the org (another org's id answers NOT_FOUND, like a missing one)
 * and, when both are given, that the campaign belongs to the client. One round trip.
 */
export async function assertOwnedRefs(
  q: Queryable,
  orgId: string,
  ids: {
    clientId?: string | null | undefined;
    campaignId?: string | null | undefined;
    experimentId?: string | null | undefined;
  },
): Promise<void> {
  const refs = await resolveOwnedRefs(q, orgId, ids);
  if (ids.clientId && !refs.client) throw DomainError.notFound('client');
  if (ids.campaignId) {
    if (!refs.campaignClientId) throw DomainError.notFound('campaign');
    if (ids.clientId && refs.campaignClientId !== ids.clientId) {
      throw DomainError.field(['campaignId'], 'is not a campaign of this client');
    }
  }
  if (ids.experimentId && !refs.experiment) throw DomainError.notFound('experiment');
}
