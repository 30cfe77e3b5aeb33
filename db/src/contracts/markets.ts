/**
 * Markets as campaigns name them: ISO 3166-1 alpha-2 countries, read from a client's free-text primary markets,
 * with the currency and language each one implies. Shared by the API (validation), planning and the web form.
 */

/** Currency of a market's country code (the markets agencies sell in most; unknown codes fall back to prices). */
export const CURRENCY_BY_MARKET: Readonly<Record<string, string>> = {
  US: 'USD',
  USA: 'USD',
  UK: 'GBP',
  GB: 'GBP',
  IE: 'EUR',
  DE: 'EUR',
  AT: 'EUR',
  FR: 'EUR',
  ES: 'EUR',
  IT: 'EUR',
  NL: 'EUR',
  BE: 'EUR',
  PT: 'EUR',
  FI: 'EUR',
  GR: 'EUR',
  CH: 'CHF',
  SE: 'SEK',
  NO: 'NOK',
  DK: 'DKK',
  PL: 'PLN',
  CA: 'CAD',
  AU: 'AUD',
  NZ: 'NZD',
  JP: 'JPY',
  IN: 'INR',
  BR: 'BRL',
  MX: 'MXN',
  SG: 'SGD',
  AE: 'AED',
  ZA: 'ZAR',
};

/** The language most ads of a market are written in (BCP 47 primary subtag). */
export const LANGUAGE_BY_MARKET: Readonly<Record<string, string>> = {
  US: 'en',
  USA: 'en',
  UK: 'en',
  GB: 'en',
  IE: 'en',
  CA: 'en',
  AU: 'en',
  NZ: 'en',
  SG: 'en',
  ZA: 'en',
  IN: 'en',
  DE: 'de',
  AT: 'de',
  CH: 'de',
  FR: 'fr',
  BE: 'fr',
  ES: 'es',
  MX: 'es',
  IT: 'it',
  NL: 'nl',
  PT: 'pt',
  BR: 'pt',
  SE: 'sv',
  NO: 'no',
  DK: 'da',
  FI: 'fi',
  PL: 'pl',
  GR: 'el',
  JP: 'ja',
  AE: 'ar',
};

/** Common non-ISO spellings clients type for a market. */
const MARKET_ALIASES: Readonly<Record<string, string>> = {
  USA: 'US',
  UK: 'GB',
  'UNITED STATES': 'US',
  'UNITED KINGDOM': 'GB',
  GERMANY: 'DE',
  DEUTSCHLAND: 'DE',
  AUSTRIA: 'AT',
  SWITZERLAND: 'CH',
  FRANCE: 'FR',
  SPAIN: 'ES',
  ITALY: 'IT',
  NETHERLANDS: 'NL',
  CANADA: 'CA',
  AUSTRALIA: 'AU',
};

export const MARKET_CODE_PATTERN = /^[A-Z]{2}$/;
export const CURRENCY_CODE_PATTERN = /^[A-Z]{3}$/;

/** ISO alpha-2 code of a client's market entry ("us", "USA", "Germany" → US, US, DE); null when unknown. */
export function marketCode(entry: string): string | null {
  const key = entry.trim().toUpperCase();
  const code = MARKET_ALIASES[key] ?? key;
  return MARKET_CODE_PATTERN.test(code) ? code : null;
}

/** The distinct ISO codes of a client's primary markets, in the client's order (unknown entries left out). */
export function clientMarketCodes(primaryMarkets: readonly string[]): string[] {
  return [...new Set(primaryMarkets.map(marketCode).filter((c): c is string => c !== null))];
}

/** The budget currency a campaign defaults to: its first market's currency, else null (the client's prices). */
export function defaultMarketCurrency(markets: readonly string[]): string | null {
  const first = markets[0];
  return first === undefined ? null : (CURRENCY_BY_MARKET[first] ?? null);
}
