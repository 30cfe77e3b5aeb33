import type { ClientRow } from '@mos/db';
import { clientMarketCodes, defaultMarketCurrency } from '@mos/db/contracts';
import { DomainError } from '../../errors';

/**
 * The markets a campaign runs in: those asked for, each one of the client's primary markets (else a field error
 * naming `markets`); when none are asked for, the client's first market (none when the client names none).
 */
export function campaignMarkets(
  client: Pick<ClientRow, 'primaryMarkets'>,
  asked: readonly string[] | undefined,
): string[] {
  const allowed = clientMarketCodes(client.primaryMarkets);
  if (asked === undefined) return allowed.slice(0, 1);
  const unknown = asked.filter((m) => !allowed.includes(m));
  if (unknown.length > 0) {
    const known = allowed.length > 0 ? allowed.join(', ') : 'none';
    throw DomainError.field(
      ['markets'],
      `${unknown.join(', ')} ${unknown.length === 1 ? 'is not a' : 'are not'} primary market of the client (its markets: ${known})`,
    );
  }
  return [...asked];
}

/** The budget currency: the one asked for, else the first market's (null: planning derives it from prices). */
export function campaignCurrency(
  markets: readonly string[],
  asked: string | null | undefined,
): string | null {
  return asked ?? defaultMarketCurrency(markets);
}
